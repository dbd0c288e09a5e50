//! The session's mapping: entities (one real-world value, numbered per kind) and
//! their surface forms (each exact spelling seen, numbered as variants).

use crate::{Kind, Operator};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use zeroize::Zeroize;

/// Hash tables of the mapping: short string keys, looked up several times per
/// finding, so SipHash was the largest cost of pseudonymisation in tag mode.
pub(crate) type FastMap<K, V> = HashMap<K, V, FastState>;
/// Hash set with [`FastState`].
pub(crate) type FastSet<K> = HashSet<K, FastState>;

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// 64×64→128 multiplication folded to 64 bits.
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

/// Builds [`FastHasher`]s with a random seed per table (from the standard
/// library's per-process random keys), so that colliding keys cannot be written
/// in advance the way they can for an unkeyed hash.
#[derive(Clone)]
pub(crate) struct FastState(u64);

impl Default for FastState {
    fn default() -> FastState {
        FastState(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64) | 1)
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.0)
    }
}

/// Eight bytes at a time, each mixed by a folded multiplication.
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            h = fold_mul(h ^ w, MUL);
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            let mut buf = [0u8; 8];
            buf[..r.len()].copy_from_slice(r);
            h = fold_mul(h ^ u64::from_le_bytes(buf), MUL ^ r.len() as u64);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = fold_mul(self.0 ^ i, MUL);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        fold_mul(self.0, MUL.rotate_left(29))
    }
}

/// One exact spelling of an entity, and the pseudonym it was given when the kind's
/// operator is not `tag` (hash or surrogate; empty otherwise).
#[derive(Clone)]
pub(crate) struct Form {
    pub(crate) surface: String,
    pub(crate) pseudonym: String,
}

/// One value (a person, a NIR…) with every spelling seen in the session.
#[derive(Clone)]
pub(crate) struct Entity {
    pub(crate) kind: Kind,
    pub(crate) number: u32,
    /// Normalised value (the identity of the entity); literal tag-like text starts
    /// with `\0` so that it never merges with a real value.
    pub(crate) norm: String,
    pub(crate) forms: Vec<Form>,
}

/// Entities and indexes.
#[derive(Clone)]
pub(crate) struct Mapping {
    pub(crate) entities: Vec<Entity>,
    /// Hashes strings for the u64-keyed tables below. Those tables store no copy
    /// of a value (fewer allocations, nothing more to zeroise): a hit is checked
    /// against the entity's own string, and the rare string whose hash is taken by
    /// another one goes to the `*_overflow` table keyed by the string itself.
    hs: FastState,
    /// Per kind (and one more table for literal tag-like text): hash of the exact
    /// surface → (entity, variant).
    by_surface: Vec<FastMap<u64, (u32, u32)>>,
    surface_overflow: Vec<FastMap<String, (u32, u32)>>,
    /// Per kind: hash of the normalised value → entity having that `norm`.
    by_norm: Vec<FastMap<u64, u32>>,
    /// Per kind: normalised value → entity, for values that are not the entity's
    /// own `norm` (a person linked to another by its name tokens) or whose hash is
    /// taken.
    norm_overflow: Vec<FastMap<String, u32>>,
    by_number: FastMap<(Kind, u32), u32>,
    counters: [u32; Kind::ALL.len()],
    /// Non-tag pseudonyms (hash, surrogate) → (entity, variant); exact spelling.
    pub(crate) pseudos: FastMap<String, (u32, u32)>,
    /// Same, keyed by the ASCII-lower-cased pseudonym (first registered wins).
    pub(crate) pseudos_folded: FastMap<String, (u32, u32)>,
    /// Person name token → person entities whose normalised name has it.
    /// (Keyed by the token's hash: candidates are checked anyway.)
    person_index: FastMap<u64, Vec<u32>>,
    /// The keys of `pseudos_folded` in insertion order.
    pub(crate) pseudo_order: Vec<String>,
    /// Hashes of the ASCII-lower-cased words (3+ letters) of every input, when
    /// `track_seen`: a person surrogate never uses a word already met in the text.
    pub(crate) seen_words: FastSet<u64>,
    /// Whether to fill `seen_folded` and `seen_words` (only surrogates need them).
    pub(crate) track_seen: bool,
    /// Lower-cased surfaces of every value seen (surrogates must avoid them).
    pub(crate) seen_folded: FastSet<String>,
}

impl std::fmt::Debug for Mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapping")
            .field("entities", &self.entities.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // (An empty, never-allocated string has nothing to wipe: tag mode leaves
        // every pseudonym so, and the per-string wipe is a call each.)
        fn wipe(s: &mut String) {
            if s.capacity() > 0 {
                s.zeroize();
            }
        }
        for e in &mut self.entities {
            wipe(&mut e.norm);
            for f in &mut e.forms {
                wipe(&mut f.surface);
                wipe(&mut f.pseudonym);
            }
        }
        for t in &mut self.surface_overflow {
            for (mut k, _) in t.drain() {
                k.zeroize();
            }
        }
        for t in &mut self.norm_overflow {
            for (mut k, _) in t.drain() {
                k.zeroize();
            }
        }
        for mut k in self.seen_folded.drain() {
            k.zeroize();
        }
    }
}

impl Default for Mapping {
    fn default() -> Mapping {
        Mapping {
            entities: Vec::new(),
            hs: FastState::default(),
            by_surface: (0..=Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            surface_overflow: (0..=Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            by_norm: (0..Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            norm_overflow: (0..Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            by_number: FastMap::default(),
            counters: [0; Kind::ALL.len()],
            pseudos: FastMap::default(),
            pseudos_folded: FastMap::default(),
            pseudo_order: Vec::new(),
            person_index: FastMap::default(),
            seen_folded: FastSet::default(),
            track_seen: true,
            seen_words: FastSet::default(),
        }
    }
}

impl Mapping {
    pub(crate) fn len(&self) -> usize {
        self.entities.len()
    }

    pub(crate) fn entity(&self, kind: Kind, number: u32) -> Option<&Entity> {
        self.by_number
            .get(&(kind, number))
            .map(|&i| &self.entities[i as usize])
    }

    /// The (entity, variant) of this exact value, creating what is missing.
    /// Returns also whether the form is new (needs a pseudonym).
    pub(crate) fn intern(&mut self, kind: Kind, surface: &str, literal: bool) -> (u32, u32, bool) {
        let table = if literal {
            Kind::ALL.len()
        } else {
            kind.index()
        };
        let sh = self.hs.hash_one(surface);
        if let Some((e, v)) = self.surface_get(table, sh, surface) {
            if self.entities[e as usize].kind == kind {
                return (e, v, false);
            }
        }
        let norm = if literal {
            format!("\0{surface}")
        } else {
            normalise(kind, surface)
        };
        let k = kind.index();
        let nh = self.hs.hash_one(norm.as_str());
        let idx = match self.norm_get(k, nh, &norm) {
            Some(i) => i,
            None => {
                let linked = if kind == Kind::Person && !literal {
                    self.link_person(&norm)
                } else {
                    None
                };
                match linked {
                    // Another spelling of a known person: its norm maps to it too.
                    Some(i) => {
                        self.norm_overflow[k].insert(norm, i);
                        i
                    }
                    None => {
                        let i = self.entities.len() as u32;
                        self.counters[k] += 1;
                        let number = self.counters[k];
                        self.entities.push(Entity {
                            kind,
                            number,
                            norm,
                            forms: Vec::new(),
                        });
                        self.by_number.insert((kind, number), i);
                        if kind == Kind::Person && !literal {
                            self.index_person(i);
                        }
                        self.norm_insert_own(k, nh, i);
                        i
                    }
                }
            }
        };
        let e = &mut self.entities[idx as usize];
        e.forms.push(Form {
            surface: surface.to_owned(),
            pseudonym: String::new(),
        });
        let v = e.forms.len() as u32;
        self.surface_insert(table, sh, surface, (idx, v));
        if !literal && self.track_seen {
            self.seen_folded.insert(surface.to_lowercase());
        }
        (idx, v, true)
    }

    /// The form whose exact surface is `surface` (hash `h`).
    fn surface_get(&self, table: usize, h: u64, surface: &str) -> Option<(u32, u32)> {
        if let Some(&(e, v)) = self.by_surface[table].get(&h) {
            if self.entities[e as usize].forms[v as usize - 1].surface == surface {
                return Some((e, v));
            }
        }
        let o = &self.surface_overflow[table];
        if o.is_empty() {
            None
        } else {
            o.get(surface).copied()
        }
    }

    /// Maps `surface` (hash `h`; the surface of form `ev`) to `ev`.
    fn surface_insert(&mut self, table: usize, h: u64, surface: &str, ev: (u32, u32)) {
        let free = match self.by_surface[table].get(&h) {
            None => true,
            Some(&(e, v)) => self.entities[e as usize].forms[v as usize - 1].surface == surface,
        };
        if free {
            self.by_surface[table].insert(h, ev);
        } else {
            self.surface_overflow[table].insert(surface.to_owned(), ev);
        }
    }

    /// The entity of normalised value `norm` (hash `h`).
    fn norm_get(&self, k: usize, h: u64, norm: &str) -> Option<u32> {
        if let Some(&i) = self.by_norm[k].get(&h) {
            if self.entities[i as usize].norm == norm {
                return Some(i);
            }
        }
        let o = &self.norm_overflow[k];
        if o.is_empty() {
            None
        } else {
            o.get(norm).copied()
        }
    }

    /// Maps entity `i`'s own norm (hash `h`, not mapped yet) to it.
    fn norm_insert_own(&mut self, k: usize, h: u64, i: u32) {
        if let std::collections::hash_map::Entry::Vacant(v) = self.by_norm[k].entry(h) {
            v.insert(i);
        } else {
            let norm = self.entities[i as usize].norm.clone();
            self.norm_overflow[k].insert(norm, i);
        }
    }

    /// Records the words of an input (see `seen_words`).
    pub(crate) fn see_words(&mut self, text: &str) {
        for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.len() >= 3 {
                let h = word_hash(w);
                self.seen_words.insert(h);
            }
        }
    }

    pub(crate) fn word_seen(&self, w: &str) -> bool {
        self.seen_words.contains(&word_hash(w))
    }

    /// The entity this value would join, without recording anything.
    pub(crate) fn lookup(&self, kind: Kind, surface: &str) -> Option<u32> {
        if let Some((e, _)) = self.surface_get(kind.index(), self.hs.hash_one(surface), surface) {
            return Some(e);
        }
        let norm = normalise(kind, surface);
        match self.norm_get(kind.index(), self.hs.hash_one(norm.as_str()), &norm) {
            Some(i) => Some(i),
            None if kind == Kind::Person => self.link_person(&norm),
            None => None,
        }
    }

    /// Records the non-tag pseudonym of a form.
    pub(crate) fn set_pseudonym(&mut self, e: u32, v: u32, p: String) {
        self.pseudos.entry(p.clone()).or_insert((e, v));
        let low = p.to_ascii_lowercase();
        if !self.pseudos_folded.contains_key(&low) {
            self.pseudo_order.push(low.clone());
            self.pseudos_folded.insert(low, (e, v));
        }
        self.entities[e as usize].forms[v as usize - 1].pseudonym = p;
    }

    /// An existing person whose name tokens contain these (or are contained in them):
    /// "DUPONT" and "M. Dupont" join "Jean Dupont"; "J. Dupont" too (initial).
    fn link_person(&self, norm: &str) -> Option<u32> {
        // Most new names share no token with a known person: nothing to allocate.
        let mut cands: Vec<u32> = norm
            .split(' ')
            .filter(|t| t.len() > 1)
            .filter_map(|t| self.person_index.get(&self.hs.hash_one(t)))
            .flatten()
            .copied()
            .collect();
        if cands.is_empty() {
            return None;
        }
        let toks: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
        cands.sort_unstable();
        cands.dedup();
        cands.into_iter().find(|&i| {
            let e = &self.entities[i as usize];
            let etoks: Vec<&str> = e.norm.split(' ').filter(|t| !t.is_empty()).collect();
            covers(&etoks, &toks) || covers(&toks, &etoks)
        })
    }

    fn index_person(&mut self, i: u32) {
        let Mapping {
            entities,
            person_index,
            hs,
            ..
        } = self;
        for t in entities[i as usize].norm.split(' ').filter(|t| t.len() > 1) {
            let v = person_index.entry(hs.hash_one(t)).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }

    /// Serialisable copy (for the vault).
    pub(crate) fn records(&self) -> Vec<Record> {
        self.entities
            .iter()
            .map(|e| Record {
                kind: e.kind as u32,
                number: e.number,
                norm: e.norm.clone(),
                forms: e
                    .forms
                    .iter()
                    .map(|f| (f.surface.clone(), f.pseudonym.clone()))
                    .collect(),
            })
            .collect()
    }

    /// Rebuilds a mapping from vault records; `None` when they are inconsistent.
    pub(crate) fn from_records(recs: &[Record]) -> Option<Mapping> {
        let mut m = Mapping::default();
        for r in recs {
            let kind = Kind::from_u32(r.kind)?;
            let i = m.entities.len() as u32;
            if r.forms.is_empty() || r.number == 0 {
                return None;
            }
            if m.by_number.insert((kind, r.number), i).is_some() {
                return None;
            }
            let c = &mut m.counters[kind.index()];
            *c = (*c).max(r.number);
            let literal = r.norm.starts_with('\0');
            m.entities.push(Entity {
                kind,
                number: r.number,
                norm: r.norm.clone(),
                forms: Vec::new(),
            });
            let nh = m.hs.hash_one(r.norm.as_str());
            if m.norm_get(kind.index(), nh, &r.norm).is_none() {
                m.norm_insert_own(kind.index(), nh, i);
            }
            if kind == Kind::Person && !literal {
                m.index_person(i);
            }
            for (j, (s, p)) in r.forms.iter().enumerate() {
                let v = j as u32 + 1;
                let table = if literal {
                    Kind::ALL.len()
                } else {
                    kind.index()
                };
                m.entities[i as usize].forms.push(Form {
                    surface: s.clone(),
                    pseudonym: String::new(),
                });
                let sh = m.hs.hash_one(s.as_str());
                m.surface_insert(table, sh, s, (i, v));
                if !literal {
                    m.seen_folded.insert(s.to_lowercase());
                }
                if !p.is_empty() {
                    m.set_pseudonym(i, v, p.clone());
                }
            }
        }
        Some(m)
    }
}

/// Whether every token of `small` matches a token of `big` (an initial matches a
/// token starting with that letter).
fn covers(big: &[&str], small: &[&str]) -> bool {
    let full = |t: &&str| t.len() > 1;
    small.iter().any(full)
        && small.iter().all(|t| {
            if t.len() > 1 {
                // A full token matches itself, or an initial of the bigger name.
                big.iter()
                    .any(|u| u == t || (u.len() == 1 && t.starts_with(u)))
            } else {
                // An initial matches a token not already matched by a full token.
                big.iter().any(|u| u.starts_with(t) && !small.contains(u))
            }
        })
}

/// One entity as stored in a vault.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub(crate) struct Record {
    pub(crate) kind: u32,
    pub(crate) number: u32,
    pub(crate) norm: String,
    pub(crate) forms: Vec<(String, String)>,
}

impl Drop for Record {
    fn drop(&mut self) {
        self.norm.zeroize();
        for (s, p) in &mut self.forms {
            s.zeroize();
            p.zeroize();
        }
    }
}

const CIVILITIES: &[&str] = &[
    "M",
    "MR",
    "MM",
    "MME",
    "MMES",
    "MLLE",
    "MONSIEUR",
    "MADAME",
    "MADEMOISELLE",
    "DR",
    "DOCTEUR",
    "ME",
    "MAITRE",
    "PR",
    "PROFESSEUR",
];

/// FNV-1a of the ASCII-lower-cased word.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether an upper-case, accent-free token is a civility (M, MME, DR…).
pub(crate) fn is_civility(tok: &str) -> bool {
    CIVILITIES.contains(&tok)
}

/// The identity of a value: what differs only in spacing, punctuation, case or
/// accents is the same value.
pub(crate) fn normalise(kind: Kind, s: &str) -> String {
    match kind {
        Kind::Person => {
            // Upper-cased ASCII alphanumeric tokens but civilities, joined by one
            // space, compacted in place in the folded text's buffer.
            // (Folding only lower-cases ASCII.)
            let mut b = if s.is_ascii() {
                s.as_bytes().to_vec()
            } else {
                crate::text::fold(s).into_bytes()
            };
            b.make_ascii_uppercase();
            let mut w = 0;
            let mut r = 0;
            while r < b.len() {
                if !b[r].is_ascii_alphanumeric() {
                    r += 1;
                    continue;
                }
                let st = r;
                while r < b.len() && b[r].is_ascii_alphanumeric() {
                    r += 1;
                }
                if CIVILITIES.iter().any(|c| c.as_bytes() == &b[st..r]) {
                    continue;
                }
                if w > 0 {
                    b[w] = b' ';
                    w += 1;
                }
                b.copy_within(st..r, w);
                w += r - st;
            }
            if w == 0 {
                let mut folded = crate::text::fold(s);
                folded.make_ascii_uppercase();
                return folded;
            }
            b.truncate(w);
            // Only ASCII alphanumerics and spaces are left.
            String::from_utf8(b).unwrap_or_default()
        }
        Kind::Email => s.trim().to_lowercase(),
        Kind::Phone => {
            let mut d = String::with_capacity(s.len());
            d.extend(s.bytes().filter(u8::is_ascii_digit).map(char::from));
            let prefix = if d.starts_with("0033") {
                4
            } else if d.len() >= 11 && d.starts_with("33") {
                2
            } else {
                0
            };
            if prefix > 0 {
                let zeros = d[prefix..].bytes().take_while(|&c| c == b'0').count();
                d.replace_range(..prefix + zeros, "0");
            }
            d
        }
        Kind::Address | Kind::BirthDate | Kind::Ip => {
            let low = if s.is_ascii() {
                s.to_ascii_lowercase()
            } else {
                crate::text::fold(s).to_lowercase()
            };
            let mut out = String::with_capacity(low.len());
            for t in low.split(|c: char| c.is_whitespace() || c == ',') {
                if t.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
            out
        }
        _ => {
            let mut out = String::with_capacity(s.len());
            out.extend(
                s.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_uppercase())),
            );
            out
        }
    }
}

/// Whether this operator's pseudonyms can be mapped back.
pub(crate) fn restorable(op: Operator) -> bool {
    matches!(op, Operator::Tag | Operator::Hash | Operator::Surrogate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let cases: &[(Kind, &str, &str)] = &[
            (Kind::Nir, "1 83 02 69 682 020 - 53", "183026968202053"),
            (Kind::Nir, "183026968202053", "183026968202053"),
            (
                Kind::Iban,
                "fr76 3000 6000 0112 3456 7890 189",
                "FR7630006000011234567890189",
            ),
            (Kind::Phone, "+33 (0)6 12 34 56 78", "0612345678"),
            (Kind::Phone, "0033 6 12 34 56 78", "0612345678"),
            (Kind::Phone, "06.12.34.56.78", "0612345678"),
            (Kind::Person, "M. Dupont", "DUPONT"),
            (Kind::Person, "Jean DUPONT", "JEAN DUPONT"),
            (Kind::Person, "Hélène Lefèvre", "HELENE LEFEVRE"),
            (Kind::Email, "Jean@X.fr", "jean@x.fr"),
        ];
        for (k, s, want) in cases {
            assert_eq!(normalise(*k, s), *want, "{s}");
        }
    }

    #[test]
    fn person_variants_share_a_number() {
        let mut m = Mapping::default();
        let (a, va, _) = m.intern(Kind::Person, "Jean DUPONT", false);
        let (b, vb, _) = m.intern(Kind::Person, "M. Dupont", false);
        let (c, _, _) = m.intern(Kind::Person, "DUPONT", false);
        let (d, _, _) = m.intern(Kind::Person, "jean dupont", false);
        let (e, _, _) = m.intern(Kind::Person, "J. Dupont", false);
        let (f, _, _) = m.intern(Kind::Person, "Marie Curie", false);
        assert_eq!([a, b, c, d, e], [a; 5]);
        assert_ne!(a, f);
        assert_eq!((va, vb), (1, 2));
        assert_eq!(m.intern(Kind::Person, "M. Dupont", false), (a, 2, false));
        assert_eq!(m.entities[f as usize].number, 2);
        // An initial never stands for the surname itself.
        let (g, _, _) = m.intern(Kind::Person, "Xin BENSAÏD", false);
        let (h, _, _) = m.intern(Kind::Person, "B. Bensaïd", false);
        let (i, _, _) = m.intern(Kind::Person, "X. Bensaïd", false);
        assert_ne!(g, h);
        assert_eq!(g, i);
    }

    #[test]
    fn taken_hashes_go_to_the_overflow_tables() {
        // Simulate hash collisions: the slots of "c@d.fr" (surface and norm) point
        // to the entity of "a@b.fr".
        let mut m = Mapping::default();
        let (a, va, _) = m.intern(Kind::Email, "a@b.fr", false);
        let k = Kind::Email.index();
        let hs = m.hs.hash_one("c@d.fr");
        m.by_surface[k].insert(hs, (a, va));
        m.by_norm[k].insert(hs, a);
        let (c, vc, new) = m.intern(Kind::Email, "c@d.fr", false);
        assert!(new);
        assert_ne!(a, c);
        assert_eq!(m.surface_overflow[k].len(), 1);
        assert_eq!(m.norm_overflow[k].len(), 1);
        assert_eq!(m.intern(Kind::Email, "c@d.fr", false), (c, vc, false));
        assert_eq!(m.intern(Kind::Email, "C@D.FR", false).0, c);
        assert_eq!(m.lookup(Kind::Email, "c@d.fr"), Some(c));
        // The colliding slot still answers for its own value.
        m.by_surface[k].insert(hs, (a, va));
        assert_eq!(m.intern(Kind::Email, "a@b.fr", false), (a, va, false));
        // A vault copy rebuilds the same answers.
        let copy = Mapping::from_records(&m.records()).unwrap();
        assert_eq!(copy.lookup(Kind::Email, "c@d.fr"), Some(c));
        assert_eq!(copy.lookup(Kind::Email, "a@b.fr"), Some(a));
    }

    #[test]
    fn fast_hasher_separates_close_keys() {
        let st = FastState::default();
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefgh\0",
        ];
        let mut hs: Vec<u64> = keys.iter().map(|k| st.hash_one(k)).collect();
        hs.sort_unstable();
        hs.dedup();
        assert_eq!(hs.len(), keys.len());
        assert_eq!(
            st.hash_one("abc"),
            st.hash_one(String::from("abc").as_str())
        );
    }

    #[test]
    fn literal_never_merges() {
        let mut m = Mapping::default();
        let (a, _, _) = m.intern(Kind::Email, "[EMAIL_1]", true);
        let (b, _, _) = m.intern(Kind::Email, "[email_1]", false);
        assert_ne!(a, b);
    }
}
