//! The name dictionaries (INSEE first names and surnames), loaded once per process.
//!
//! The shipped files (`data/firstnames.tsv`, `data/surnames.tsv`) are already folded
//! (lower case, no accents, see `data/README.md`), so loading is a split of lines.
//! Every word is known by a 64-bit key (`key`, a hash of the folded word); the entries
//! live in a compact open-addressing table (16 bytes a slot, one cache line a lookup),
//! and two small maps answer the frequent questions of the fast path without touching
//! it: the class of a context word (`class_key`) and "a first name alone is a name"
//! (`is_lone_key`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const FIRSTNAMES: &str = include_str!("../../../data/firstnames.tsv");
const SURNAMES: &str = include_str!("../../../data/surnames.tsv");

/// What the dictionaries say about one folded word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Births with this first name (1900-2021), 0 when it is not a first name.
    pub(crate) births: u32,
    /// Frequency rank as a surname (1 = most frequent), 0 when not a surname.
    pub(crate) surname_rank: u32,
    /// The first name is also an ordinary French word (pierre, rose, marine).
    pub(crate) first_common: bool,
    /// The surname is also an ordinary French word (blanc, petit, moulin).
    pub(crate) surname_common: bool,
    /// The word's classes in the context lists (`words::TITLE`…), 0 for none.
    pub(crate) class: u8,
}

impl Entry {
    pub(crate) fn is_first(self) -> bool {
        self.births > 0
    }
    pub(crate) fn is_surname(self) -> bool {
        self.surname_rank > 0
    }
    /// A first name frequent enough, and never an ordinary word, to be a name alone.
    #[inline]
    pub(crate) fn is_lone_first_name(self) -> bool {
        self.births >= 2000 && !self.first_common && !self.surname_common && self.class == 0
    }
    /// A very frequent first name that is also an ordinary word (Pierre, Claire,
    /// Olivier): a name alone only capitalised inside a sentence, unhyphenated.
    #[inline]
    pub(crate) fn is_lone_common_first_name(self) -> bool {
        self.births >= 20_000 && self.first_common && self.class == 0
    }
}

/// Frequent first names whose capitalised word inside a sentence is mostly something
/// else: a feast (Noël), a unit or a language (Pascal), an award (Oscar), an
/// institution (la Marine), a chemical (amine), a shortening (Max).
const NOT_LONE: &[&str] = &[
    "noel",
    "max",
    "oscar",
    "amine",
    "ange",
    "reine",
    "victoire",
    "constance",
    "marine",
    "pascal",
    "romain",
    "aime",
    "clement",
    "aurore",
];

/// FxHash (rustc's hasher): the keys are short, trusted strings from the crate itself,
/// and lookups happen for every capitalised word, so SipHash's cost is not wanted.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }

    /// `write` of the lower case of `bytes` (ASCII), lower-cased eight bytes at a
    /// time in registers (no copy).
    #[inline]
    pub(crate) fn write_lower_ascii(&mut self, bytes: &[u8]) {
        debug_assert!(bytes.is_ascii());
        // High bit of each byte that is a capital (the bytes are below 0x80: adding
        // at most 0x7F never carries into the next byte), moved to bit 5.
        const LO: u64 = 0x0101_0101_0101_0101;
        const HI: u64 = 0x8080_8080_8080_8080;
        let lower = |w: u64| {
            let ge = w.wrapping_add(LO * u64::from(0x80 - b'A'));
            let gt = w.wrapping_add(LO * u64::from(0x7F - b'Z'));
            w | ((ge & !gt & HI) >> 2)
        };
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(lower(u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let v = rest
                .iter()
                .rev()
                .fold(0u64, |v, &c| (v << 8) | u64::from(c));
            self.add(lower(v) ^ ((rest.len() as u64) << 56));
        }
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The rest as a little-endian word, assembled in registers (no copy call).
            let v = rest
                .iter()
                .rev()
                .fold(0u64, |v, &c| (v << 8) | u64::from(c));
            self.add(v ^ ((rest.len() as u64) << 56));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// A map keyed by `key(folded word)`.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A hasher for keys that are already good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The 64-bit key of a folded word: FxHash then a finaliser (murmur3 `fmix64`) so
/// that every bit depends on every byte. Keys are compared as integers (no string
/// comparison on the hot path); a collision between an unknown word and one of the
/// ~130,000 entries has a probability of about 1e-14 per lookup.
#[inline]
pub(crate) fn key(folded: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(folded.as_bytes());
    finish_key(h.finish(), folded.len())
}

/// `key` of the lower-cased `word`, for a word of ASCII letters only (the folded
/// form of such a word is its lower case), without writing the folded word.
#[inline]
pub(crate) fn key_ascii_letters(word: &[u8]) -> u64 {
    debug_assert!(word.iter().all(u8::is_ascii_alphabetic));
    // Setting bit 5 lower-cases an ASCII letter.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let mut h = FxHasher::default();
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        h.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])) | LOWER);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The rest as a little-endian word, assembled in registers (no copy call).
        let v = rest
            .iter()
            .rev()
            .fold(0u64, |v, &c| (v << 8) | u64::from(c));
        let lower = LOWER >> (8 * (8 - rest.len()));
        h.add((v | lower) ^ ((rest.len() as u64) << 56));
    }
    finish_key(h.finish(), word.len())
}

#[inline]
fn finish_key(hash: u64, len: usize) -> u64 {
    let mut k = hash ^ (len as u64);
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Both dictionaries in one map, keyed by `key(folded word)`.
pub(crate) struct Dict {
    map: Table,
    /// The classes of the listed words alone (a few kilobytes, stays in cache).
    classes: KeyMap<u8>,
    /// The keys of the first names that may be a name alone: `false` for
    /// `Entry::is_lone_first_name`, `true` for `Entry::is_lone_common_first_name`.
    lone: KeyMap<bool>,
}

impl Dict {
    fn load() -> Dict {
        let mut map: HashMap<u64, Entry, BuildHasherDefault<IdHasher>> =
            HashMap::with_capacity_and_hasher(140_000, BuildHasherDefault::default());
        for line in FIRSTNAMES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(count), _, Some(common)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let e = map.entry(key(name)).or_default();
            e.births = count.parse().unwrap_or(1).max(1);
            e.first_common = common == "1";
        }
        for (rank, line) in SURNAMES.lines().filter(|l| !l.starts_with('#')).enumerate() {
            let mut cols = line.split('\t');
            let (Some(name), Some(common)) = (cols.next(), cols.next()) else {
                continue;
            };
            let e = map.entry(key(name)).or_default();
            if e.surname_rank == 0 {
                e.surname_rank = u32::try_from(rank + 1).unwrap_or(u32::MAX);
                e.surname_common = common == "1";
            }
        }
        let mut classes: KeyMap<u8> = KeyMap::default();
        for (w, class) in super::words::all_classes() {
            map.entry(key(w)).or_default().class |= class;
            *classes.entry(key(w)).or_default() |= class;
        }
        let not_lone: Vec<u64> = NOT_LONE.iter().map(|w| key(w)).collect();
        let lone = map
            .iter()
            .filter_map(|(k, e)| {
                if e.is_lone_first_name() {
                    Some((*k, false))
                } else if e.is_lone_common_first_name() && !not_lone.contains(k) {
                    Some((*k, true))
                } else {
                    None
                }
            })
            .collect();
        Dict {
            map: Table::new(&map),
            classes,
            lone,
        }
    }

    /// The entry for a folded word (all zero when unknown).
    #[inline]
    pub(crate) fn get(&self, folded: &str) -> Entry {
        self.get_key(key(folded))
    }

    /// The entry for a word's key (`key(folded)`).
    #[inline]
    pub(crate) fn get_key(&self, k: u64) -> Entry {
        self.map.get(k)
    }

    /// The class bits of a word's key (`Entry::class`), from the small map.
    #[inline]
    pub(crate) fn class_key(&self, k: u64) -> u8 {
        self.classes.get(&k).copied().unwrap_or(0)
    }

    /// The first name may be a name alone (`Entry::is_lone_first_name` or
    /// `Entry::is_lone_common_first_name`), from the small map.
    #[inline]
    pub(crate) fn is_lone_key(&self, k: u64) -> bool {
        self.lone.contains_key(&k)
    }

    /// The first name is a name alone only inside a sentence
    /// (`Entry::is_lone_common_first_name`, not excluded).
    #[inline]
    pub(crate) fn is_lone_common_key(&self, k: u64) -> bool {
        self.lone.get(&k).copied().unwrap_or(false)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len
    }
}

/// The entries in an open-addressing table of `(key, packed entry)` pairs, 16 bytes
/// each: a lookup reads one slot (rarely the next ones), so one cache line, where a
/// general hash map reads a control group then a bucket. The table is a few megabytes
/// and most lookups miss the CPU caches: one miss instead of two.
struct Table {
    /// Key 0 marks an empty slot; a word whose key is 0 is kept in `zero`.
    slots: Box<[(u64, u64)]>,
    mask: usize,
    zero: Option<u64>,
    #[cfg(test)]
    len: usize,
}

impl Table {
    fn new(map: &HashMap<u64, Entry, BuildHasherDefault<IdHasher>>) -> Table {
        // Load factor at most 2/3: short probe sequences.
        let size = (map.len() * 3 / 2 + 1).next_power_of_two();
        let mut slots = vec![(0u64, 0u64); size].into_boxed_slice();
        let mask = size - 1;
        let mut zero = None;
        for (&k, &e) in map {
            if k == 0 {
                zero = Some(pack(e));
                continue;
            }
            // Keys are well-mixed hashes: their low bits are the slot.
            let mut i = (k as usize) & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k, pack(e));
        }
        Table {
            slots,
            mask,
            zero,
            #[cfg(test)]
            len: map.len(),
        }
    }

    #[inline]
    fn get(&self, k: u64) -> Entry {
        if k == 0 {
            return self.zero.map(unpack).unwrap_or_default();
        }
        let mut i = (k as usize) & self.mask;
        loop {
            let (sk, v) = self.slots[i];
            if sk == k {
                return unpack(v);
            }
            if sk == 0 {
                return Entry::default();
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Saturation of the 24-bit counts: only small thresholds are ever compared
/// (births ≥ 2000 at most, rank > 0), so saturating changes no decision.
const MAX24: u32 = (1 << 24) - 1;

/// An entry in 64 bits: births (24), surname rank (24), class (8), two flags.
#[inline]
fn pack(e: Entry) -> u64 {
    u64::from(e.births.min(MAX24))
        | u64::from(e.surname_rank.min(MAX24)) << 24
        | u64::from(e.class) << 48
        | u64::from(e.first_common) << 56
        | u64::from(e.surname_common) << 57
}

#[inline]
fn unpack(v: u64) -> Entry {
    Entry {
        births: (v & u64::from(MAX24)) as u32,
        surname_rank: ((v >> 24) & u64::from(MAX24)) as u32,
        class: (v >> 48) as u8,
        first_common: v >> 56 & 1 == 1,
        surname_common: v >> 57 & 1 == 1,
    }
}

/// The dictionaries, loaded on first use.
pub(crate) fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(Dict::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_lower_ascii_is_write_of_the_lower_case() {
        for s in [
            "",
            "a",
            "Jean DUPONT",
            "N'DIAYE-Le Goff",
            "@[`{ AZaz09",
            "0123456789ABCDEFGHIJ",
        ] {
            let mut a = FxHasher::default();
            a.write_lower_ascii(s.as_bytes());
            let mut b = FxHasher::default();
            b.write(s.to_ascii_lowercase().as_bytes());
            assert_eq!(a.finish(), b.finish(), "{s}");
        }
    }

    #[test]
    fn lookups() {
        let d = dict();
        assert!(d.len() > 100_000);
        let jean = d.get("jean");
        assert!(jean.is_first() && jean.births > 1_000_000 && jean.first_common);
        let dupont = d.get("dupont");
        assert!(dupont.is_surname() && !dupont.is_first() && !dupont.surname_common);
        let martin = d.get("martin");
        assert_eq!(martin.surname_rank, 1);
        assert!(martin.surname_common);
        assert!(d.get("lefevre").is_surname());
        assert!(d.get("helene").is_first());
        assert_eq!(d.get("zzzqx"), Entry::default());
        for w in [
            "a",
            "Le",
            "DUPONT",
            "Jean",
            "abcdefgh",
            "AbCdEfGhI",
            "Maximilienne",
            "x",
        ] {
            assert_eq!(
                key_ascii_letters(w.as_bytes()),
                key(&w.to_ascii_lowercase()),
                "{w}"
            );
        }
        // The small maps agree with the entries.
        for w in [
            "jean", "kevin", "dupont", "monsieur", "rue", "le", "de", "florence", "zzzqx",
        ] {
            let e = d.get(w);
            assert_eq!(d.class_key(key(w)), e.class, "{w}");
            assert_eq!(
                d.is_lone_key(key(w)),
                e.is_lone_first_name() || e.is_lone_common_first_name(),
                "{w}"
            );
            assert_eq!(
                d.is_lone_common_key(key(w)),
                e.is_lone_common_first_name(),
                "{w}"
            );
        }
        assert!(d.is_lone_key(key("kevin")) && !d.is_lone_common_key(key("kevin")));
        assert!(d.is_lone_common_key(key("jean")) && !d.is_lone_key(key("noel")));
        for e in [jean, dupont, martin, d.get("monsieur"), d.get("florence")] {
            assert_eq!(unpack(pack(e)), e);
        }
    }
}
