//! ADDRESS: French postal addresses.
//!
//! An address is a chain of *segments* separated by a comma, a dash, a line break or
//! plain spaces:
//!
//! - a numbered street: house number (`12`, `12 bis`, `5B`, `12-14`) + voie type, full
//!   or abbreviated (`rue`, `av.`, `bd`, `imp`…, from `data/street_types.tsv`) + voie
//!   name (capitalised words, particles, numbers: `du 8 Mai 1945`);
//! - a named place: `lieu-dit`, `résidence`, `hameau`… + name;
//! - a complement: `Bât. B`, `Escalier C`, `Apt 4`, `3e étage`, `BP 42`, `CS 12345`;
//! - a postcode + commune (`data/communes.tsv`, compared folded, with the commune's
//!   own postcodes when possible), then `CEDEX [n]` or an arrondissement (`Paris 11e`).
//!
//! - a known commune after a street (`…, Paris`, `… à Lyon`), a postcode after a
//!   commune or a street (`Lyon (69003)`, `rue Ordener (75018)`).
//!
//! One contiguous chain is one finding. A street line without number just above a
//! postcode line is part of it (`rue des Lilas⏎75011 Paris`, `BP 42⏎73590 Crest`).
//! Form and record fields are found on their own: `Code postal : 75011`,
//! `"ville": "Paris"`, `"city": "Lyon"`, CSV cells `12 rue X;75011;Paris`.
//!
//! Candidates start from the digit runs computed once per text (house numbers,
//! postcodes), from a packed SIMD searcher over six cores of the few words that open a
//! number-less address (`lieu-dit`, `résidence`, `hameau`), and from the `:` and `=`
//! after the commune labels (`ville`, `commune`, `localité`, `city`). The cheapest
//! tests come first: the word after a house number is rejected on its first three
//! letters before it is read. Nothing is allocated per token: words are folded into
//! stack buffers; the tables are loaded once per process.
//!
//! A street in prose without number or postcode ("la rue de la Paix est fermée") and a
//! commune without postcode are not addresses. Weak voie types (`parc`, `porte`,
//! `mail`…), ordinary-word types (`place`, `cours`, `route`…) with a lower-case name,
//! numbers-only names (`Route nationale 7`) and a capitalised type before a lower-case
//! adjective (`2 Chemin critique`) need a postcode or an address label nearby
//! ("3 places de parking" is not one). A code that is not a postcode (`75056`, an
//! INSEE code) is not one either, unless CEDEX follows.
//!
//! Confidence: street + postcode + commune 970; postcode + commune of that postcode
//! 950; numbered street with a capitalised name 940 (above person names, so that
//! `12 rue Victor Hugo` stays one address), with a lower-case name 920; commune with
//! another postcode or before its postcode 900; `lieu-dit` alone 850, a commune after a
//! label 850; weak cases with an address label 800–820; a bare postcode after a label
//! 800; an unknown upper-case commune after a postcode 700.

use super::{Detector, Scan};
use crate::text::{char_at, char_before, fold_char, space_len, window_before};
use crate::{Finding, Kind, Reason};
use aho_corasick::packed;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const DETECTOR: &str = "address";

static STREET_TYPES_TSV: &str = include_str!("../../data/street_types.tsv");
static COMMUNES_TSV: &str = include_str!("../../data/communes.tsv");

/// What a voie-type word introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TypeKind {
    /// A street (rue, avenue…).
    Voie,
    /// A named place (lieu-dit, résidence, hameau…).
    Lieu,
    /// ZA, ZI, ZAC.
    Zone,
    /// RD, RN, route nationale.
    Route,
    /// BP, CEDEX, bâtiment… (not a voie).
    Complement,
}

#[derive(Clone, Copy, Debug)]
struct TypeInfo {
    kind: TypeKind,
    strong: bool,
    /// The form is an abbreviation (`av`, `bd`), not the full word.
    abbrev: bool,
    /// A plural form (`rues`, `allées`): never a voie after a house number.
    plural: bool,
    /// An ordinary word (`place`, `cours`, `route`…) or an abbreviation that is one
    /// (`car`, `pas`): needs a capitalised name, a postcode or an address label.
    ambiguous: bool,
    /// The type is the whole name (`Grande Rue`, `Grand-Place`).
    self_named: bool,
}

/// Multi-word forms (`lieu dit`, `rond point`, `grande rue`), by first folded word.
struct MultiForm {
    rest: Box<str>,
    info: TypeInfo,
}

/// A cheap hasher for short dictionary keys (folded words, commune names): the
/// default SipHash dominated the voie-type lookups. Keys are not attacker-chosen
/// (the tables are fixed): no need for a keyed hash.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut t = [0u8; 8];
            t[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(t)).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // Mix the high bits down: hashbrown picks the bucket from the low bits.
        self.0 ^ (self.0 >> 32)
    }
}

type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Bit index of the first two bytes of a folded word (a word of one letter: second
/// byte 0), for a 1024-bit prefilter.
#[inline]
fn pair_bit(w: &[u8]) -> usize {
    let a = w.first().map_or(0, |c| c & 31) as usize;
    let b = w.get(1).map_or(0, |c| c & 31) as usize;
    a << 5 | b
}

/// Bit index of the first four letters of a folded word (zero-padded: a shorter word
/// differs from the longer ones it starts), five bits each, hashed down to 16 bits,
/// for a 65536-bit prefilter.
#[inline]
fn quad_bit(q: u32) -> usize {
    (q.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// The `quad_bit` input of a folded dictionary word.
fn quad_of(w: &[u8]) -> u32 {
    w.iter()
        .take(4)
        .enumerate()
        .fold(0, |q, (k, &c)| q | u32::from(c & 31) << (5 * k))
}

/// What a character U+00C0..=U+00FF (UTF-8 `C3 80`..`C3 BF`) is to [`read_word`]:
/// the ASCII letter it folds to, [`L1_NOT_LETTER`] when it ends a word (`×`, `÷`),
/// [`L1_OTHER`] when it folds to something else (`æ`, `ß`).
fn latin1_folds() -> [u8; 64] {
    let mut t = [L1_OTHER; 64];
    for (k, slot) in t.iter_mut().enumerate() {
        let c = char::from_u32(0xC0 + k as u32).expect("Latin-1");
        let (alphabetic, _) = letter_class(c);
        let f = fold_char(c);
        *slot = if !alphabetic {
            L1_NOT_LETTER
        } else if f.is_ascii_lowercase() {
            f as u8
        } else {
            L1_OTHER
        };
    }
    t
}
const L1_NOT_LETTER: u8 = 0;
const L1_OTHER: u8 = 1;

/// What a folded word is, in the word lists of this file (bits of [`WordInfo::class`]).
const C_PARTICLE: u16 = 1;
const C_COMPLEMENT: u16 = 1 << 1;
const C_FIELD: u16 = 1 << 2;
const C_MONTH: u16 = 1 << 3;
const C_NAME_ABBREV: u16 = 1 << 4;
const C_STOP: u16 = 1 << 5;
const C_SUFFIX: u16 = 1 << 6;
/// `l`, `d`, `qu`: elided before an apostrophe.
const C_ELISION: u16 = 1 << 7;

/// The lists of each class bit.
const CLASS_LISTS: &[(u16, &[&str])] = &[
    (C_PARTICLE, PARTICLES),
    (C_COMPLEMENT, COMPLEMENT_WORDS),
    (C_FIELD, FIELD_WORDS),
    (C_MONTH, MONTHS),
    (C_NAME_ABBREV, NAME_ABBREV),
    (C_STOP, NAME_STOP_WORDS),
    (C_SUFFIX, SUFFIXES),
    (C_ELISION, &["l", "d", "qu"]),
];

/// Everything known about one folded word: its classes, the voie type it is, the
/// multi-word voie types it starts.
#[derive(Default)]
struct WordInfo {
    class: u16,
    /// The voie type of the word alone (`types` in the data file's words).
    ty: Option<TypeInfo>,
    /// Multi-word forms starting with this word (`lieu dit`, `grande rue`), longest
    /// first.
    multi: Vec<MultiForm>,
}

/// Words of at most 16 bytes packed into a `u128` (zero-padded, as [`Word`] keeps
/// its buffer), in an open-addressing table: one multiplication and usually one
/// comparison per lookup, instead of a hash map per list or a comparison per word
/// of a list.
struct WordTable {
    /// Packed keys; 0 is an empty slot (no word is empty).
    keys: Box<[u128]>,
    /// Index into `infos` of the key in the same slot.
    vals: Box<[u16]>,
    infos: Vec<WordInfo>,
}

/// Slots of the [`WordTable`] (a power of two, under half full).
const WORD_SLOTS: usize = 2048;

impl WordTable {
    #[inline]
    fn slot(key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 11)) as usize
    }
    /// The packed key of a folded word (`None` beyond 16 bytes).
    fn pack(w: &[u8]) -> Option<u128> {
        if w.is_empty() || w.len() > 16 {
            return None;
        }
        let mut t = [0u8; 16];
        t[..w.len()].copy_from_slice(w);
        Some(u128::from_le_bytes(t))
    }
    #[inline]
    fn get(&self, key: u128) -> Option<&WordInfo> {
        let mut i = Self::slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(&self.infos[usize::from(self.vals[i])]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & (WORD_SLOTS - 1);
        }
    }
    /// The entry of `w`, created if needed.
    fn entry(&mut self, w: &[u8]) -> &mut WordInfo {
        let key = Self::pack(w).expect("dictionary words have 1 to 16 bytes");
        let mut i = Self::slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return &mut self.infos[usize::from(self.vals[i])];
            }
            if k == 0 {
                assert!(self.infos.len() < WORD_SLOTS / 2, "word table too full");
                self.keys[i] = key;
                self.vals[i] = self.infos.len() as u16;
                self.infos.push(WordInfo::default());
                return self.infos.last_mut().expect("just pushed");
            }
            i = (i + 1) & (WORD_SLOTS - 1);
        }
    }
}

struct Tables {
    /// Voie types (single words and the first words of multi-word forms) and the
    /// word lists, by folded word.
    words: WordTable,
    /// `pair_bit` of every key of `types` and `multi`: most words are rejected
    /// without hashing.
    type_pairs: [u64; 16],
    /// `quad_bit` of every voie-type word (single words and first words of the
    /// multi-word forms) and of the house-number suffixes (`bis`, `ter`, `quater`,
    /// `a`-`d`).
    street_quads: Box<[u64; 1024]>,
    /// [`latin1_folds`].
    latin1: [u8; 64],
    /// Normalised folded commune names (words separated by one space).
    names: Vec<&'static str>,
    /// (postcode, index into `names`, tag of the name's first word), sorted (by
    /// postcode, then tag: the names of a postcode that start with one word are
    /// together).
    by_cp: Vec<(u32, u32, u32)>,
    /// Where the entries of each five-digit postcode start in `by_cp` (one more
    /// entry at the end).
    cp_index: Vec<u32>,
    /// Normalised folded name → every commune of that name is an ordinary word.
    by_name: WordMap<&'static str, bool>,
    /// The cores of the openers (`OPENER_CORES`).
    openers: packed::Searcher,
}

/// Ordinary French words among the full voie types: need more evidence.
const AMBIGUOUS_FULL: &[&str] = &[
    "place",
    "cours",
    "route",
    "passage",
    "traverse",
    "promenade",
    "villa",
    "cite",
    "carrefour",
    "parvis",
    "terrasse",
    "corniche",
    "placette",
    "chaussee",
    "square",
    "esplanade",
    "quai",
    "montee",
    "sentier",
    "sente",
    "lotissement",
    "hameau",
    "residence",
];

/// Abbreviations that may stand alone in lower case ("12 bd des lilas"); not `ch`
/// (`110 ch de puissance`).
const SAFE_ABBREV: &[&str] = &[
    "av", "ave", "bd", "bld", "blvd", "bvd", "imp", "chem", "pl", "rte", "fbg", "fg", "sq", "all",
    "res", "ld", "r", "crs",
];

/// The first four bytes of a folded word, zero-padded: a cheap pre-comparison.
fn tag(w: &[u8]) -> u32 {
    let mut t = [0u8; 4];
    let n = w.len().min(4);
    t[..n].copy_from_slice(&w[..n]);
    u32::from_be_bytes(t)
}

/// House-number suffixes (`12 bis`, `5 B`).
const SUFFIXES: &[&str] = &["bis", "ter", "quater", "a", "b", "c", "d"];

impl Tables {
    /// False when the word at `i` is surely neither a voie type nor a house-number
    /// suffix, judged on its first four letters (ASCII or Latin-1 folded as
    /// [`read_word`] folds them), without reading the whole word.
    #[inline]
    fn may_start_street(&self, b: &[u8], i: usize) -> bool {
        // ASCII letters here; the other characters on the general path.
        let mut q = 0u32;
        for k in 0..4 {
            match b.get(i + k) {
                Some(&c) if c.is_ascii_alphabetic() => q |= u32::from(c & 31) << (5 * k),
                Some(&c) if c >= 0x80 => return self.may_start_street_chars(b, i),
                _ if k == 0 => return false,
                _ => break,
            }
        }
        let bit = quad_bit(q);
        self.street_quads[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// [`Tables::may_start_street`] when a non-ASCII byte comes within four bytes.
    #[cold]
    #[inline(never)]
    fn may_start_street_chars(&self, b: &[u8], i: usize) -> bool {
        let mut q = 0u32;
        let mut p = i;
        for k in 0..4 {
            let l = match b.get(p) {
                Some(&c) if c.is_ascii_alphabetic() => {
                    p += 1;
                    c
                }
                Some(0xC3) => match b.get(p + 1) {
                    Some(&d @ 0x80..=0xBF) => match self.latin1[usize::from(d - 0x80)] {
                        L1_NOT_LETTER => 0,
                        L1_OTHER => return true,
                        l => {
                            p += 2;
                            l
                        }
                    },
                    _ => return true,
                },
                // Another non-ASCII character: a letter, a combining mark or a
                // symbol (`€`); only a symbol at the start is surely no word.
                Some(&c) if c >= 0x80 => {
                    if k > 0 {
                        return true;
                    }
                    let rest = std::str::from_utf8(&b[p..b.len().min(p + 4)]);
                    let c = match rest {
                        Ok(r) => r.chars().next(),
                        Err(e) => std::str::from_utf8(&b[p..p + e.valid_up_to()])
                            .ok()
                            .and_then(|r| r.chars().next()),
                    };
                    return c.is_none_or(|c| {
                        !is_symbol(c) && (letter_class(c).0 || ('\u{300}'..='\u{36f}').contains(&c))
                    });
                }
                _ => 0,
            };
            if l == 0 {
                if k == 0 {
                    return false;
                }
                break;
            }
            q |= u32::from(l & 31) << (5 * k);
        }
        let bit = quad_bit(q);
        self.street_quads[bit / 64] & (1 << (bit % 64)) != 0
    }
    /// The (postcode, commune) entries of postcode `cp`.
    fn communes_of(&self, cp: u32) -> &[(u32, u32, u32)] {
        let c = cp as usize;
        if let (Some(&from), Some(&to)) = (self.cp_index.get(c), self.cp_index.get(c + 1)) {
            return &self.by_cp[from as usize..to as usize];
        }
        let lo = self.by_cp.partition_point(|e| e.0 < cp);
        let hi = lo + self.by_cp[lo..].partition_point(|e| e.0 == cp);
        &self.by_cp[lo..hi]
    }
    /// The entries of `list` (the entries of one postcode) whose tag is `tag`.
    fn with_tag(list: &[(u32, u32, u32)], tag: u32) -> &[(u32, u32, u32)] {
        let lo = list.partition_point(|e| e.2 < tag);
        let n = list[lo..].iter().take_while(|e| e.2 == tag).count();
        &list[lo..lo + n]
    }
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(load)
}

/// Folds and normalises a dictionary form: lower case, no accents, `-` `'` and spaces
/// to one space, dots removed.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) || c == '.' {
            continue;
        }
        let f = fold_char(c);
        match f {
            '-' | '\'' | ' ' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(f),
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn load() -> Tables {
    let mut words = WordTable {
        keys: vec![0; WORD_SLOTS].into(),
        vals: vec![0; WORD_SLOTS].into(),
        infos: Vec::new(),
    };
    // Every key of the voie types, for the prefilters.
    let mut type_keys: Vec<String> = Vec::new();
    for line in STREET_TYPES_TSV.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let kind = match cols[3] {
            "voie" => TypeKind::Voie,
            "lieu" => TypeKind::Lieu,
            "zone" => TypeKind::Zone,
            "route" => TypeKind::Route,
            _ => TypeKind::Complement,
        };
        let strong = cols[4] == "strong";
        let full = norm(cols[0]);
        let mut forms: Vec<(String, bool, bool)> = vec![(full.clone(), false, false)];
        for a in cols[1].split(',').filter(|a| !a.is_empty()) {
            forms.push((norm(a), true, false));
        }
        for v in cols[2].split(',').filter(|v| !v.is_empty()) {
            let v = norm(v);
            let plural = v.ends_with('s') && !full.ends_with('s') || v.starts_with("lieux");
            forms.push((v, false, plural));
        }
        for (form, abbrev, plural) in forms {
            if form.is_empty() {
                continue;
            }
            let ambiguous = if abbrev {
                !SAFE_ABBREV.contains(&form.as_str())
            } else {
                AMBIGUOUS_FULL.contains(&form.as_str()) || !strong
            };
            let self_named = !abbrev && (full == "grande rue" || full == "grand place");
            let info = TypeInfo {
                kind,
                strong,
                abbrev,
                plural,
                ambiguous,
                self_named,
            };
            match form.split_once(' ') {
                None => {
                    // The first entry wins: `cr` is cours before chemin rural.
                    let e = words.entry(form.as_bytes());
                    if e.ty.is_none() {
                        e.ty = Some(info);
                        type_keys.push(form);
                    }
                }
                Some((first, rest)) => {
                    let e = words.entry(first.as_bytes());
                    if e.multi.is_empty() {
                        type_keys.push(first.to_owned());
                    }
                    e.multi.push(MultiForm {
                        rest: rest.into(),
                        info,
                    });
                }
            }
        }
    }
    // Longest multi-word form first.
    for e in &mut words.infos {
        e.multi.sort_by_key(|f| std::cmp::Reverse(f.rest.len()));
    }
    for &(class, list) in CLASS_LISTS {
        for w in list {
            words.entry(w.as_bytes()).class |= class;
        }
    }
    // communes.tsv: name, key (the name folded by `norm`), postcodes, common word.
    // Keys are borrowed from the embedded file: nothing is copied.
    let mut names: Vec<&'static str> = Vec::with_capacity(36_000);
    let mut by_cp: Vec<(u32, u32, u32)> = Vec::with_capacity(42_000);
    let mut by_name: WordMap<&'static str, bool> =
        WordMap::with_capacity_and_hasher(36_000, Default::default());
    for row in tsv_lines(COMMUNES_TSV).skip(1) {
        let Some([_, key, cps, cw]) = row else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        let idx = names.len() as u32;
        let common = cw == "1";
        let e = by_name.entry(key).or_insert(common);
        *e &= common;
        names.push(key);
        let first_word = key.as_bytes().split(|&c| c == b' ').next().unwrap_or(b"");
        let key_tag = tag(first_word);
        for cp in cps.as_bytes().split(|&c| c == b',') {
            if let Some(v) = parse_cp(cp) {
                by_cp.push((v, idx, key_tag));
            }
        }
    }
    sort_by_cp(&mut by_cp);
    // The names of one postcode by tag (the order of the names of one postcode
    // does not matter: the longest match wins).
    // Postcodes have five digits (larger codes: searched in the whole table).
    let mut cp_index = vec![0u32; 100_001];
    let mut next_c = 0;
    let mut k = 0;
    while k < by_cp.len() {
        let cp = by_cp[k].0;
        let n = 1 + by_cp[k + 1..].iter().take_while(|e| e.0 == cp).count();
        if n > 1 {
            by_cp[k..k + n].sort_unstable_by_key(|e| (e.2, e.1));
        }
        // The postcodes after the previous one up to this one start here (those
        // without names: empty).
        let upto = (cp as usize).min(100_000);
        if next_c <= upto {
            cp_index[next_c..=upto].fill(k as u32);
            next_c = upto + 1;
        }
        k += n;
    }
    if next_c <= 100_000 {
        cp_index[next_c..].fill(by_cp.len() as u32);
    }
    let openers = packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(OPENER_CORES)
        .build()
        .expect("static patterns compile");
    let mut type_pairs = [0u64; 16];
    for k in &type_keys {
        let bit = pair_bit(k.as_bytes());
        type_pairs[bit / 64] |= 1 << (bit % 64);
    }
    let mut street_quads = Box::new([0u64; 1024]);
    for k in type_keys
        .iter()
        .map(|k| k.as_bytes())
        .chain(SUFFIXES.iter().map(|s| s.as_bytes()))
    {
        let bit = quad_bit(quad_of(k));
        street_quads[bit / 64] |= 1 << (bit % 64);
    }
    Tables {
        words,
        type_pairs,
        street_quads,
        latin1: latin1_folds(),
        names,
        by_cp,
        cp_index,
        by_name,
        openers,
    }
}

/// The lines of a TSV file (cut as `str::lines` cuts them) with their first four
/// columns (cut as `split('\t')` cuts them), `None` for a line with fewer columns:
/// one pass over the bytes, no searcher per field.
fn tsv_lines(data: &'static str) -> impl Iterator<Item = Option<[&'static str; 4]>> {
    let b = data.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        let mut cols = [""; 4];
        let mut n = 0;
        let mut field = start;
        let mut end = b.len();
        let mut k = start;
        while k < b.len() {
            let c = b[k];
            // Fields are short: a byte loop beats a searcher per separator.
            if c <= b'\n' {
                if c == b'\n' {
                    end = k;
                    break;
                }
                if c == b'\t' {
                    if n < 4 {
                        cols[n] = &data[field..k];
                    }
                    n += 1;
                    field = k + 1;
                }
            }
            k += 1;
        }
        pos = end + 1;
        // `lines` drops a `\r` before the `\n`.
        let mut line_end = end;
        if end < b.len() && line_end > field && b[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        if n < 4 {
            cols[n] = &data[field..line_end];
            n += 1;
        }
        Some((n >= 4).then_some(cols))
    })
}

/// A number as `str::parse::<u32>` reads it (an optional `+`, digits, no overflow).
fn parse_cp(s: &[u8]) -> Option<u32> {
    let d = s.strip_prefix(b"+").unwrap_or(s);
    if d.is_empty() {
        return None;
    }
    d.iter().try_fold(0u32, |v, &c| {
        c.is_ascii_digit()
            .then_some(())
            .and_then(|()| v.checked_mul(10)?.checked_add(u32::from(c - b'0')))
    })
}

/// Sorts `(postcode, index, tag)` entries pushed in index order as `sort_unstable`
/// would (by postcode, then index): a stable radix sort on the postcode, linear.
fn sort_by_cp(v: &mut Vec<(u32, u32, u32)>) {
    if v.iter().any(|e| e.0 >= 1 << 18) || v.windows(2).any(|w| w[0].1 > w[1].1) {
        v.sort_unstable();
        return;
    }
    let mut tmp = vec![(0u32, 0u32, 0u32); v.len()];
    for shift in [0, 9] {
        let mut count = [0usize; 513];
        for e in v.iter() {
            count[((e.0 >> shift) & 511) as usize + 1] += 1;
        }
        for i in 0..512 {
            count[i + 1] += count[i];
        }
        for e in v.iter() {
            let d = ((e.0 >> shift) & 511) as usize;
            tmp[count[d]] = *e;
            count[d] += 1;
        }
        std::mem::swap(v, &mut tmp);
    }
}

/// Words that open an address without a house number (`lieu-dit`, `résidence`,
/// `hameau`), without their first letter so that exact (case-sensitive) matching
/// covers `Lieu-dit`, `lieu-dit`, `LIEU-DIT`. Each match is moved back one letter.
const OPENERS: &[&str] = &[
    "ieu-dit",
    "ieu dit",
    "ieudit",
    "ieu-Dit",
    "IEU-DIT",
    "IEU DIT",
    "IEUDIT",
    "ésidence",
    "esidence",
    "ÉSIDENCE",
    "ESIDENCE",
    "ameau",
    "AMEAU",
];

/// The parts of the `OPENERS` searched for (a SIMD searcher is fastest with few
/// patterns): every opener contains one, at offset 0 (`ieu-`, `IEU`, `ameau`…) or
/// after its first character (`ésidence`, `esidence`); [`opener_at`] checks the
/// whole word. (`ieu` alone would also stop at every `Monsieur`.)
const OPENER_CORES: &[&str] = &[
    "ieu-", "ieu ", "ieud", "IEU", "siden", "SIDEN", "ameau", "AMEAU",
];

/// The start of the opener that contains the core found at `h`, if any.
#[inline]
fn opener_at(b: &[u8], h: usize) -> Option<usize> {
    let start = match b[h] {
        b's' | b'S' => match h.checked_sub(1).map(|k| b[k]) {
            Some(0xA9 | 0x89) => h.checked_sub(2)?,
            Some(_) => h - 1,
            None => return None,
        },
        _ => h,
    };
    OPENERS
        .iter()
        .any(|o| b[start..].starts_with(o.as_bytes()))
        .then_some(start)
}

/// Form and record labels before a commune name (`Ville : Lyon`, `"commune": "Lyon"`),
/// found from the `:` or `=` that follows them.
const COMMUNE_LABELS: &[&str] = &[
    "ville",
    "Ville",
    "VILLE",
    "commune",
    "Commune",
    "COMMUNE",
    "localité",
    "Localité",
    "LOCALITÉ",
    "localite",
    "LOCALITE",
    "city",
    "City",
    "CITY",
];

/// A word folded into a stack buffer (ASCII only; other letters make it unknowable).
#[derive(Clone, Copy)]
struct Word {
    buf: [u8; 40],
    len: usize,
    /// Byte offset just after the word in the text.
    end: usize,
    /// First letter upper-case.
    cap: bool,
    /// Every letter upper-case.
    upper: bool,
    /// Folding produced only ASCII and fit the buffer.
    ok: bool,
}

impl Word {
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn is(&self, s: &str) -> bool {
        self.ok && self.as_bytes() == s.as_bytes()
    }
    fn is_any(&self, list: &[&str]) -> bool {
        list.iter().any(|s| self.is(s))
    }
    /// The word packed as a [`WordTable`] key (`None` when unknowable or too long).
    #[inline]
    fn key(&self) -> Option<u128> {
        if !self.ok || self.len > 16 {
            return None;
        }
        // The buffer is zero after the word.
        Some(u128::from_le_bytes(
            self.buf[..16].try_into().expect("16 bytes"),
        ))
    }
    /// What the word is in the tables ([`WordTable`]).
    #[inline]
    fn info(&self) -> Option<&'static WordInfo> {
        tables().words.get(self.key()?)
    }
    /// The class bits of the word (`C_*`).
    #[inline]
    fn class(&self) -> u16 {
        self.info().map_or(0, |i| i.class)
    }
    /// A first name or surname of the person dictionaries that is not also an
    /// ordinary French word (`hugo`, `jaures`; not `viens`).
    fn is_name(&self) -> bool {
        let Ok(s) = std::str::from_utf8(self.as_bytes()) else {
            return false;
        };
        let e = super::person::dict::dict().get(s);
        self.ok && (e.is_first() && !e.first_common || e.is_surname() && !e.surname_common)
    }
}

/// Reads the run of letters starting at `i` (no hyphen, no apostrophe).
#[inline]
fn read_word(text: &str, i: usize) -> Option<Word> {
    let bytes = text.as_bytes();
    // Quick exit: most calls land on a digit, a space or punctuation.
    match bytes.get(i) {
        Some(c) if c.is_ascii_alphabetic() || *c >= 0x80 => {}
        _ => return None,
    }
    let mut w = Word {
        buf: [0; 40],
        len: 0,
        end: i,
        cap: false,
        upper: true,
        ok: true,
    };
    // ASCII letters; the first other byte ends the word (ASCII) or goes to the
    // path of the other letters (accents, combining marks).
    let k = read_ascii_letters(bytes, i, &mut w);
    if k > i {
        w.cap = bytes[i].is_ascii_uppercase();
        w.end = k;
    }
    if bytes.get(k).is_some_and(|&c| c >= 0x80) {
        read_word_latin1(text, i, k, &mut w);
    }
    if w.len == 0 { None } else { Some(w) }
}

/// Reads the ASCII letters from `k` into `w` (eight at a time, then byte by byte):
/// the offset after them.
#[inline]
fn read_ascii_letters(bytes: &[u8], mut k: usize, w: &mut Word) -> usize {
    while w.len + 8 <= w.buf.len() {
        let Some(chunk) = bytes.get(k..k + 8) else {
            break;
        };
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let n = ascii_letters(x);
        if n == 0 {
            return k;
        }
        let mask = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
        // A lower-case letter has its 0x20 bit.
        if x & mask & 0x2020_2020_2020_2020 != 0 {
            w.upper = false;
        }
        let low = (x | 0x2020_2020_2020_2020) & mask;
        w.buf[w.len..w.len + 8].copy_from_slice(&low.to_le_bytes());
        w.len += n;
        k += n;
        if n < 8 {
            return k;
        }
    }
    while let Some(&c) = bytes.get(k) {
        if !c.is_ascii_alphabetic() {
            break;
        }
        if c.is_ascii_lowercase() {
            w.upper = false;
        }
        if w.len < w.buf.len() {
            w.buf[w.len] = c | 0x20;
            w.len += 1;
        } else {
            w.ok = false;
        }
        k += 1;
    }
    k
}

/// The rest of [`read_word`] from byte `k` (a non-ASCII character): Latin-1 letters
/// that fold to one ASCII letter (`é`, `À`) on the bytes, the ASCII letters after
/// them, and the character path for the others (combining marks, `æ`, other
/// scripts).
#[inline(never)]
fn read_word_latin1(text: &str, i: usize, mut k: usize, w: &mut Word) {
    let bytes = text.as_bytes();
    let latin1 = &tables().latin1;
    loop {
        match bytes.get(k) {
            Some(0xC3) => {
                // U+00C0..=U+00FF: `C3` and a continuation byte.
                let f = bytes
                    .get(k + 1)
                    .map_or(L1_OTHER, |&d| latin1[usize::from(d & 0x3f)]);
                if f <= L1_OTHER {
                    read_word_chars(text, i, k, w);
                    return;
                }
                // Upper case: U+00C0..=U+00DE but `×` (U+00D7).
                let d = bytes[k + 1];
                let upper = d <= 0x9e && d != 0x97;
                if k == i {
                    w.cap = upper;
                }
                if !upper {
                    w.upper = false;
                }
                if w.len < w.buf.len() {
                    w.buf[w.len] = f;
                    w.len += 1;
                } else {
                    w.ok = false;
                }
                k += 2;
                w.end = k;
            }
            Some(&c) if c >= 0x80 => {
                read_word_chars(text, i, k, w);
                return;
            }
            _ => return,
        }
        let a = read_ascii_letters(bytes, k, w);
        if a > k {
            k = a;
            w.end = k;
        }
    }
}

/// How many of the eight bytes of `x` (little-endian: the first byte is the low one)
/// are ASCII letters before the first other byte.
#[inline]
fn ascii_letters(x: u64) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Folded to lower case (an ASCII byte is a letter exactly when this is
    // `a..=z`), high bit dropped: each byte sum below stays under 0x100.
    let v = (x | (LO * 0x20)) & !HI;
    let ge_a = v + LO * (0x80 - u64::from(b'a'));
    let gt_z = v + LO * (0x80 - u64::from(b'z') - 1);
    let letters = ge_a & !gt_z & !x & HI;
    ((!letters & HI).trailing_zeros() / 8) as usize
}

/// General punctuation (U+2000..=U+206F: dashes, quotes, spaces) and currency signs
/// (U+20A0..=U+20CF: `€`): no letter there, no need for the Unicode tables.
#[inline]
fn is_symbol(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}')
}

/// `(c.is_alphabetic(), c.is_uppercase())`, without the Unicode tables for the
/// Latin-1 letters of French (`é`, `À`…).
#[inline]
fn letter_class(c: char) -> (bool, bool) {
    match c {
        '\u{c0}'..='\u{ff}' => (c != '×' && c != '÷', c <= '\u{de}' && c != '×'),
        _ => (c.is_alphabetic(), c.is_uppercase()),
    }
}

/// The character path of [`read_word`] from byte `from` (a non-ASCII character).
#[cold]
#[inline(never)]
fn read_word_chars(text: &str, i: usize, from: usize, w: &mut Word) {
    for (k, c) in text[from..].char_indices() {
        let k = k + from - i;
        if c.is_ascii_alphabetic() {
            if k == 0 {
                w.cap = c.is_ascii_uppercase();
            }
            if c.is_ascii_lowercase() {
                w.upper = false;
            }
            if w.len < w.buf.len() {
                w.buf[w.len] = c.to_ascii_lowercase() as u8;
                w.len += 1;
            } else {
                w.ok = false;
            }
            w.end = i + k + 1;
            continue;
        }
        if c.is_ascii() {
            break;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            w.end = i + k + c.len_utf8();
            continue;
        }
        let (alphabetic, uppercase) = letter_class(c);
        if !alphabetic {
            break;
        }
        if k == 0 {
            w.cap = uppercase;
        }
        if !uppercase {
            w.upper = false;
        }
        let f = fold_char(c);
        let (a, b) = match f {
            'œ' => (b'o', Some(b'e')),
            'æ' => (b'a', Some(b'e')),
            _ if f.is_ascii() => (f as u8, None),
            _ => {
                w.ok = false;
                (b'?', None)
            }
        };
        for x in std::iter::once(a).chain(b) {
            if w.len < w.buf.len() {
                w.buf[w.len] = x;
                w.len += 1;
            } else {
                w.ok = false;
            }
        }
        w.end = i + k + c.len_utf8();
    }
}

/// `text::is_token` deciding on the bytes when the neighbours are ASCII (most are).
#[inline]
fn is_token_at(text: &str, start: usize, end: usize) -> bool {
    !alnum_before(text, start) && !alnum_at(text, end)
}

/// `char_before(text, i).is_some_and(char::is_alphanumeric)`, on the byte when it is
/// ASCII.
#[inline]
fn alnum_before(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => char_before(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// `char_at(text, i).is_some_and(char::is_alphanumeric)`, on the byte when it is
/// ASCII.
#[inline]
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// Skips spaces and non-breaking spaces (not tabs: table cells are not one address;
/// not line breaks).
#[inline]
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b' ') => i += 1,
            // The other spaces of `space_len` (not the tab) start with these bytes.
            Some(0xC2 | 0xE2 | 0xE3 | 0xEF) => match space_len(b, i) {
                Some(n) => i += n,
                None => break,
            },
            _ => break,
        }
    }
    i
}

/// Particles inside voie and place names.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "et", "lès", "les", "lez",
];

/// Words that open a complement or a named place: they end a voie name.
const COMPLEMENT_WORDS: &[&str] = &[
    "residence",
    "res",
    "batiment",
    "bat",
    "bt",
    "immeuble",
    "imm",
    "appartement",
    "appt",
    "apt",
    "app",
    "escalier",
    "esc",
    "etage",
    "lieu",
    "lieudit",
    "ld",
    "bp",
    "cs",
    "tsa",
    "cedex",
    "hameau",
    "porte",
    "entree",
];

// Month names (`rue du 8 Mai 1945`, `place du 19 Mars 1962`).
use crate::text::MONTHS;

/// Words that start another field or sentence, never part of a voie name.
const FIELD_WORDS: &[&str] = &[
    "ne",
    "nee",
    "tel",
    "telephone",
    "portable",
    "mobile",
    "fax",
    "email",
    "mail",
    "courriel",
    "date",
    "nom",
    "prenom",
    "code",
    "cp",
    "ville",
    "pays",
    "iban",
    "bic",
    "numero",
    "objet",
    "reference",
    "ref",
    "madame",
    "monsieur",
    "mme",
    "mlle",
    "m",
    "mr",
    "dossier",
    "siret",
    "siren",
    "cedex",
];

/// True when a `:` follows the word ending at `e` (a form label).
fn label_follows(text: &str, e: usize) -> bool {
    let b = text.as_bytes();
    let mut k = e;
    if b.get(k) == Some(&b'.') {
        k += 1;
    }
    let k = skip_spaces(b, k);
    b.get(k) == Some(&b':')
}

/// Short words followed by a dot inside a name (`St. Michel`, `Gal. Leclerc`).
const NAME_ABBREV: &[&str] = &[
    "st", "ste", "gal", "mal", "dr", "pdt", "pr", "cdt", "lt", "me",
];

/// Labels and verbs that announce an address.
const CONTEXT: &[&str] = &[
    "adresse",
    "domicile",
    "domicilie",
    "domiciliee",
    "demeurant",
    "habite",
    "habitant",
    "reside",
    "residant",
    "residante",
    "demeure",
    "sis",
    "sise",
    "situe",
    "situee",
    "livraison",
    "expedition",
    "facturation",
    "chez",
    "loge",
    "logee",
    "heberge",
    "hebergee",
    "demenage",
    "demenagement",
];

fn has_context(text: &str, start: usize) -> bool {
    let w = window_before(text, start, 80);
    // Only the current and previous line.
    let w = match w.rfind('\n') {
        Some(p) => match w[..p].rfind('\n') {
            Some(q) => &w[q + 1..],
            None => w,
        },
        None => w,
    };
    has_context_word(w)
}

/// `text::has_word_folded(window, CONTEXT)`, with a fast path for ASCII bytes: a
/// word start whose letter cannot begin a `CONTEXT` word is passed over without
/// folding or comparing (`12 rue 12 rue…` chains asked this for every number).
fn has_context_word(window: &str) -> bool {
    // The first two letters of the `CONTEXT` words: bit `second - b'a'` of
    // `PAIRS[first - b'a']`.
    const PAIRS: [u32; 26] = {
        let mut m = [0u32; 26];
        let mut k = 0;
        while k < CONTEXT.len() {
            let w = CONTEXT[k].as_bytes();
            assert!(w.len() >= 2 && w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase());
            m[(w[0] - b'a') as usize] |= 1 << (w[1] - b'a');
            k += 1;
        }
        m
    };
    let b = window.as_bytes();
    let mut prev_alnum = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (first_byte, len) = if c < 0x80 {
            let at_word_start = !prev_alnum;
            prev_alnum = c.is_ascii_alphanumeric();
            if !at_word_start || !c.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let l = c | 0x20;
            let pairs = PAIRS[(l - b'a') as usize];
            // An ASCII second byte must be the word's second letter (a non-ASCII
            // one, an accent, goes to the full comparison).
            let second_ok = match b.get(i + 1) {
                Some(&d) if d < 0x80 => {
                    let d = d | 0x20;
                    d.is_ascii_lowercase() && pairs & 1 << (d - b'a') != 0
                }
                _ => pairs != 0,
            };
            if !second_ok {
                i += 1;
                continue;
            }
            (l, 1)
        } else {
            let Some(ch) = char_at(window, i) else {
                break;
            };
            let at_word_start = !prev_alnum;
            prev_alnum = ch.is_alphanumeric();
            if !at_word_start {
                i += ch.len_utf8();
                continue;
            }
            let first = match fold_char(ch) {
                'œ' => 'o',
                'æ' => 'a',
                f => f,
            };
            let mut fb = [0u8; 4];
            (first.encode_utf8(&mut fb).as_bytes()[0], ch.len_utf8())
        };
        for w in CONTEXT {
            if w.as_bytes()[0] != first_byte {
                continue;
            }
            if let Some(n) = crate::text::prefix_folded_len(&window[i..], w) {
                let end = i + n;
                let last_is_alnum = w.chars().next_back().is_some_and(char::is_alphanumeric);
                if !last_is_alnum || !alnum_at(window, end) {
                    return true;
                }
            }
        }
        i += len;
    }
    false
}

/// Result of parsing a voie or place name.
struct Name {
    end: usize,
    /// First significant word capitalised (or a number).
    cap: bool,
    /// Words with letters (not only numbers: `Route nationale 7` has none after the type).
    words: usize,
    /// The first significant word is lower case and not after a particle
    /// (`Chemin critique`, `rue pasteur`).
    lower_first: bool,
}

/// Words that end an all-lower-case street name (which otherwise goes on over words
/// of the name dictionaries): verbs, pronouns, conjunctions and
/// prepositions that do not occur inside one.
const NAME_STOP_WORDS: &[&str] = &[
    "a", "ai", "as", "au", "aux", "avec", "car", "ce", "ces", "cette", "chez", "dans", "depuis",
    "donc", "elle", "elles", "en", "est", "et", "etait", "il", "ils", "je", "mais", "ma", "me",
    "mes", "mon", "ne", "ni", "nous", "on", "ou", "par", "pas", "pour", "pres", "qu", "que", "qui",
    "sa", "se", "ses", "son", "sont", "sur", "ta", "te", "tes", "ton", "tu", "vers", "vous", "y",
    "stp", "svp", "merci", "depuis", "apres", "avant",
];

/// Parses a voie or place name starting at `i`: words, particles and small numbers on
/// one line, stopping before a comma, a postcode, a complement word or a lower-case
/// word that is not after a particle.
fn parse_name(text: &str, i: usize, first_any_case: bool) -> Option<Name> {
    let b = text.as_bytes();
    let mut pos = i;
    let mut end = i; // end of the last significant (non-particle) token
    let mut cap = None::<bool>;
    let mut prev_particle = false;
    let mut tokens = 0;
    let mut significant = 0;
    let mut words = 0;
    let mut lower_first = false;
    let mut prev_month = false;
    // The last token was a number (`du 8` before `mai 1945`).
    let mut prev_number = false;
    loop {
        if tokens >= 10 || pos >= b.len() {
            break;
        }
        let c = b[pos];
        if c.is_ascii_digit() {
            let s = pos;
            while pos < b.len() && b[pos].is_ascii_digit() {
                pos += 1;
            }
            if pos - s > 4 || !is_token_at(text, s, pos) && !matches!(b.get(pos), Some(b'e' | b'E'))
            {
                // A postcode or a glued number: stop before it.
                break;
            }
            // A date, a time or a decimal (`12/03/1980`, `14:30`, `3.5`) is not part
            // of a name.
            if matches!(b.get(pos), Some(b'/' | b'.' | b':' | b',' | b'-' | b'h'))
                && b.get(pos + 1).is_some_and(u8::is_ascii_digit)
            {
                break;
            }
            // `8 Mai 1945`, `11 Novembre`, `2e Division`: ordinals glued.
            while pos < b.len() && b[pos].is_ascii_alphabetic() {
                pos += 1;
            }
            // A number only after a particle (`du 8 Mai`) or a month (`8 Mai 1945`), or
            // as the whole name after the type (`Route nationale 7`): a phone number
            // or an amount after a name is not part of it.
            let ok = prev_particle || prev_month || significant == 0 && first_any_case;
            if !ok {
                break;
            }
            prev_month = false;
            prev_number = true;
            end = pos;
            cap.get_or_insert(true);
            prev_particle = false;
            significant += 1;
        } else {
            let after_number = std::mem::take(&mut prev_number);
            let Some(w) = read_word(text, pos) else {
                break;
            };
            let mut wend = w.end;
            let class = w.class();
            // Elision: l'Église, d'Orves.
            let elided = matches!(b.get(wend), Some(b'\''))
                || b[wend..].starts_with("\u{2019}".as_bytes()) && w.len <= 2;
            if elided && class & C_ELISION != 0 {
                let ap = if b[wend] == b'\'' { 1 } else { 3 };
                if let Some(w2) = read_word(text, wend + ap) {
                    if w2.class() & C_COMPLEMENT != 0 && significant > 0 {
                        break;
                    }
                    let ok = w2.cap || prev_particle || first_any_case && significant == 0;
                    if !ok {
                        break;
                    }
                    cap.get_or_insert(w2.cap);
                    words += 1;
                    pos = hyphenated(text, w2.end);
                    end = pos;
                    significant += 1;
                    prev_particle = false;
                    tokens += 1;
                    pos = next_token(text, pos, &mut end);
                    if pos == usize::MAX {
                        break;
                    }
                    continue;
                }
                break;
            }
            // A complement word ends the name, except right after a particle
            // (`rue de la Résidence`, `rue de la Porte Jaune`).
            if class & C_COMPLEMENT != 0 && (significant > 0 || w.cap) && !prev_particle {
                break;
            }
            // A form label or another field ends the name (`Tél. :`, `Né le`, `Nom :`).
            if significant > 0 && (class & C_FIELD != 0 || label_follows(text, w.end)) {
                break;
            }
            // `à` inside a name (`chemin du Moulin à Vent`), not before a commune
            // (`rue Pasteur à Lyon`: the commune is a segment of its own).
            let a_inside = w.is("a")
                && text[pos..].starts_with('à')
                && significant > 0
                && read_after_space(text, wend).is_some_and(|n| n.cap)
                && known_commune_at(text, skip_spaces(b, wend)).is_none();
            let particle = class & C_PARTICLE != 0 || a_inside;
            if particle {
                if w.is("et") && !read_after_space(text, wend).is_some_and(|n| n.cap) {
                    break;
                }
                prev_particle = true;
            } else {
                // An all-lower-case name (chat, hand-typed forms: `5 rue victor hugo`)
                // goes on over lower-case words, up to a word that cannot be part of
                // a street name.
                let lower_run =
                    lower_first && !w.cap && significant < 4 && class & C_STOP == 0 && w.is_name();
                // `rue du 8 mai 1945`: a month after the day, whatever its case.
                let date = after_number && class & C_MONTH != 0;
                let ok = w.cap
                    || prev_particle
                    || first_any_case && significant == 0
                    || lower_run
                    || date;
                if !ok || significant == 0 && w.len < 2 {
                    break;
                }
                cap.get_or_insert(w.cap);
                if significant == 0 && !prev_particle && !w.cap {
                    lower_first = true;
                }
                prev_month = class & C_MONTH != 0;
                words += 1;
                // Hyphenated: Saint-Michel, Jean-Baptiste.
                wend = hyphenated(text, wend);
                end = wend;
                significant += 1;
                prev_particle = false;
                if b.get(wend) == Some(&b'.') && class & C_NAME_ABBREV != 0 {
                    wend += 1;
                }
            }
            pos = wend;
        }
        tokens += 1;
        pos = next_token(text, pos, &mut end);
        if pos == usize::MAX {
            break;
        }
    }
    if significant == 0 {
        return None;
    }
    Some(Name {
        end,
        cap: cap.unwrap_or(false),
        words,
        lower_first,
    })
}

/// Extends a word ending at `e` over hyphenated parts (`Saint-Michel`, `Alsace-Lorraine`).
fn hyphenated(text: &str, mut e: usize) -> usize {
    let b = text.as_bytes();
    loop {
        // `-Lorraine`, and elisions inside (`Abbé-de-l'Épée`).
        let n = match b.get(e) {
            Some(b'-') => 1,
            Some(b'\'') if b.get(e.wrapping_sub(2)) == Some(&b'-') => 1,
            Some(0xE2)
                if b[e..].starts_with("\u{2019}".as_bytes())
                    && b.get(e.wrapping_sub(2)) == Some(&b'-') =>
            {
                3
            }
            _ => break,
        };
        match read_word(text, e + n) {
            Some(w) => e = w.end,
            None => break,
        }
    }
    e
}

/// After a name token ending at `pos`: the start of the next token on the same line,
/// or `usize::MAX` when the name ends here.
#[inline]
fn next_token(text: &str, pos: usize, _end: &mut usize) -> usize {
    let b = text.as_bytes();
    let n = skip_spaces(b, pos);
    if n == pos || n >= b.len() {
        return usize::MAX;
    }
    let c = b[n];
    if c.is_ascii_alphanumeric() || c >= 0x80 && char_at(text, n).is_some_and(char::is_alphabetic) {
        n
    } else {
        usize::MAX
    }
}

fn read_after_space(text: &str, pos: usize) -> Option<Word> {
    let n = skip_spaces(text.as_bytes(), pos);
    if n == pos {
        return None;
    }
    read_word(text, n)
}

/// A voie type at `i`: its info and the byte offset after it (and its dot).
fn voie_type(text: &str, i: usize) -> Option<(TypeInfo, usize)> {
    voie_type_of(text, &read_word(text, i)?)
}

/// [`voie_type`] of the word `w`, already read.
fn voie_type_of(text: &str, w: &Word) -> Option<(TypeInfo, usize)> {
    let t = tables();
    if !w.ok {
        return None;
    }
    let bit = pair_bit(w.as_bytes());
    if t.type_pairs[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    let b = text.as_bytes();
    let entry = t.words.get(w.key()?)?;
    for f in &entry.multi {
        if let Some(e) = match_norm(text, w.end, &f.rest, true) {
            return Some((f.info, e));
        }
    }
    let info = entry.ty?;
    let mut e = w.end;
    // `lieu-dit` glued by a hyphen is in `multi`; other hyphens end the word.
    if b.get(e) == Some(&b'-') {
        return None;
    }
    if info.abbrev && b.get(e) == Some(&b'.') {
        e += 1;
    }
    Some((info, e))
}

/// After a word ending at `pos`: the end of the separator run before the next word of
/// a multi-word name (spaces, hyphens, apostrophes: one to three bytes), if any.
#[inline]
fn name_sep(b: &[u8], mut pos: usize) -> Option<usize> {
    let s = pos;
    loop {
        match b.get(pos) {
            // (What `space_len` takes in one byte, and the ASCII hyphen and apostrophe.)
            Some(b' ' | b'\t' | b'-' | b'\'') => pos += 1,
            Some(0xC2 | 0xE2 | 0xE3 | 0xEF) => {
                if let Some(n) = space_len(b, pos) {
                    pos += n;
                } else if b[pos..].starts_with("\u{2019}".as_bytes())
                    || b[pos..].starts_with("\u{2011}".as_bytes())
                {
                    pos += 3;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    if pos == s || pos - s > 3 {
        None
    } else {
        Some(pos)
    }
}

/// Matches the normalised form `rest` (words separated by one space) against the text
/// at `i`, where `i` is just after a word: the text needs a separator (space, hyphen,
/// apostrophe) before each word. Returns the end offset.
fn match_norm(text: &str, i: usize, rest: &str, leading_sep: bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut pos = i;
    let mut first = true;
    for want in rest.as_bytes().split(|&c| c == b' ') {
        if !first || leading_sep {
            pos = name_sep(b, pos)?;
        }
        first = false;
        // Fast path: an ASCII word (what `read_word` would fold to its lower case)
        // compared in place.
        let mut k = pos;
        while k < b.len() && b[k].is_ascii_alphabetic() {
            k += 1;
        }
        if k > pos && k - pos <= 40 && b.get(k).is_none_or(|c| c.is_ascii()) {
            let lower_is = |w: &[u8]| {
                k - pos == w.len() && b[pos..k].iter().zip(w).all(|(&c, &x)| c | 0x20 == x)
            };
            if lower_is(want) {
                pos = k;
            } else if want == b"saint" && lower_is(b"st") || want == b"sainte" && lower_is(b"ste") {
                pos = k;
                if b.get(pos) == Some(&b'.') {
                    pos += 1;
                }
            } else {
                return None;
            }
            continue;
        }
        let w = read_word(text, pos)?;
        if w.as_bytes() == want && w.ok {
            pos = w.end;
        } else if (want == b"saint" && w.is("st") || want == b"sainte" && w.is("ste")) && w.ok {
            pos = w.end;
            if b.get(pos) == Some(&b'.') {
                pos += 1;
            }
        } else {
            return None;
        }
    }
    Some(pos)
}

/// A postcode at digit run `(s, e)` (or `75 001`): its value and end.
fn postcode_at(scan: &Scan<'_>, idx: usize) -> Option<(u32, usize)> {
    let (s, e) = scan.digit_runs[idx];
    let b = scan.bytes();
    let (v, end) = if e - s == 5 {
        (parse_u32(&b[s..e]), e)
    } else if e - s == 2 {
        let &(s2, e2) = scan.digit_runs.get(idx + 1)?;
        if e2 - s2 != 3 || s2 != e + 1 || b[e] != b' ' {
            return None;
        }
        (parse_u32(&b[s..e]) * 1000 + parse_u32(&b[s2..e2]), e2)
    } else {
        return None;
    };
    if !is_token_at(scan.text, s, end) {
        return None;
    }
    // Before it: not a digit group or a decimal ("3 456 78901", "1.20000").
    if s >= 2
        && matches!(b[s - 1], b'.' | b',' | b'/' | b'-' | b'+' | b':')
        && b[s - 2].is_ascii_digit()
    {
        return None;
    }
    let dept = v / 1000;
    if !(1..=95).contains(&dept) && !(97..=98).contains(&dept) {
        return None;
    }
    Some((v, end))
}

fn parse_u32(d: &[u8]) -> u32 {
    d.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'))
}

/// The commune after a postcode `cp` ending at `i`: end offset and confidence.
/// A known commune name (any postcode) starting at `s`: the end of the longest match,
/// whether that name is also an ordinary word (`Rue`, `Orange`, `Paris`) and whether
/// every word of it is capitalised.
fn known_commune_at(text: &str, s: usize) -> Option<(usize, bool, bool)> {
    let t = tables();
    let b = text.as_bytes();
    let mut w = read_word(text, s)?;
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut found = None;
    let mut all_cap = true;
    for _ in 0..6 {
        if !w.ok {
            break;
        }
        let word: &[u8] = if w.is("st") {
            b"saint"
        } else if w.is("ste") {
            b"sainte"
        } else {
            w.as_bytes()
        };
        if len + word.len() + 1 > buf.len() {
            break;
        }
        if len > 0 {
            buf[len] = b' ';
            len += 1;
        }
        buf[len..len + word.len()].copy_from_slice(word);
        len += word.len();
        all_cap &= w.cap || w.len <= 3;
        let mut pos = w.end;
        if b.get(pos) == Some(&b'.') && (w.is("st") || w.is("ste")) {
            pos += 1;
        }
        let key = std::str::from_utf8(&buf[..len]).unwrap_or("");
        if let Some(&common) = t.by_name.get(key) {
            if is_token_at(text, s, pos) {
                found = Some((pos, common, all_cap));
            }
        }
        // Next word after a separator.
        let mut n = pos;
        let mut seps = 0;
        while n < b.len()
            && (matches!(b[n], b' ' | b'-' | b'\'') || text[n..].starts_with('\u{2019}'))
        {
            n += if b[n] < 0x80 { 1 } else { 3 };
            seps += 1;
        }
        if seps == 0 || seps > 2 {
            break;
        }
        match read_word(text, n) {
            Some(nw) => w = nw,
            None => break,
        }
    }
    found
}

/// With `loose`, an unknown capitalised name is accepted after a known postcode (the
/// postcode follows a street or starts a line); otherwise it must be upper case.
fn commune_after(text: &str, cp: u32, i: usize, loose: bool) -> Option<(usize, u16, Reason)> {
    let t = tables();
    let b = text.as_bytes();
    let mut s = skip_spaces(b, i);
    // `75011;Paris` (CSV), `75011,Paris`: only a commune of that very postcode.
    let mut strict = false;
    if s == i && matches!(b.get(i), Some(b';' | b',' | b'\t' | b'|')) {
        s = skip_spaces(b, i + 1);
        strict = true;
    }
    if s == i || s >= b.len() {
        return None;
    }
    // 1. A commune of that postcode.
    let mut best: Option<usize> = None;
    let list = t.communes_of(cp);
    if !list.is_empty() {
        // Compare the first word before the whole name.
        let first = read_word(text, s)?;
        let fw: &[u8] = if first.is("st") {
            b"saint"
        } else if first.is("ste") {
            b"sainte"
        } else {
            first.as_bytes()
        };
        let ftag = tag(fw);
        // The first word is matched here once (as `match_norm` would: `St.` for
        // `saint`), the rest of each name by `match_norm`.
        let mut after_first = first.end;
        if fw.len() > first.len && b.get(after_first) == Some(&b'.') {
            after_first += 1;
        }
        // The text's second word, where `match_norm` reads it: a name of several
        // words can only match when its second word is this one (read once here,
        // not once per name).
        let mut second: Option<Option<Word>> = None;
        let same_tag = if first.ok {
            Tables::with_tag(list, ftag)
        } else {
            &[]
        };
        for &(_, ix, _) in same_tag {
            let name = t.names[ix as usize];
            let nb = name.as_bytes();
            if !(nb.starts_with(fw) && (nb.len() == fw.len() || nb[fw.len()] == b' ')) {
                continue;
            }
            let end = if nb.len() == fw.len() {
                Some(after_first)
            } else {
                let rest = &name[fw.len() + 1..];
                let want = rest.as_bytes().split(|&c| c == b' ').next().unwrap_or(b"");
                let w2 = *second.get_or_insert_with(|| {
                    name_sep(b, after_first).and_then(|p| read_word(text, p))
                });
                let may = w2.is_some_and(|w2| {
                    w2.ok
                        && (w2.as_bytes() == want
                            || want == b"saint" && w2.is("st")
                            || want == b"sainte" && w2.is("ste"))
                });
                if may {
                    match_norm(text, after_first, rest, true)
                } else {
                    None
                }
            };
            if let Some(e) = end {
                if is_token_at(text, s, e) && best.is_none_or(|b| e > b) {
                    best = Some(e);
                }
            }
        }
    }
    if let Some(e) = best {
        return Some((e, 950, Reason::Dictionary));
    }
    if strict {
        return None;
    }
    // 2. A known commune with another postcode (CEDEX codes, moved offices).
    let first = read_word(text, s)?;
    if let Some((e, common, caps)) = known_commune_at(text, s) {
        // An ordinary word (`Ville`, `Bordeaux`) only capitalised and at the end of
        // the line or before CEDEX; never a form label (`59000 Ville : Lille`).
        let next = skip_spaces(b, e);
        let cedex = read_word(text, next).is_some_and(|w| w.is("cedex"));
        let end_ok = next >= b.len()
            || matches!(b[next], b'\n' | b'\r' | b',' | b';' | b')' | b'.')
            || cedex;
        // A code that is no postcode (an INSEE code: `75056 Paris`) only before CEDEX.
        let real = cedex || !list.is_empty();
        if real && b.get(next) != Some(&b':') && (!common || caps && end_ok) {
            return Some((e, 900, Reason::Dictionary));
        }
    }
    // 3. An unknown capitalised name alone on its line, or before CEDEX.
    let shape_ok = if loose {
        first.upper || first.cap
    } else {
        first.upper
    };
    if !t.communes_of(cp).is_empty() && shape_ok && first.len >= 2 {
        let mut e = first.end;
        while matches!(b.get(e), Some(b'-' | b' ' | b'\'')) {
            match read_word(text, e + 1) {
                Some(w2) if w2.cap || w2.upper || w2.len <= 3 => e = w2.end,
                _ => break,
            }
        }
        let after = skip_spaces(b, e);
        let line_end = after >= b.len() || matches!(b[after], b'\n' | b'\r' | b',' | b';' | b')');
        let cedex = read_word(text, after).is_some_and(|w| w.is("cedex"));
        if (line_end || cedex) && !first.is("cedex") {
            return Some((e, 700, Reason::Shape));
        }
    }
    None
}

/// After a commune: `CEDEX [12]`, an arrondissement (`11e`, `1er`).
fn commune_suffix(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let s = skip_spaces(b, i);
    if s == i {
        return i;
    }
    if let Some(w) = read_word(text, s) {
        if w.is("cedex") {
            let mut e = w.end;
            let d = skip_spaces(b, e);
            let mut k = d;
            while k < b.len() && b[k].is_ascii_digit() && k - d < 3 {
                k += 1;
            }
            if k > d && is_token_at(text, d, k) {
                e = k;
            }
            return e;
        }
        return i;
    }
    // Arrondissement: 1er, 2e, 11ème, 3eme.
    let mut k = s;
    while k < b.len() && b[k].is_ascii_digit() && k - s < 2 {
        k += 1;
    }
    if k > s {
        if let Some(w) = read_word(text, k) {
            if w.is_any(&["e", "er", "eme", "ieme"]) && is_token_at(text, s, w.end) {
                return w.end;
            }
        }
    }
    i
}

/// A postcode + commune segment at digit run `idx`: (end, confidence, reason).
fn postcode_segment(scan: &Scan<'_>, idx: usize, loose: bool) -> Option<(usize, u16, Reason)> {
    let (cp, e) = postcode_at(scan, idx)?;
    let b = scan.bytes();
    let mut k = scan.digit_runs[idx].0;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    let line_start = k == 0 || b[k - 1] == b'\n';
    if !loose && !line_start {
        // Unknown communes only on an address line.
        let (ce, conf, reason) = commune_after(scan.text, cp, e, false)?;
        if conf < 900 {
            return None;
        }
        return Some((commune_suffix(scan.text, ce), conf, reason));
    }
    let (ce, conf, reason) = commune_after(scan.text, cp, e, loose)?;
    Some((commune_suffix(scan.text, ce), conf, reason))
}

/// The kind of segment parsed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Seg {
    Street,
    Lieu,
    Complement,
    Postcode,
    /// A known commune without postcode after a street (`…, Paris`, `… à Lyon`).
    Commune,
}

struct Parsed {
    end: usize,
    seg: Seg,
    conf: u16,
    reason: Reason,
}

/// Numbered street at digit run `idx` (house number).
#[inline]
fn street_segment(scan: &Scan<'_>, idx: usize) -> Option<Parsed> {
    let (e, sp) = street_front(scan, idx)?;
    street_rest(scan, idx, e, sp)
}

/// The cheap tests of [`street_segment`], inlined in the callers: most digit runs
/// (phone groups, dates, amounts) stop here. The end of the number (range included)
/// and the start of the word after it.
#[inline(always)]
fn street_front(scan: &Scan<'_>, idx: usize) -> Option<(usize, usize)> {
    let b = scan.bytes();
    let (s, mut e) = scan.digit_runs[idx];
    if e - s > 4 || b[s] == b'0' {
        return None;
    }
    // Range 12-14, 12/14.
    if matches!(b.get(e), Some(b'-' | b'/')) {
        if let Some(&(s2, e2)) = scan.digit_runs.get(idx + 1) {
            if s2 == e + 1 && e2 - s2 <= 4 {
                e = e2;
            }
        }
    }
    // Cheap reject: after the number, a letter, a space or a comma.
    if b.get(e)
        .is_none_or(|&c| AFTER_NUMBER[usize::from(c)] & AFTER_HOUSE_NUMBER == 0)
    {
        return None;
    }
    // Suffix: bis, ter, quater, A-D, glued or spaced.
    let sp = skip_spaces(b, e);
    // Cheap reject on the first two letters of the word after the number (after the
    // comma: `12, rue`): neither a suffix nor a voie type ("3 fois", "12 octets").
    let first = if b[e] == b',' {
        skip_spaces(b, e + 1)
    } else {
        sp
    };
    if !tables().may_start_street(b, first)
        && !connector(b, first).is_some_and(|c| tables().may_start_street(b, c))
    {
        return None;
    }
    Some((e, sp))
}

/// "12 de la rue des Lilas", "au 5 du boulevard Voltaire": the `de la`, `de l'`
/// or `du` between a house number and its voie, in lower case; where the voie
/// starts.
#[inline]
fn connector(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'd') {
        return None;
    }
    let rest = &b[i..];
    let n = if rest.starts_with(b"de la ") {
        6
    } else if rest.starts_with(b"du ") {
        3
    } else if rest.starts_with(b"de l'") {
        5
    } else if rest.starts_with("de l’".as_bytes()) {
        7
    } else {
        return None;
    };
    Some(skip_spaces(b, i + n))
}

/// [`street_segment`] after [`street_front`].
#[inline(never)]
fn street_rest(scan: &Scan<'_>, idx: usize, e: usize, sp: usize) -> Option<Parsed> {
    let text = scan.text;
    let b = scan.bytes();
    let s = scan.digit_runs[idx].0;
    let mut p = e;
    if alnum_before(text, s) {
        return None;
    }
    if s >= 2 && matches!(b[s - 1], b'.' | b',' | b'/' | b'-' | b':') && b[s - 2].is_ascii_digit() {
        return None;
    }
    let w1 = read_word(text, sp);
    if let Some(w) = w1 {
        if w.class() & C_SUFFIX != 0 {
            let after = w.end;
            // A single spaced letter only when a voie type follows.
            let single = w.len == 1;
            let mut nx = skip_spaces(b, after);
            if b.get(nx) == Some(&b',') {
                nx = skip_spaces(b, nx + 1);
            }
            let ok = if single {
                (sp == p || nx > after)
                    && tables().may_start_street(b, nx)
                    && voie_type(text, nx).is_some()
            } else {
                true
            };
            if ok && sp >= p && !alnum_at(text, after) {
                p = after;
            }
        }
    }
    if b.get(p) == Some(&b',') {
        p += 1;
    }
    let mut t0 = skip_spaces(b, p);
    // "12 de la rue …": the voie after the connector.
    let mut w1 = w1;
    if let Some(c) = connector(b, t0).filter(|_| t0 > p) {
        t0 = c;
        w1 = None;
    }
    if t0 == p && p == e && !b.get(p).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if t0 == e {
        // "12rue" is not written; a glued letter was a suffix.
        return None;
    }
    let (info, te) = match w1 {
        Some(w) if t0 == sp => voie_type_of(text, &w)?,
        _ => voie_type(text, t0)?,
    };
    if info.plural || info.kind == TypeKind::Complement {
        return None;
    }
    let ns = skip_spaces(b, te);
    let name = if info.self_named {
        // `1 Grande Rue`: a name may follow (`Grande Rue Saint-Michel`) or not.
        let n = if ns > te {
            parse_name(text, ns, false)
        } else {
            None
        };
        n.unwrap_or(Name {
            end: te,
            cap: char_at(text, t0).is_some_and(char::is_uppercase),
            words: 1,
            lower_first: false,
        })
    } else {
        // `av.Foch`: a dot may stand for the space.
        if ns == te && b.get(te - 1) != Some(&b'.') {
            return None;
        }
        // `12 r. de`, lower-case names allowed after unambiguous full words.
        parse_name(text, ns, true)?
    };
    let strong_ok = info.strong && !info.ambiguous;
    // `Route nationale 7` (no word), `2 Chemin critique` (capitalised type, lower-case
    // adjective): only with a postcode or an address label.
    let doubtful =
        name.words == 0 || name.lower_first && char_at(text, t0).is_some_and(char::is_uppercase);
    let conf;
    let reason;
    if doubtful {
        conf = if has_context(text, s) { 820 } else { 0 };
        reason = Reason::Context;
    } else if name.cap && info.strong {
        conf = 940;
        reason = Reason::Dictionary;
    } else if strong_ok
        && (!info.abbrev
            || b.get(te - 1) == Some(&b'.')
            || SAFE_ABBREV
                .iter()
                .any(|a| text[t0..te].eq_ignore_ascii_case(a))
                // `3 BD neuves`: an upper-case abbreviation before a lower-case word.
                && !b[t0..te].iter().all(u8::is_ascii_uppercase))
    {
        conf = 920;
        reason = Reason::Dictionary;
    } else if has_context(text, s) {
        // Weak or ambiguous type: an address label nearby.
        conf = 820;
        reason = Reason::Context;
    } else {
        // Kept only if a postcode follows (decided by the caller).
        conf = 0;
        reason = Reason::Dictionary;
    }
    Some(Parsed {
        end: name.end,
        seg: Seg::Street,
        conf,
        reason,
    })
}

/// The bytes that may follow a house number or the first group of a postcode (the
/// cheapest test of the digit runs): ASCII letters, space, `,`, `-`, `/`, and the
/// first bytes of the non-breaking spaces (`C2`, `E2`).
/// [`AFTER_HOUSE_NUMBER`] marks those that may follow a whole house number (a
/// letter, a space, `,`, a non-breaking space: not `-` or `/`).
const AFTER_NUMBER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || matches!(b, b' ' | b',' | 0xC2 | 0xE2) {
            t[c] = 1 | AFTER_HOUSE_NUMBER;
        } else if matches!(b, b'-' | b'/') {
            t[c] = 1;
        }
        c += 1;
    }
    t
};
const AFTER_HOUSE_NUMBER: u8 = 2;

/// A named place or complement at `i` (no house number).
fn keyword_segment(text: &str, i: usize) -> Option<Parsed> {
    let b = text.as_bytes();
    let w = read_word(text, i)?;
    if !w.ok {
        return None;
    }
    // BP 42, CS 12345, TSA 12345, B.P. 42.
    let (is_box, mut after) = if w.is_any(&["bp", "cs", "tsa"]) && (w.upper || w.is("bp")) {
        (true, w.end)
    } else if w.is("b") && text[w.end..].starts_with(".P.") || text[w.end..].starts_with(".p.") {
        (true, w.end + 3)
    } else {
        (false, w.end)
    };
    if is_box {
        let d = skip_spaces(b, after);
        let mut k = d;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k == d || k - d > 6 || !is_token_at(text, d, k) {
            return None;
        }
        after = k;
        return Some(Parsed {
            end: after,
            seg: Seg::Complement,
            conf: 0,
            reason: Reason::Shape,
        });
    }
    // Bâtiment B, Bât. A2, Escalier C, Apt 4, Appartement n° 12, Porte 3, Étage 2.
    if w.is_any(&[
        "batiment",
        "bat",
        "bt",
        "escalier",
        "esc",
        "appartement",
        "appt",
        "apt",
        "app",
        "porte",
        "etage",
        "immeuble",
        "imm",
        "entree",
    ]) {
        let mut p = w.end;
        if b.get(p) == Some(&b'.') {
            p += 1;
        }
        let mut d = skip_spaces(b, p);
        // n°, no, numéro
        if let Some(nw) = read_word(text, d) {
            if nw.is_any(&["n", "no", "numero"]) {
                let mut q = nw.end;
                if text[q..].starts_with('°') {
                    q += 2;
                } else if b.get(q) == Some(&b'.') {
                    q += 1;
                }
                d = skip_spaces(b, q);
            }
        }
        if d == p && d < b.len() && b[d] != b' ' {
            return None;
        }
        // Identifier: up to 4 letters/digits (A, B2, 12, RDC).
        let mut k = d;
        while k < b.len() && b[k].is_ascii_alphanumeric() && k - d < 5 {
            k += 1;
        }
        if k == d || !is_token_at(text, d, k) {
            // "Bâtiment Les Lilas": a name.
            let n = parse_name(text, d, false)?;
            if !n.cap {
                return None;
            }
            k = n.end;
        } else if k - d > 3
            && !b[d..k].iter().all(u8::is_ascii_digit)
            && !b[d..k].iter().all(u8::is_ascii_uppercase)
        {
            return None;
        }
        return Some(Parsed {
            end: k,
            seg: Seg::Complement,
            conf: 0,
            reason: Reason::Shape,
        });
    }
    // Lieu-dit, résidence, hameau, lotissement, domaine, cité… + capitalised name.
    let (info, te) = voie_type(text, i)?;
    if info.plural || !matches!(info.kind, TypeKind::Lieu | TypeKind::Voie | TypeKind::Zone) {
        return None;
    }
    let ns = skip_spaces(b, te);
    if ns == te {
        return None;
    }
    let name = parse_name(text, ns, false)?;
    if !name.cap {
        return None;
    }
    let lieu_dit = w.is("lieu") || w.is("lieudit") || w.is("ld");
    Some(Parsed {
        end: name.end,
        seg: if info.kind == TypeKind::Voie {
            Seg::Street
        } else {
            Seg::Lieu
        },
        conf: if lieu_dit { 850 } else { 0 },
        reason: Reason::Dictionary,
    })
}

/// `3e étage`, `1er étage`, `RDC`.
fn floor_segment(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut k = i;
    while k < b.len() && b[k].is_ascii_digit() && k - i < 2 {
        k += 1;
    }
    if k == i {
        return None;
    }
    let w = read_word(text, k)?;
    if !w.is_any(&["e", "er", "eme", "ieme", "ere"]) {
        return None;
    }
    let s = skip_spaces(b, w.end);
    let w2 = read_word(text, s)?;
    if w2.is("etage") { Some(w2.end) } else { None }
}

/// The commune after the commune label that ends before the `:` or `=` at `q`
/// (spaces and quotes between): its span.
fn label_before(text: &str, q: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut le = q;
    while le > 0 && q - le < 6 && matches!(b[le - 1], b' ' | b'\t' | b'"' | b'\'') {
        le -= 1;
    }
    // `label_commune` looks at most 5 bytes past the label for the `:`.
    if q - le > 5 || le == 0 || !matches!(b[le - 1], b'e' | b'E' | b'y' | b'Y' | 0xA9 | 0x89) {
        return None;
    }
    // (Most `… :` are other labels: compare the last two bytes first.)
    let tail = [b[le.saturating_sub(2)], b[le - 1]];
    let l = COMMUNE_LABELS.iter().find(|l| {
        let l = l.as_bytes();
        l[l.len() - 2..] == tail && b[..le].ends_with(l)
    })?;
    label_commune(text, le - l.len(), le)
}

/// After a commune label ending at `le` (`Ville`, `"commune"`): `:` or `=` (quotes and
/// spaces around), then a known commune, any case. Returns its span.
fn label_commune(text: &str, ls: usize, le: usize) -> Option<(usize, usize)> {
    if alnum_before(text, ls) || alnum_at(text, le) {
        return None;
    }
    let b = text.as_bytes();
    let mut p = le;
    let mut colon = false;
    while p < b.len() && p - le < 6 {
        match b[p] {
            b' ' | b'\t' | b'"' | b'\'' => p += 1,
            b':' | b'=' if !colon => {
                colon = true;
                p += 1;
            }
            _ => break,
        }
    }
    if !colon {
        return None;
    }
    let (e, _, _) = known_commune_at(text, p)?;
    Some((p, e))
}

/// `Villeurbanne (69100)`, `LYON 69003`: a commune of that postcode just before it.
/// Returns the span from the commune to the postcode (closing parenthesis included).
fn commune_before(scan: &Scan<'_>, idx: usize) -> Option<(usize, usize)> {
    let text = scan.text;
    let b = scan.bytes();
    let (s, e) = scan.digit_runs[idx];
    if e - s != 5 || !is_token_at(text, s, e) {
        return None;
    }
    let list = tables().communes_of(parse_u32(&b[s..e]));
    if list.is_empty() {
        return None;
    }
    let (mut r, end) = if s > 0 && b[s - 1] == b'(' && b.get(e) == Some(&b')') {
        (s - 1, e + 1)
    } else {
        (s, e)
    };
    let q = r;
    while r > 0 && b[r - 1] == b' ' {
        r -= 1;
    }
    if r == q && end == e || r == 0 {
        return None;
    }
    // Word starts before `r` on the same line, nearest first (at most 6 words).
    let mut k = r;
    let mut words = 0;
    while k > 0 && words < 6 {
        // Back over one word.
        let mut w = k;
        while let Some(c) = char_before(text, w) {
            if c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c) {
                w -= c.len_utf8();
            } else {
                break;
            }
        }
        if w == k {
            break;
        }
        words += 1;
        let wt = match read_word(text, w) {
            Some(x) if x.is("st") => tag(b"saint"),
            Some(x) if x.is("ste") => tag(b"sainte"),
            Some(x) => tag(x.as_bytes()),
            None => break,
        };
        for &(_, ix, _) in Tables::with_tag(list, wt) {
            let name = tables().names[ix as usize];
            if match_norm(text, w, name, false) == Some(r)
                && char_at(text, w).is_some_and(|c| c.is_uppercase())
            {
                return Some((w, end));
            }
        }
        // Over one separator.
        let mut n = w;
        while n > 0 && matches!(b[n - 1], b' ' | b'-' | b'\'') {
            n -= 1;
        }
        if n == w || w - n > 2 {
            break;
        }
        k = n;
    }
    None
}

/// A label right before a bare postcode: `Code postal : 75011`, `"cp": "75011"`.
fn postcode_label_before(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    let mut p = s;
    let mut punct = false;
    while p > 0 && s - p < 6 {
        match b[p - 1] {
            b' ' | b'\t' | b'"' | b'\'' => p -= 1,
            b':' | b'=' => {
                punct = true;
                p -= 1;
            }
            _ => break,
        }
    }
    if !punct {
        return false;
    }
    let w = window_before(text, p, 14);
    let w = w
        .rsplit(|c: char| !c.is_alphanumeric() && c != ' ' && c != '_')
        .next()
        .unwrap_or("");
    let mut f = [0u8; 16];
    let mut n = 0;
    for c in w.chars() {
        let c = if c == '_' { ' ' } else { fold_char(c) };
        if n < f.len() && c.is_ascii() {
            f[n] = c as u8;
            n += 1;
        }
    }
    let f = &f[..n];
    [
        &b"code postal"[..],
        b"cp",
        b"codepostal",
        b"postal code",
        b"postalcode",
        b"postcode",
        b"zip",
        b"zipcode",
        b"code",
    ]
    .iter()
    .any(|l| {
        f.ends_with(l) && (f.len() == l.len() || !f[f.len() - l.len() - 1].is_ascii_alphanumeric())
    })
}

/// `Adresse : 12 Les Hauts de Belleville, 75020 Paris`: a house number and words
/// without voie type before a postcode on the same line, after an address label.
fn same_line_start(text: &str, s: usize) -> usize {
    let b = text.as_bytes();
    // The line start, looked for in the 91 bytes before only (a longer line is
    // never taken): a long line of postcodes stays linear.
    let from = s.saturating_sub(91);
    let ls = match memchr::memrchr(b'\n', &b[from..s]) {
        Some(x) => from + x + 1,
        None if from == 0 => 0,
        None => return s,
    };
    if s - ls > 90 {
        return s;
    }
    let seg_start = b[ls..s]
        .iter()
        .rposition(|&c| c == b':')
        .map_or(ls, |x| ls + x + 1);
    let st = skip_spaces(b, seg_start);
    // `…, BP 42 - 73590 Crest-Voland`, `Lieu-dit Les Combes, 07200 Aubenas`: the last
    // piece before the postcode.
    let piece = text[seg_start..s].trim_end_matches([' ', ',', '-', '\u{2013}']);
    let ks = piece.rfind(',').map_or(seg_start, |x| seg_start + x + 1);
    let ks = skip_spaces(b, ks);
    if ks < seg_start + piece.len() {
        if let Some(kseg) = keyword_segment(&text[..s], ks) {
            if kseg.end == seg_start + piece.len() {
                return ks;
            }
        }
    }
    let mut k = st;
    while k < s && b[k].is_ascii_digit() {
        k += 1;
    }
    if k == st || k - st > 4 || b[st] == b'0' || b.get(k) != Some(&b' ') {
        return s;
    }
    // A capitalised word after the number, then the words up to a separator.
    if !read_word(text, k + 1).is_some_and(|w| w.cap) {
        return s;
    }
    let before = text[st..s].trim_end();
    let sep_ok = before.ends_with(',') || before.ends_with(" -") || before.ends_with('\u{2013}');
    if sep_ok && has_context(text, st) {
        st
    } else {
        s
    }
}

/// [`Scan::run_at_or_after`] `pos`, looked for from run `*hint` (a run at or before
/// the answer, else the whole table is searched) and kept in `hint`: the runs read
/// along an address are a few steps apart.
fn run_from(scan: &Scan<'_>, hint: &mut usize, pos: usize) -> usize {
    let runs = &scan.digit_runs;
    let mut i = (*hint).min(runs.len());
    let found = if i > 0 && runs[i - 1].0 >= pos {
        scan.run_at_or_after(pos)
    } else {
        loop {
            if i >= runs.len() || runs[i].0 >= pos {
                break i;
            }
            if i - *hint >= 8 {
                break i + runs[i..].partition_point(|r| r.0 < pos);
            }
            i += 1;
        }
    };
    *hint = found;
    found
}

impl AddressDetector {
    /// Parses the segment following an address part ending at `e`: returns the
    /// segment (with its start) when one follows after a separator.
    fn continuation(
        &self,
        scan: &Scan<'_>,
        e: usize,
        prev: Seg,
        hint: &mut usize,
    ) -> Option<(usize, Parsed)> {
        let text = scan.text;
        let b = scan.bytes();
        let mut p = skip_spaces(b, e);
        let mut newline = false;
        let mut punct = false;
        match b.get(p) {
            Some(b',' | b';') => {
                p += 1;
                punct = true;
            }
            Some(b'-') if p > e => {
                p += 1;
                punct = true;
            }
            Some(b'\r') | Some(b'\n') => {
                if b[p] == b'\r' {
                    p += 1;
                }
                if b.get(p) == Some(&b'\n') {
                    p += 1;
                }
                newline = true;
            }
            Some(0xE2) if b[p..].starts_with("\u{2013}".as_bytes()) && p > e => {
                p += 3;
                punct = true;
            }
            _ => {}
        }
        let mut s = skip_spaces(b, p);
        if s >= b.len() || (s == e && !newline) {
            return None;
        }
        if prev == Seg::Commune || prev != Seg::Postcode && b[s] == b'(' && s > e {
            // `Lyon (69003)`, `Lyon 69003`, `17 rue Ordener (75018)`.
            let paren = b[s] == b'(';
            let d = if paren { s + 1 } else { s };
            let idx = run_from(scan, hint, d);
            let &(rs, re) = scan.digit_runs.get(idx)?;
            if rs != d || re - rs != 5 || tables().communes_of(parse_u32(&b[rs..re])).is_empty() {
                return None;
            }
            let end = if paren {
                (b.get(re) == Some(&b')')).then_some(re + 1)?
            } else {
                is_token_at(text, rs, re).then_some(re)?
            };
            return Some((
                s,
                Parsed {
                    end,
                    seg: Seg::Postcode,
                    conf: 0,
                    reason: Reason::Dictionary,
                },
            ));
        }
        // `… à Lyon`: only a commune may follow.
        let mut a_commune = false;
        if !punct && !newline && s > e {
            if let Some(w) = read_word(text, s) {
                if w.is("a") && w.len == 1 && !w.cap && b.get(w.end) == Some(&b' ') {
                    a_commune = true;
                    s = skip_spaces(b, w.end);
                }
            }
        }
        if a_commune || punct && matches!(b[p - 1], b',') {
            if prev != Seg::Postcode
                && read_word(text, s).is_some_and(|w| w.cap && !w.is_any(COMPLEMENT_WORDS))
                && (a_commune || keyword_segment(text, s).is_none())
                && let Some((ce, _, true)) = known_commune_at(text, s)
            {
                // Not when the name goes on (`, Paris Match`): end of phrase after it.
                let after = char_at(text, skip_spaces(b, ce));
                if after.is_none_or(|c| !c.is_alphabetic() || c.is_lowercase()) {
                    return Some((
                        s,
                        Parsed {
                            end: ce,
                            seg: Seg::Commune,
                            conf: 0,
                            reason: Reason::Dictionary,
                        },
                    ));
                }
            }
            if a_commune {
                return None;
            }
        }
        let c = b[s];
        if c.is_ascii_digit() {
            let idx = run_from(scan, hint, s);
            if scan.digit_runs.get(idx).is_none_or(|r| r.0 != s) {
                return None;
            }
            if let Some((pe, conf, reason)) = postcode_segment(scan, idx, true) {
                return Some((
                    s,
                    Parsed {
                        end: pe,
                        seg: Seg::Postcode,
                        conf,
                        reason,
                    },
                ));
            }
            if let Some(fe) = floor_segment(text, s) {
                return Some((
                    s,
                    Parsed {
                        end: fe,
                        seg: Seg::Complement,
                        conf: 0,
                        reason: Reason::Shape,
                    },
                ));
            }
            // A numbered street after a place or complement line.
            if prev != Seg::Street && prev != Seg::Postcode && (newline || punct) {
                if let Some(st) = street_segment(scan, idx) {
                    return Some((s, st));
                }
            }
            return None;
        }
        if prev == Seg::Postcode {
            return None;
        }
        let seg = keyword_segment(text, s)?;
        if seg.seg == Seg::Street && prev == Seg::Street {
            return None;
        }
        Some((s, seg))
    }

    /// The address chain that starts at `start` with the segment `first`: its end,
    /// 0 when none was reported. `hint` is the index of a digit run that starts at or
    /// before the end of `first` (where the digit runs after it are looked for).
    fn chain(
        &self,
        scan: &Scan<'_>,
        start: usize,
        first: Parsed,
        mut hint: usize,
        out: &mut Vec<Finding>,
    ) -> usize {
        let mut end = first.end;
        let mut prev = first.seg;
        let mut conf = first.conf;
        let mut reason = first.reason;
        let mut has_postcode = first.seg == Seg::Postcode;
        let mut has_street = first.seg == Seg::Street;
        let mut segs = 1;
        while segs < 8 {
            let Some((_, seg)) = self.continuation(scan, end, prev, &mut hint) else {
                break;
            };
            end = seg.end;
            prev = seg.seg;
            segs += 1;
            if seg.seg == Seg::Postcode {
                has_postcode = true;
                conf = conf.max(seg.conf);
                if seg.reason == Reason::Dictionary {
                    reason = Reason::Dictionary;
                }
            } else {
                if seg.seg == Seg::Street {
                    has_street = true;
                }
                conf = conf.max(seg.conf);
            }
        }
        if has_postcode && (has_street || segs > 1) && conf >= 700 {
            conf = conf.clamp(960, 980);
            if first.conf >= 900 || conf >= 950 {
                conf = 970;
            }
        } else if has_postcode && segs > 1 {
            conf = conf.max(900);
        }
        // A chain of parts, or a named place alone (`Adresse : Résidence Les Pins`),
        // after an address label.
        if (segs > 1 || first.seg == Seg::Lieu) && conf == 0 && has_context(scan.text, start) {
            conf = 800;
            reason = Reason::Context;
        }
        if conf == 0 {
            return 0;
        }
        out.push(Finding::new(
            Kind::Address,
            start,
            end,
            conf,
            DETECTOR,
            reason,
        ));
        end
    }

    /// Extends a postcode-led address back over a street or complement line without a
    /// house number ("rue des Lilas\n75011 Paris", "BP 42\n73590 Crest").
    /// Builds the address chain that starts with the postcode of digit run `idx`
    /// (parsed as `(end, confidence, reason)`), taking in the lines above it that
    /// belong to the address when they come after `last_end`. The end of the
    /// address, if one was reported.
    fn chain_from_postcode(
        &self,
        scan: &Scan<'_>,
        idx: usize,
        (end, conf, reason): (usize, u16, Reason),
        last_end: usize,
        out: &mut Vec<Finding>,
    ) -> Option<usize> {
        let s = scan.digit_runs[idx].0;
        let st = Some(self.back_start(scan.text, s))
            .filter(|&x| x >= last_end)
            .unwrap_or(s);
        let first = Parsed {
            end,
            seg: Seg::Postcode,
            conf,
            reason,
        };
        let end = self.chain(scan, st, first, idx, out);
        (end > 0).then_some(end)
    }

    fn back_start(&self, text: &str, s: usize) -> usize {
        let b = text.as_bytes();
        // The postcode must start its line (after spaces).
        let mut p = s;
        while p > 0 && matches!(b[p - 1], b' ' | b'\t') {
            p -= 1;
        }
        if p > 0 && b[p - 1] != b'\n' {
            return same_line_start(text, s);
        }
        if p == 0 {
            return s;
        }
        let mut le = p - 1;
        if le > 0 && b[le - 1] == b'\r' {
            le -= 1;
        }
        let ls = b[..le]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |x| x + 1);
        let mut st = ls;
        while st < le && matches!(b[st], b' ' | b'\t') {
            st += 1;
        }
        if st >= le || le - st > 80 {
            return s;
        }
        let line = &text[..le];
        let ok = if let Some((info, te)) =
            voie_type(line, st).filter(|(i, _)| i.kind != TypeKind::Complement)
        {
            !info.plural
                && info.kind != TypeKind::Complement
                && parse_name(line, skip_spaces(b, te).min(le), true).is_some_and(|n| n.end == le)
        } else {
            keyword_segment(line, st).is_some_and(|k| k.end == le)
        };
        if ok { st } else { s }
    }
}

pub(crate) struct AddressDetector {
    _priv: (),
}

impl AddressDetector {
    pub(crate) fn new() -> AddressDetector {
        let _ = tables();
        AddressDetector { _priv: () }
    }
}

impl Detector for AddressDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let t = tables();
        // Opener matches, moved back over their first (ASCII) letter.
        let mut openers = t
            .openers
            .find_iter(b)
            .filter_map(|m| opener_at(b, m.start()))
            .filter(|&start| start > 0 && b[start - 1].is_ascii_alphabetic())
            .map(|start| (start - 1, 0))
            .peekable();
        // Commune labels: the commune is found right here.
        let mut labels = memchr::memchr2_iter(b':', b'=', b)
            .filter_map(|q| label_before(text, q))
            .peekable();
        // Both in order (a label's commune first when both start at one place).
        let mut kw = std::iter::from_fn(move || match (openers.peek(), labels.peek()) {
            (Some(o), Some(l)) if o.0 < l.0 => openers.next(),
            (_, Some(_)) => labels.next(),
            (Some(_), None) => openers.next(),
            (None, None) => None,
        })
        .peekable();
        let mut last_end = 0;
        let mut ri = 0;
        loop {
            // The digit runs up to the next keyword (a run first at the same place),
            // then the keyword.
            let key = kw.peek().map_or(usize::MAX, |k| k.0);
            while let Some(&(s, e)) = scan.digit_runs.get(ri) {
                if s > key {
                    break;
                }
                let idx = ri;
                ri += 1;
                if s < last_end {
                    continue;
                }
                let len = e - s;
                if len <= 4 {
                    // After the number: a letter, a space, `,`, `-`, `/` (a range,
                    // a postcode in two groups), a non-breaking space.
                    if b.get(e).is_none_or(|&c| AFTER_NUMBER[usize::from(c)] == 0) {
                        continue;
                    }
                    // `75 001`: a postcode written in two groups.
                    // (Cheap test first: three digits after one space.)
                    if len == 2
                        && b[e] == b' '
                        && scan
                            .digit_runs
                            .get(idx + 1)
                            .is_some_and(|&(s2, e2)| s2 == e + 1 && e2 - s2 == 3)
                    {
                        if let Some(pc) = postcode_segment(scan, idx, false) {
                            if let Some(end) =
                                self.chain_from_postcode(scan, idx, pc, last_end, out)
                            {
                                last_end = end;
                                continue;
                            }
                        }
                    }
                    // A digit after one space: a phone or number group, no street.
                    if b[e] == b' ' && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                        continue;
                    }
                    if let Some(st) = street_segment(scan, idx) {
                        let end = self.chain(scan, s, st, idx, out);
                        if end > 0 {
                            last_end = end;
                        }
                    }
                } else if len == 5 {
                    if let Some(pc) = postcode_segment(scan, idx, false) {
                        if let Some(end) = self.chain_from_postcode(scan, idx, pc, last_end, out) {
                            last_end = end;
                        }
                        continue;
                    }
                    if tables().communes_of(parse_u32(&b[s..e])).is_empty() {
                        continue;
                    }
                    if let Some((cs, ce)) = commune_before(scan, idx) {
                        if cs >= last_end {
                            out.push(Finding::new(
                                Kind::Address,
                                cs,
                                ce,
                                900,
                                DETECTOR,
                                Reason::Dictionary,
                            ));
                            last_end = ce;
                            continue;
                        }
                    }
                    if postcode_label_before(text, s) {
                        out.push(Finding::new(
                            Kind::Address,
                            s,
                            e,
                            800,
                            DETECTOR,
                            Reason::Context,
                        ));
                        last_end = e;
                    }
                }
            }
            let Some((pos, label_end)) = kw.next() else {
                break;
            };
            if pos < last_end {
                continue;
            }
            if label_end > 0 {
                out.push(Finding::new(
                    Kind::Address,
                    pos,
                    label_end,
                    850,
                    DETECTOR,
                    Reason::Context,
                ));
                last_end = label_end;
                continue;
            }
            if char_before(text, pos).is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Some(first) = keyword_segment(text, pos) {
                let end = self.chain(scan, pos, first, ri, out);
                if end > 0 {
                    last_end = end;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addrs(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        AddressDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn tables_load() {
        let t = tables();
        let ty = |w: &str| t.words.get(WordTable::pack(w.as_bytes()).unwrap())?.ty;
        assert!(ty("rue").is_some());
        assert!(ty("bd").is_some_and(|i| i.abbrev));
        assert!(ty("rues").is_some_and(|i| i.plural));
        assert!(ty("lieu").is_none());
        let class = |w: &str| {
            t.words
                .get(WordTable::pack(w.as_bytes()).unwrap())
                .map_or(0, |i| i.class)
        };
        assert_eq!(class("de"), C_PARTICLE);
        assert_eq!(class("cedex"), C_COMPLEMENT | C_FIELD);
        assert_eq!(class("xyz"), 0);
        assert!(!t.communes_of(75011).is_empty());
        for cp in (0..100_500)
            .step_by(7)
            .chain([1000, 75011, 99_999, 100_000])
        {
            let mut want: Vec<u32> = t.by_cp.iter().filter(|e| e.0 == cp).map(|e| e.1).collect();
            want.sort_unstable();
            let mut got: Vec<u32> = t.communes_of(cp).iter().map(|e| e.1).collect();
            got.sort_unstable();
            assert_eq!(got, want, "{cp}");
        }
        assert!(
            t.by_cp
                .windows(2)
                .all(|w| (w[0].0, w[0].2) <= (w[1].0, w[1].2))
        );
        assert!(t.communes_of(75000).is_empty());
        assert!(t.by_name.contains_key("saint denis en bugey"));
    }

    #[test]
    fn tsv_lines_cut_as_lines_and_split() {
        let data = "h\ta\tb\tc\na\tb\tc\td\te\r\n\nx\ty\n1\t2\t3\t4\r\n\t\t\t\n5\t6\t7\t8\r";
        let want: Vec<Option<[&str; 4]>> = data
            .lines()
            .map(|l| {
                let mut c = l.split('\t');
                match (c.next(), c.next(), c.next(), c.next()) {
                    (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
                    _ => None,
                }
            })
            .collect();
        assert_eq!(tsv_lines(data).collect::<Vec<_>>(), want);
        for s in [
            "",
            "+",
            "+5",
            "75011",
            "7a",
            "-1",
            "4294967295",
            "4294967296",
            "007",
        ] {
            assert_eq!(parse_cp(s.as_bytes()), s.parse::<u32>().ok(), "{s}");
        }
        let mut v: Vec<(u32, u32, u32)> = [
            (75011, 0, 1),
            (1000, 1, 2),
            (75011, 2, 3),
            (98799, 3, 4),
            (1000, 4, 5),
        ]
        .to_vec();
        let mut w = v.clone();
        sort_by_cp(&mut v);
        w.sort_unstable();
        assert_eq!(v, w);
    }

    #[test]
    fn commune_keys_are_normalised() {
        // The `key` column must be what `norm` makes of the name.
        for line in COMMUNES_TSV.lines().skip(1) {
            let mut cols = line.split('\t');
            let (name, key) = (cols.next().unwrap(), cols.next().unwrap());
            assert_eq!(norm(name), key, "{name}");
        }
    }

    #[test]
    fn house_number_then_de_la_voie() {
        assert_eq!(
            addrs("Il habite au 12 de la rue des Lilas depuis 2019."),
            ["12 de la rue des Lilas"]
        );
        assert_eq!(
            addrs("le 5 du boulevard Voltaire, 75011 Paris."),
            ["5 du boulevard Voltaire, 75011 Paris"]
        );
        assert_eq!(addrs("au 3 de l'avenue Foch."), ["3 de l'avenue Foch"]);
        // Not a voie after the connector.
        assert!(addrs("article 12 de la loi du 6 janvier 1978, page 12 du rapport.").is_empty());
    }

    #[test]
    fn simple() {
        assert_eq!(
            addrs("Adresse : 12 rue des Lilas, 75011 Paris."),
            ["12 rue des Lilas, 75011 Paris"]
        );
        assert_eq!(addrs("au 5 bis av. Foch"), ["5 bis av. Foch"]);
        assert_eq!(
            addrs("Jean\n9, r. de Raynaud\n81140 Le Verdier CEDEX\nTél"),
            ["9, r. de Raynaud\n81140 Le Verdier CEDEX"]
        );
    }

    #[test]
    fn folding_and_matching() {
        assert_eq!(norm("L'Abergement-Clémenciat"), "l abergement clemenciat");
        assert_eq!(norm("Saint-Denis-lès-Bourg"), "saint denis les bourg");
        assert_eq!(norm("Œuilly"), "oeuilly");
        let t = "ST DENIS EN BUGEY, x";
        assert_eq!(match_norm(t, 0, "saint denis en bugey", false), Some(17));
        assert_eq!(match_norm("St.-Denis", 0, "saint denis", false), Some(9));
        assert_eq!(match_norm("Saint Denisx", 0, "saint denis", false), None);
        assert_eq!(
            known_commune_at("Villeurbanne (69100)", 0).map(|k| k.0),
            Some(12)
        );
        // Ordinary words are found but flagged.
        assert_eq!(known_commune_at("Paris", 0), Some((5, true, true)));
        assert!(known_commune_at("Xyzzyville", 0).is_none());
    }

    #[test]
    fn postcodes() {
        let pc = |text: &str| {
            let scan = Scan::new(text, Vec::new());
            postcode_at(&scan, 0).map(|p| p.0)
        };
        assert_eq!(pc("75011 Paris"), Some(75011));
        assert_eq!(pc("69 003 Lyon"), Some(69003));
        assert_eq!(pc("97400 Saint-Denis"), Some(97400));
        assert_eq!(pc("00123 x"), None);
        assert_eq!(pc("96000 x"), None);
        assert_eq!(pc("750112 x"), None);
    }

    #[test]
    fn word_reading() {
        let w = read_word("Éspl. x", 0).unwrap();
        assert_eq!((w.as_bytes(), w.end, w.cap), (&b"espl"[..], 5, true));
        assert!(read_word("12", 0).is_none());
        let w = read_word("RÉSIDENCE", 0).unwrap();
        assert!(w.upper && w.is("residence"));
        assert_eq!(hyphenated("Abbé-de-l'Épée x", 5), "Abbé-de-l'Épée".len());
    }

    #[test]
    fn context_words_as_text_has_word_folded() {
        for w in [
            "Adresse : ",
            "ADRESSE",
            "xadresse",
            "adressex 12",
            "domicilié à",
            "domicilie\u{301}e 3",
            "Demeurant au",
            "DÉMÉNAGEMENT",
            "de\u{301}me\u{301}nage ",
            "sise",
            "Sis",
            "12 rue 12 rue 12 rue",
            "chez",
            "chéz",
            "œ chez",
            "livraison:",
            "la résidence",
            "",
            "é",
            "résidant",
        ] {
            assert_eq!(
                has_context_word(w),
                crate::text::has_word_folded(w, CONTEXT),
                "{w:?}"
            );
        }
    }

    #[test]
    fn read_word_eight_at_a_time_as_byte_by_byte() {
        // The byte-by-byte reading of ASCII letters, as before the eight-byte path.
        fn reference(text: &str, i: usize) -> Option<(Vec<u8>, usize, bool, bool, bool)> {
            let b = text.as_bytes();
            let mut k = i;
            let (mut buf, mut upper, mut ok) = (Vec::new(), true, true);
            while k < b.len() && b[k].is_ascii_alphabetic() {
                upper &= !b[k].is_ascii_lowercase();
                if buf.len() < 40 {
                    buf.push(b[k] | 0x20);
                } else {
                    ok = false;
                }
                k += 1;
            }
            (k > i).then(|| (buf, k, b[i].is_ascii_uppercase(), upper, ok))
        }
        let mut texts = vec![];
        for unit in [
            "aZ",
            "Rue",
            "x@",
            "[`{",
            "AbCdEfGhIj",
            "z9",
            "Ab-",
            "mm\u{7f}",
        ] {
            for n in 0..50 {
                texts.push(unit.repeat(n / unit.len() + 1)[..n].to_owned() + " 12");
            }
        }
        for t in &texts {
            for i in 0..t.len() {
                let got =
                    read_word(t, i).map(|w| (w.as_bytes().to_vec(), w.end, w.cap, w.upper, w.ok));
                assert_eq!(got, reference(t, i), "{t:?} at {i}");
                if let Some(w) = read_word(t, i) {
                    assert!(w.buf[w.len..].iter().all(|&c| c == 0));
                }
            }
        }
    }

    #[test]
    fn read_word_fast_paths_as_character_path() {
        // The character path alone reads every word (ASCII letters included).
        fn reference(text: &str, i: usize) -> Option<(Vec<u8>, usize, bool, bool, bool)> {
            let mut w = Word {
                buf: [0; 40],
                len: 0,
                end: i,
                cap: false,
                upper: true,
                ok: true,
            };
            read_word_chars(text, i, i, &mut w);
            (w.len > 0).then(|| (w.as_bytes().to_vec(), w.end, w.cap, w.upper, w.ok))
        }
        let units = [
            "Séméacq",
            "VÉNÉJAN",
            "é",
            "À",
            "àb",
            "Œuvre",
            "Æx",
            "ß",
            "×",
            "÷",
            "e\u{301}",
            "Ð",
            "ÿ",
            "Þa",
            "rue",
            "ŒUF",
            "x\u{2019}",
            "Ab1",
            "ÉÉÉÉÉÉÉÉÉÉÉÉ",
        ];
        let mut texts = vec![];
        for u in units {
            for v in units {
                for n in [1, 2, 5, 17, 41] {
                    texts.push(format!("{} {}", u.repeat(n) + v, v));
                }
            }
        }
        for t in &texts {
            for (i, _) in t.char_indices() {
                let got =
                    read_word(t, i).map(|w| (w.as_bytes().to_vec(), w.end, w.cap, w.upper, w.ok));
                assert_eq!(got, reference(t, i), "{t:?} at {i}");
                if let Some(w) = read_word(t, i) {
                    assert!(w.buf[w.len..].iter().all(|&c| c == 0));
                }
            }
        }
    }

    #[test]
    fn symbols_are_no_letters() {
        for c in ('\u{2000}'..='\u{206f}').chain('\u{20a0}'..='\u{20cf}') {
            assert!(is_symbol(c) && !c.is_alphabetic(), "{c:?}");
        }
        assert!(!is_symbol('a') && !is_symbol('\u{2070}') && !is_symbol('\u{1fff}'));
    }

    #[test]
    fn letter_class_as_std() {
        for c in ('\u{80}'..='\u{2ff}').chain(['a', 'Z', '1', '\u{1e9e}']) {
            assert_eq!(
                letter_class(c),
                (c.is_alphabetic(), c.is_uppercase()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn negatives() {
        assert!(addrs("la rue de la Paix est fermée").is_empty());
        assert!(addrs("il reste 3 places de parking").is_empty());
        assert!(addrs("un total de 12 450 euros").is_empty());
    }
}
