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
    /// A session has some forty tables: each seed is the next of a SplitMix64
    /// sequence started, once per thread, from the standard library's random
    /// keys (one `RandomState` and SipHash per table cost more than an empty
    /// session's other work).
    fn default() -> FastState {
        thread_local! {
            static NEXT: std::cell::Cell<u64> = std::cell::Cell::new(
                std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64),
            );
        }
        let s = NEXT.with(|c| {
            let s = c.get().wrapping_add(MUL);
            c.set(s);
            s
        });
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        FastState((z ^ (z >> 31)) | 1)
    }
}

impl FastState {
    /// The hash of the bytes of `s`: what `hash_one(s)` gives but for the end
    /// mark a string's `Hash` adds, which the tables keyed by a string alone do
    /// not need (the length is mixed in already).
    #[inline]
    fn hash_str(&self, s: &str) -> u64 {
        let mut h = self.build_hasher();
        h.write(s.as_bytes());
        h.finish()
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

/// The eight bytes of `b` at `i` (`i + 8 <= b.len()`), little-endian.
fn read8(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The four bytes of `b` at `i` (`i + 4 <= b.len()`), little-endian.
fn read4(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[i..i + 4]);
    u64::from(u32::from_le_bytes(w))
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words only, read in place (no copy of a short tail into a buffer,
        // whose store the next load would wait for): a tail is read as the last
        // eight bytes, overlapping the previous word; up to eight bytes as two
        // overlapping halves; the length is mixed in last, so every string of a
        // given length is a distinct sequence of words.
        let (b, len) = (bytes, bytes.len());
        let mut h = self.0;
        if len > 8 {
            let mut i = 0;
            while i + 8 < len {
                h = fold_mul(h ^ read8(b, i), MUL);
                i += 8;
            }
            h ^= read8(b, len - 8);
        } else if len >= 4 {
            h ^= read4(b, 0) | (read4(b, len - 4) << 32);
        } else if len > 0 {
            h ^= u64::from(b[0]) | (u64::from(b[len / 2]) << 8) | (u64::from(b[len - 1]) << 16);
        }
        self.0 = fold_mul(h, MUL ^ len as u64);
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

/// A string of the mapping's arena: a byte range of [`Mapping::arena`].
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Str {
    start: usize,
    end: usize,
}

/// Builds [`IdHasher`]s: for tables whose keys are already [`FastState`] hashes.
#[derive(Clone, Copy, Default)]
pub(crate) struct IdState;

impl BuildHasher for IdState {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// Passes a `u64` key (a keyed hash already) through.
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not used by u64 keys; mixes anyway.
        for &b in bytes {
            self.0 = fold_mul(self.0 ^ u64::from(b), MUL);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A table keyed by a [`FastState`] hash.
type HashedMap<V> = HashMap<u64, V, IdState>;

/// A table from a [`FastState`] hash to a small value, for the per-finding lookups
/// of the mapping: open addressing, linear probing, at most three quarters full
/// (as big as a `HashMap` of the same values), so that a lookup mostly reads one
/// or two adjacent slots and a miss finds its empty slot soon. A lookup reads a
/// one-byte tag per slot (seven bits of the hash; 0 for an empty slot), so that
/// the tags of a session's tables stay in cache: most values of a dense text are
/// new, and their lookup ends at an empty tag without reading anything else. The
/// key is read only when the tag matches, the value on a hit; an insertion writes
/// them. Key and value share one slot of `W` words ([`Slot`]): an insertion
/// writes one place of memory besides the tag, and a hit reads one. The stored
/// key is the hash with its lowest bit set (0 marks an empty slot): two hashes
/// differing only there are one key, and the caller treats them as it treats any
/// hash collision. It stores no value of the text: hashes (under the table's
/// random seed) and indexes; still, the hashes of short values could be searched
/// exhaustively, so a buffer is wiped when the table grows out of it and when it
/// is dropped.
#[derive(Clone, Default)]
struct HashIndex<V: Slot<W>, const W: usize> {
    tags: Vec<u8>,
    /// The key (word 0) and the value (the others) of each slot.
    slots: Vec<[u64; W]>,
    len: usize,
    /// The number of keys from which one more needs a bigger table (0 when there
    /// is no table): [`HashIndex::probe`] compares, not computes.
    full_at: usize,
    _v: std::marker::PhantomData<V>,
}

/// A value stored in words 1.. of a `W`-word [`HashIndex`] slot (word 0 is the
/// key).
trait Slot<const W: usize>: Copy {
    fn load(w: &[u64; W]) -> Self;
    fn store(self, key: u64) -> [u64; W];
}

impl Slot<2> for (u32, u32) {
    fn load(w: &[u64; 2]) -> Self {
        (w[1] as u32, (w[1] >> 32) as u32)
    }
    fn store(self, key: u64) -> [u64; 2] {
        [key, u64::from(self.0) | (u64::from(self.1) << 32)]
    }
}

impl<V: Slot<W>, const W: usize> HashIndex<V, W> {
    /// The slot of `h`, or the empty slot where it would go (`slots` non-empty, a
    /// power of two).
    fn find(&self, h: u64) -> usize {
        let key = h | 1;
        let tag = tag_of(key);
        let mask = self.slots.len() - 1;
        let mut i = (key >> 32) as usize & mask;
        loop {
            let t = self.tags[i];
            if t == 0 || (t == tag && self.slots[i][0] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, h: u64) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let i = self.find(h);
        (self.tags[i] != 0).then(|| V::load(&self.slots[i]))
    }

    /// Makes room for one more key, then finds `h`: its slot, and its value if it
    /// is there. The slot stays valid for [`HashIndex::put_at`] until the next
    /// insertion.
    #[inline(always)]
    fn probe(&mut self, h: u64) -> (usize, Option<V>) {
        if self.len >= self.full_at {
            self.reserve(1);
        }
        let i = self.find(h);
        (i, (self.tags[i] != 0).then(|| V::load(&self.slots[i])))
    }

    /// Maps `h` to `v` at slot `i` from [`HashIndex::probe`] of `h`.
    fn put_at(&mut self, i: usize, h: u64, v: V) {
        if self.tags[i] == 0 {
            self.len += 1;
        }
        self.tags[i] = tag_of(h | 1);
        self.slots[i] = v.store(h | 1);
    }

    /// Maps `h` to `v`, replacing what it mapped to.
    fn insert(&mut self, h: u64, v: V) {
        let (i, _) = self.probe(h);
        self.put_at(i, h, v);
    }

    /// Makes room for `n` more keys without moving.
    #[inline]
    fn reserve(&mut self, n: usize) {
        let need = Self::needs(self.len, n);
        if need > self.slots.len() {
            self.grow(need);
        }
    }

    /// The slots `len + n` keys need: at most three quarters full.
    fn needs(len: usize, n: usize) -> usize {
        len.saturating_add(n).saturating_mul(4) / 3 + 1
    }

    #[cold]
    fn grow(&mut self, need: usize) {
        let cap = need.checked_next_power_of_two().unwrap_or(need).max(16);
        // Zeroed allocations: the pages of slots that are never used are never
        // touched (a table is sized for every group of a call, most of which
        // repeat earlier values).
        let tags = vec![0; cap];
        let slots = vec![[0; W]; cap];
        let mut old_tags = std::mem::replace(&mut self.tags, tags);
        let mut old_slots = std::mem::replace(&mut self.slots, slots);
        for w in &old_slots {
            let k = w[0];
            if k != 0 {
                let i = self.find(k);
                self.tags[i] = tag_of(k);
                self.slots[i] = *w;
            }
        }
        // Hashes of values: wiped before the buffer is freed (if there was one).
        if old_tags.capacity() > 0 {
            old_slots.as_flattened_mut().zeroize();
            old_tags.zeroize();
        }
        // The first number of keys for which `reserve(1)` would grow the table.
        let mut full_at = cap / 4 * 3;
        while full_at > 0 && Self::needs(full_at - 1, 1) > cap {
            full_at -= 1;
        }
        while Self::needs(full_at, 1) <= cap {
            full_at += 1;
        }
        self.full_at = full_at;
    }
}

impl<V: Slot<W>, const W: usize> Drop for HashIndex<V, W> {
    fn drop(&mut self) {
        // Most tables of a session stay empty (one per kind): no call to wipe
        // nothing.
        if self.tags.capacity() == 0 {
            return;
        }
        // One pass over the whole buffer (faster than visiting each slot).
        self.slots.as_flattened_mut().zeroize();
        self.tags.zeroize();
    }
}

/// The one-byte tag of a stored key: seven bits of it (not those choosing the
/// first slot), never 0.
fn tag_of(key: u64) -> u8 {
    0x80 | (key >> 57) as u8
}

/// One exact spelling of an entity, and the pseudonym it was given when the kind's
/// operator is not `tag` (hash or surrogate; empty otherwise).
#[derive(Clone, Copy)]
struct Form {
    surface: Str,
    pseudonym: Str,
}

/// No form yet (an entity is created just before its first form).
const NO_FORM: u32 = u32::MAX;

/// One value (a person, a NIR…) with every spelling seen in the session.
#[derive(Clone)]
struct Entity {
    kind: Kind,
    number: u32,
    /// Normalised value (the identity of the entity); literal tag-like text starts
    /// with `\0` so that it never merges with a real value.
    norm: Str,
    /// Index in `forms` of variant 1 (the first spelling seen).
    first: u32,
    /// Index in [`Mapping::more`] of the indexes in `forms` of variants 2, 3…, or
    /// [`NO_FORM`] (most entities have one spelling: no allocation, and a small
    /// entity).
    more: u32,
}

impl Entity {
    /// The indexes in `forms` of variants 2, 3…
    fn more<'a>(&self, more: &'a [Vec<u32>]) -> &'a [u32] {
        if self.more == NO_FORM {
            &[]
        } else {
            &more[self.more as usize]
        }
    }

    fn form_count(&self, more: &[Vec<u32>]) -> usize {
        if self.first == NO_FORM {
            0
        } else {
            1 + self.more(more).len()
        }
    }

    /// Index in `forms` of variant `v` (1-based).
    fn form(&self, v: u32, more: &[Vec<u32>]) -> Option<u32> {
        match v {
            0 => None,
            1 => (self.first != NO_FORM).then_some(self.first),
            _ => self.more(more).get(v as usize - 2).copied(),
        }
    }
}

/// Entities and indexes.
///
/// Every string of the mapping (surface forms, normalised values, pseudonyms) lives
/// in one arena, `arena`, addressed by [`Str`] ranges: a new value costs appends, not
/// allocations, and dropping the mapping wipes one buffer. The arena never
/// reallocates in place: it moves to a bigger buffer and wipes the old one.
pub(crate) struct Mapping {
    arena: String,
    entities: Vec<Entity>,
    /// Variants 2, 3… of the entities that have more than one (see `Entity::more`).
    more: Vec<Vec<u32>>,
    forms: Vec<Form>,
    /// Hashes strings for the u64-keyed tables below. Those tables store no copy
    /// of a value (fewer allocations, nothing more to zeroise): a hit is checked
    /// against the arena, and the rare string whose hash is taken by another one
    /// goes to the `*_overflow` table keyed by the string itself.
    hs: FastState,
    /// Per kind (and one more table for literal tag-like text): hash of the exact
    /// surface → (entity, variant). For the kinds of [`spellings_by_norm`], only
    /// the spellings after an entity's first [`SPELLINGS_SCANNED`] (unless
    /// `all_spellings`).
    by_surface: Vec<HashIndex<(u32, u32), 2>>,
    surface_overflow: Vec<FastMap<String, (u32, u32)>>,
    /// Per kind: hash of a normalised value → (entity, 0) for an entity's own
    /// `norm`, or (entity, `n`) for another normalised value linked to it (a
    /// person named by some of its name tokens), at `linked[n - 1]`.
    by_norm: Vec<HashIndex<(u32, u32), 2>>,
    /// The normalised values linked to an entity that is not theirs (see
    /// `by_norm`).
    linked: Vec<Str>,
    /// Per kind: normalised value → entity, for values whose hash is taken.
    norm_overflow: Vec<FastMap<String, u32>>,
    /// Per kind: the entity numbered `n` at `n - 1` (numbers are given in order).
    numbered: Vec<Vec<u32>>,
    /// Numbers out of that order (only from a vault).
    by_number: FastMap<(Kind, u32), u32>,
    counters: [u32; Kind::ALL.len()],
    /// Non-tag pseudonyms (hash, surrogate) → (entity, variant); exact spelling.
    pub(crate) pseudos: FastMap<String, (u32, u32)>,
    /// Same, keyed by the ASCII-lower-cased pseudonym (first registered wins).
    pub(crate) pseudos_folded: FastMap<String, (u32, u32)>,
    /// Person name token → person entities whose normalised name has it, in
    /// increasing order. (Keyed by the token's hash: candidates are checked anyway.)
    person_index: PersonIndex,
    /// Per entity: the token signature of a person's name as linking sees it (see
    /// `person_name`; others: empty), to rule out most candidates of `link_person`
    /// cheaply.
    sigs: Vec<Sig>,
    /// Persons whose fullest name so far has more words than their normalised name:
    /// "LE BIHAN" seen first, then "Paul-Henri Le Bihan" (see `grow_person`).
    person_full: FastMap<u32, Str>,
    /// The keys of `pseudos_folded` in insertion order.
    pub(crate) pseudo_order: Vec<String>,
    /// Hashes of the ASCII-lower-cased words (3+ letters) of every input, when
    /// `track_seen`: a person surrogate never uses a word already met in the text.
    pub(crate) seen_words: FastSet<u64>,
    /// Whether to fill `seen_folded` and `seen_words` (only surrogates need them).
    pub(crate) track_seen: bool,
    /// Every spelling is in `by_surface`, whatever [`spellings_by_norm`] says (see
    /// [`Mapping::from_records`]).
    all_spellings: bool,
    /// Lower-cased surfaces of every value seen (surrogates must avoid them).
    pub(crate) seen_folded: FastSet<String>,
    /// Scratch buffers for normalising (values: wiped on drop).
    norm_buf: String,
    fold_buf: String,
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
        // Buffers and tables never used (most of them, in a session made for one
        // short text) have nothing to wipe: no call for them.
        // The spare capacity of the arena was never written (it grows by moving).
        wipe_str(&mut self.arena);
        wipe_buffer(&mut self.norm_buf);
        wipe_buffer(&mut self.fold_buf);
        for t in self.surface_overflow.iter_mut().filter(|t| !t.is_empty()) {
            for (mut k, _) in t.drain() {
                k.zeroize();
            }
        }
        for t in self.norm_overflow.iter_mut().filter(|t| !t.is_empty()) {
            for (mut k, _) in t.drain() {
                k.zeroize();
            }
        }
        if !self.seen_folded.is_empty() {
            for mut k in self.seen_folded.drain() {
                k.zeroize();
            }
        }
    }
}

/// Wipes a scratch buffer, its spare capacity too (what was written there
/// before it was cleared), unless it never had any.
pub(crate) fn wipe_buffer(s: &mut String) {
    if s.capacity() > 0 {
        s.zeroize();
    }
}

/// Wipes the written part of a string (not its spare capacity).
fn wipe_str(s: &mut String) {
    if s.is_empty() {
        return;
    }
    let mut v = std::mem::take(s).into_bytes();
    v.as_mut_slice().zeroize();
}

impl Default for Mapping {
    fn default() -> Mapping {
        Mapping {
            arena: String::new(),
            entities: Vec::new(),
            more: Vec::new(),
            forms: Vec::new(),
            hs: FastState::default(),
            by_surface: (0..=Kind::ALL.len())
                .map(|_| HashIndex::default())
                .collect(),
            surface_overflow: (0..=Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            by_norm: (0..Kind::ALL.len()).map(|_| HashIndex::default()).collect(),
            linked: Vec::new(),
            norm_overflow: (0..Kind::ALL.len()).map(|_| FastMap::default()).collect(),
            numbered: (0..Kind::ALL.len()).map(|_| Vec::new()).collect(),
            by_number: FastMap::default(),
            counters: [0; Kind::ALL.len()],
            pseudos: FastMap::default(),
            pseudos_folded: FastMap::default(),
            pseudo_order: Vec::new(),
            person_index: PersonIndex::default(),
            sigs: Vec::new(),
            person_full: FastMap::default(),
            seen_folded: FastSet::default(),
            track_seen: true,
            all_spellings: false,
            seen_words: FastSet::default(),
            norm_buf: String::new(),
            fold_buf: String::new(),
        }
    }
}

/// Appends `s` to the arena. When full, the arena moves to a buffer twice as big
/// and the old one is wiped, so no copy of a value is left in freed memory.
fn put(arena: &mut String, s: &str) -> Str {
    grow(arena, s.len());
    let start = arena.len();
    arena.push_str(s);
    Str {
        start,
        end: arena.len(),
    }
}

/// Makes room for `extra` more bytes in the arena, moving it to a buffer at least
/// twice as big when full and wiping the old one.
#[inline]
fn grow(arena: &mut String, extra: usize) {
    if arena.capacity() - arena.len() < extra {
        move_arena(arena, extra);
    }
}

/// [`grow`] when the arena is full (once per call at most: room is made for a
/// whole call at once).
#[cold]
fn move_arena(arena: &mut String, extra: usize) {
    let cap = (arena.capacity().saturating_mul(2))
        .max(arena.len().saturating_add(extra))
        .max(4096);
    let mut bigger = String::with_capacity(cap);
    bigger.push_str(arena);
    let mut old = std::mem::replace(arena, bigger);
    wipe_str(&mut old);
}

impl Mapping {
    pub(crate) fn len(&self) -> usize {
        self.entities.len()
    }

    /// Number of surface forms of all entities.
    pub(crate) fn form_total(&self) -> usize {
        self.forms.len()
    }

    fn s(&self, r: Str) -> &str {
        &self.arena[r.start..r.end]
    }

    /// The kind of entity `e`.
    pub(crate) fn kind(&self, e: u32) -> Kind {
        self.entities[e as usize].kind
    }

    /// The number of entity `e` (its tag number).
    pub(crate) fn number(&self, e: u32) -> u32 {
        self.entities[e as usize].number
    }

    /// The normalised value of entity `e`.
    pub(crate) fn norm(&self, e: u32) -> &str {
        self.s(self.entities[e as usize].norm)
    }

    fn form(&self, e: u32, v: u32) -> &Form {
        let i = self.entities[e as usize]
            .form(v, &self.more)
            .expect("a known variant");
        &self.forms[i as usize]
    }

    /// The exact spelling of variant `v` of entity `e`.
    pub(crate) fn surface(&self, e: u32, v: u32) -> &str {
        self.s(self.form(e, v).surface)
    }

    /// The non-tag pseudonym of variant `v` of entity `e` (empty when none).
    pub(crate) fn pseudonym(&self, e: u32, v: u32) -> &str {
        self.s(self.form(e, v).pseudonym)
    }

    /// The spelling of entity `number` of `kind`, variant `variant`, if known.
    pub(crate) fn surface_of(&self, kind: Kind, number: u32, variant: u32) -> Option<&str> {
        let e = self.number_get(kind, number)?;
        let i = self.entities[e as usize].form(variant, &self.more)?;
        Some(self.s(self.forms[i as usize].surface))
    }

    /// Makes room for at most one new value per item of `values` (the kind and
    /// length of each group about to be interned): the tables and the arena then
    /// grow once per call, not step by step.
    pub(crate) fn reserve(&mut self, values: impl Iterator<Item = (Kind, usize)>) {
        let mut n = [0usize; Kind::ALL.len()];
        let mut bytes = 0usize;
        for (k, len) in values {
            n[k.index()] += 1;
            // Lengths of spans of one text: no sum of them comes near a wrap (and a
            // wrap would only make the room made here smaller).
            bytes = bytes.wrapping_add(len);
        }
        let total: usize = n.iter().sum();
        // The surface and, at most, a normalised copy (a byte longer, for a
        // literal's mark).
        grow(
            &mut self.arena,
            bytes.saturating_mul(2).saturating_add(total),
        );
        self.entities.reserve(total);
        self.sigs.reserve(total);
        self.forms.reserve(total);
        if self.track_seen {
            self.seen_folded.reserve(total);
        }
        for (k, &n) in n.iter().enumerate() {
            if n > 0 {
                // A person is mostly named more than once ("Jean DUPONT", then "M.
                // Dupont"…): half as many new names as findings, and the tables
                // grow should there be more (a table twice too big is memory to
                // clear and to miss in the cache).
                let n = if k == Kind::Person.index() {
                    n.div_ceil(2)
                } else {
                    n
                };
                if !spellings_by_norm(Kind::ALL[k]) || self.all_spellings {
                    self.by_surface[k].reserve(n);
                }
                self.by_norm[k].reserve(n);
                self.numbered[k].reserve(n);
            }
        }
        self.person_index.reserve(n[Kind::Person.index()]);
    }

    /// The entity numbered `number` of `kind`.
    fn number_get(&self, kind: Kind, number: u32) -> Option<u32> {
        let v = &self.numbered[kind.index()];
        match (number as usize).checked_sub(1).and_then(|i| v.get(i)) {
            Some(&e) => Some(e),
            None if self.by_number.is_empty() => None,
            None => self.by_number.get(&(kind, number)).copied(),
        }
    }

    /// Numbers entity `e`; false when the number is taken.
    #[inline]
    fn number_insert(&mut self, kind: Kind, number: u32, e: u32) -> bool {
        let v = &mut self.numbered[kind.index()];
        // The next number in order (as every number a session gives): free unless
        // a vault put it out of order.
        if number as usize == v.len() + 1 && self.by_number.is_empty() {
            v.push(e);
            return true;
        }
        if self.number_get(kind, number).is_some() {
            return false;
        }
        let v = &mut self.numbered[kind.index()];
        if number as usize == v.len() + 1 {
            v.push(e);
        } else {
            self.by_number.insert((kind, number), e);
        }
        true
    }

    /// The (entity, variant) of this exact value, creating what is missing.
    /// Returns also whether the form is new (needs a pseudonym).
    pub(crate) fn intern(&mut self, kind: Kind, surface: &str, literal: bool) -> (u32, u32, bool) {
        let table = if literal {
            Kind::ALL.len()
        } else {
            kind.index()
        };
        // Values of most kinds are found by their normalised value, then among
        // the spellings of its entity (see `spellings_by_norm`): one table less to
        // probe and to fill per new value.
        let by_norm_only = !literal && !self.all_spellings && spellings_by_norm(kind);
        let mut s_probe = None;
        if !by_norm_only {
            let sh = self.hs.hash_str(surface);
            // One probe finds the form or the slot where a new one goes: nothing
            // else writes to this table before the end (room is made first, so it
            // does not move either).
            let (s_slot, s_val) = self.by_surface[table].probe(sh);
            let s_ours = s_val.is_some_and(|(e, v)| self.surface(e, v) == surface);
            let found = match s_val {
                Some(ev) if s_ours => Some(ev),
                _ if self.surface_overflow[table].is_empty() => None,
                _ => self.surface_overflow[table].get(surface).copied(),
            };
            if let Some((e, v)) = found {
                if self.entities[e as usize].kind == kind {
                    return (e, v, false);
                }
            }
            s_probe = Some((sh, s_slot, s_val, s_ours));
        }
        // Most values are written in their normal form already: nothing to copy
        // (and the buffer stays in place: `buf` is empty).
        let same = !literal && is_normal(kind, surface);
        let mut buf = if same {
            String::new()
        } else {
            std::mem::take(&mut self.norm_buf)
        };
        buf.clear();
        let norm: &str = if same {
            surface
        } else {
            if literal {
                buf.push('\0');
                buf.push_str(surface);
            } else {
                normalise_into(kind, surface, &mut buf, &mut self.fold_buf);
            }
            &buf
        };
        let k = kind.index();
        let nh = match s_probe {
            Some((sh, ..)) if same => sh,
            _ => self.hs.hash_str(norm),
        };
        // Likewise: the entity, or the slot where its normalised value goes.
        let (n_slot, n_val) = self.by_norm[k].probe(nh);
        let known = match n_val {
            Some(ev) if self.s(self.norm_of(ev)) == norm => Some(ev.0),
            _ if self.norm_overflow[k].is_empty() => None,
            _ => self.norm_overflow[k].get(norm).copied(),
        };
        if by_norm_only {
            // Seen before in its normal form, first written so: variant 1 (the
            // entity's normalised value is that first spelling, already compared).
            if let Some(i) = known.filter(|_| same) {
                let ent = &self.entities[i as usize];
                if ent.first != NO_FORM && self.forms[ent.first as usize].surface == ent.norm {
                    self.put_back(buf);
                    return (i, 1, false);
                }
            }
            if let Some((i, v)) = known.and_then(|i| Some((i, self.spelling(table, i, surface)?))) {
                self.put_back(buf);
                return (i, v, false);
            }
        }
        let sr = put(&mut self.arena, surface);
        // Maps `norm` to entity `i` (`stored`: `norm` in the arena, if it is there).
        let norm_insert = |m: &mut Mapping, norm: &str, stored: Option<Str>, i: u32| {
            if n_val.is_some() {
                m.norm_overflow[k].insert(norm.to_owned(), i);
            } else {
                let r = match stored {
                    Some(r) => r,
                    None => put(&mut m.arena, norm),
                };
                match m.norm_slot(i, r) {
                    Some(ev) => m.by_norm[k].put_at(n_slot, nh, ev),
                    None => {
                        m.norm_overflow[k].insert(norm.to_owned(), i);
                    }
                }
            }
        };
        let idx = match known {
            Some(i) => i,
            None => {
                // A person's name hashes, kept from linking for indexing.
                let mut keep = None;
                let linked = if kind == Kind::Person && !literal {
                    self.link_person_keep(norm, keep.insert(NameHashes::default()))
                } else {
                    None
                };
                match linked {
                    // Another spelling of a known person: its norm maps to it too.
                    Some(i) => {
                        let stored = (norm == surface).then_some(sr);
                        norm_insert(self, norm, stored, i);
                        self.grow_person(i, norm, stored);
                        i
                    }
                    None => {
                        let i = self.entities.len() as u32;
                        self.counters[k] += 1;
                        let number = self.counters[k];
                        let r = if norm == surface {
                            sr
                        } else {
                            put(&mut self.arena, norm)
                        };
                        self.sigs.push(Sig::default());
                        self.entities.push(Entity {
                            kind,
                            number,
                            norm: r,
                            first: NO_FORM,
                            more: NO_FORM,
                        });
                        self.number_insert(kind, number, i);
                        if let Some(keep) = &keep {
                            self.index_person_kept(i, keep);
                        }
                        match n_val {
                            // The new entity's own normalised value (see `norm_slot`).
                            None => self.by_norm[k].put_at(n_slot, nh, (i, 0)),
                            Some(_) => norm_insert(self, norm, Some(r), i),
                        }
                        i
                    }
                }
            }
        };
        self.put_back(buf);
        let v = self.push_form(idx, sr);
        match s_probe {
            // The slot's hash is another surface's.
            Some((_, _, Some(_), false)) => {
                self.surface_overflow[table].insert(surface.to_owned(), (idx, v));
            }
            Some((sh, s_slot, ..)) => self.by_surface[table].put_at(s_slot, sh, (idx, v)),
            None if v as usize > SPELLINGS_SCANNED => {
                let sh = self.hs.hash_str(surface);
                self.surface_insert(table, sh, surface, (idx, v));
            }
            None => {}
        }
        if !literal && self.track_seen {
            self.seen_folded.insert(surface.to_lowercase());
        }
        (idx, v, true)
    }

    /// Puts back the normalising buffer `intern` took (none when it kept it).
    #[inline]
    fn put_back(&mut self, buf: String) {
        if buf.capacity() != 0 {
            self.norm_buf = buf;
        }
    }

    /// Adds a spelling (already in the arena) to entity `e`; returns its variant
    /// number.
    #[inline]
    fn push_form(&mut self, e: u32, surface: Str) -> u32 {
        let f = self.forms.len() as u32;
        self.forms.push(Form {
            surface,
            pseudonym: Str::default(),
        });
        let ent = &mut self.entities[e as usize];
        if ent.first == NO_FORM {
            ent.first = f;
            return 1;
        }
        if ent.more == NO_FORM {
            ent.more = self.more.len() as u32;
            self.more.push(Vec::new());
        }
        let more = &mut self.more[ent.more as usize];
        more.push(f);
        more.len() as u32 + 1
    }

    /// The variant of entity `e` spelled exactly `surface`, for the kinds whose
    /// spellings are found by their normalised value: among its first
    /// [`SPELLINGS_SCANNED`] spellings, then in `by_surface` (where the others
    /// are).
    fn spelling(&self, table: usize, e: u32, surface: &str) -> Option<u32> {
        let ent = &self.entities[e as usize];
        let count = ent.form_count(&self.more);
        for v in 1..=count.min(SPELLINGS_SCANNED) as u32 {
            let f = ent.form(v, &self.more)?;
            if self.s(self.forms[f as usize].surface) == surface {
                return Some(v);
            }
        }
        if count <= SPELLINGS_SCANNED {
            return None;
        }
        match self.surface_get(table, self.hs.hash_str(surface), surface) {
            Some((x, v)) if x == e => Some(v),
            _ => None,
        }
    }

    /// The form whose exact surface is `surface` (hash `h`).
    fn surface_get(&self, table: usize, h: u64, surface: &str) -> Option<(u32, u32)> {
        if let Some((e, v)) = self.by_surface[table].get(h) {
            if self.surface(e, v) == surface {
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
        match self.by_surface[table].get(h) {
            Some((e, v)) if self.surface(e, v) != surface => {
                self.surface_overflow[table].insert(surface.to_owned(), ev);
            }
            _ => self.by_surface[table].insert(h, ev),
        }
    }

    /// The entity of normalised value `norm` (hash `h`).
    fn norm_get(&self, k: usize, h: u64, norm: &str) -> Option<u32> {
        if let Some(ev) = self.by_norm[k].get(h) {
            if self.s(self.norm_of(ev)) == norm {
                return Some(ev.0);
            }
        }
        let o = &self.norm_overflow[k];
        if o.is_empty() {
            None
        } else {
            o.get(norm).copied()
        }
    }

    /// Maps normalised value `norm` (hash `h`, not mapped yet; already in the
    /// arena at `stored` if given) to entity `i`.
    fn norm_insert(&mut self, k: usize, h: u64, norm: &str, stored: Option<Str>, i: u32) {
        if self.by_norm[k].get(h).is_some() {
            self.norm_overflow[k].insert(norm.to_owned(), i);
        } else {
            let r = match stored {
                Some(r) => r,
                None => put(&mut self.arena, norm),
            };
            match self.norm_slot(i, r) {
                Some(ev) => self.by_norm[k].insert(h, ev),
                None => {
                    self.norm_overflow[k].insert(norm.to_owned(), i);
                }
            }
        }
    }

    /// The normalised value of a `by_norm` slot.
    fn norm_of(&self, (i, n): (u32, u32)) -> Str {
        match n.checked_sub(1) {
            None => self.entities[i as usize].norm,
            Some(n) => self.linked[n as usize],
        }
    }

    /// The `by_norm` slot mapping normalised value `r` to entity `i` (`None`: too
    /// many linked values to number).
    fn norm_slot(&mut self, i: u32, r: Str) -> Option<(u32, u32)> {
        if r == self.entities[i as usize].norm {
            return Some((i, 0));
        }
        let n = u32::try_from(self.linked.len() + 1).ok()?;
        self.linked.push(r);
        Some((i, n))
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
        if let Some((e, _)) = self.surface_get(kind.index(), self.hs.hash_str(surface), surface) {
            return Some(e);
        }
        let norm = normalise(kind, surface);
        match self.norm_get(kind.index(), self.hs.hash_str(&norm), &norm) {
            Some(i) => Some(i),
            None if kind == Kind::Person => self.link_person(&norm),
            None => None,
        }
    }

    /// Records the non-tag pseudonym of a form.
    pub(crate) fn set_pseudonym(&mut self, e: u32, v: u32, p: String) {
        let r = put(&mut self.arena, &p);
        let f = self.entities[e as usize]
            .form(v, &self.more)
            .expect("a known variant");
        self.forms[f as usize].pseudonym = r;
        let low = p.to_ascii_lowercase();
        self.pseudos.entry(p).or_insert((e, v));
        if !self.pseudos_folded.contains_key(&low) {
            self.pseudo_order.push(low.clone());
            self.pseudos_folded.insert(low, (e, v));
        }
    }

    /// An existing person whose name tokens contain these (or are contained in them):
    /// "DUPONT" and "M. Dupont" join "Jean Dupont"; "J. Dupont" too (initial).
    /// The first such person (lowest index) wins.
    fn link_person(&self, norm: &str) -> Option<u32> {
        self.link_person_keep(norm, &mut NameHashes::default())
    }

    /// [`Mapping::link_person`], keeping in `keep` what [`Mapping::index_person`]
    /// needs of the name (so that a new person's tokens are not hashed twice): its
    /// tokens are split, hashed and summed up in one pass.
    fn link_person_keep(&self, norm: &str, keep: &mut NameHashes) -> Option<u32> {
        let mut toks = [""; 12];
        let mut n = 0;
        let mut sig = Sig::default();
        let mut full = 0u16;
        for t in SpaceTokens::new(norm) {
            if n == toks.len() {
                // More tokens than any real name: not kept.
                keep.n = usize::MAX;
                return with_tokens(norm, |toks| {
                    self.link_person_with(toks, &mut vec![0; toks.len()], &mut Sig::default())
                });
            }
            let h = if t.len() > 1 {
                full |= 1 << n;
                token_hash(&self.hs, t)
            } else {
                0
            };
            sig.add(t, h);
            toks[n] = t;
            keep.th[n] = h;
            n += 1;
        }
        keep.n = n;
        keep.full = full;
        keep.sig = sig;
        self.link_candidates(&toks[..n], &keep.th[..n], &sig)
    }

    /// [`Mapping::link_person`] over the tokens of the name; `th` (one slot per
    /// token) receives the hashes of its full tokens, `sig` the name's signature.
    fn link_person_with(&self, toks: &[&str], th: &mut [u64], sig: &mut Sig) -> Option<u32> {
        *sig = Sig::default();
        for (t, h) in toks.iter().zip(th.iter_mut()) {
            *h = if t.len() > 1 {
                token_hash(&self.hs, t)
            } else {
                0
            };
            sig.add(t, *h);
        }
        self.link_candidates(toks, th, sig)
    }

    /// The first person (lowest index) listed under a full token of the name of
    /// tokens `toks` (`th`: their hashes, `sig`: its signature) that covers it or
    /// that it covers.
    fn link_candidates(&self, toks: &[&str], th: &[u64], sig: &Sig) -> Option<u32> {
        let may_link = |cs: &Sig| sig.may_link(cs, toks, th);
        // No person has this index: none found yet.
        let mut best = u32::MAX;
        for (t, &h) in toks.iter().zip(th) {
            if t.len() <= 1 {
                continue;
            }
            let Some((first, more)) = self.person_index.get(h) else {
                continue;
            };
            // Each list is in increasing order: past `best`, nothing can win.
            if first >= best {
                continue;
            }
            if may_link(&self.sigs[first as usize]) && self.person_links(first, toks) {
                best = first;
                continue;
            }
            // Bounded: thousands of people sharing a first name ("Jean X", "Jean
            // Y"…) must not make a batch quadratic. A name is still linked through
            // its rarer tokens (the surname's list is short); it gets a number of its
            // own only when every one of its tokens is shared by more than
            // LINK_SCAN_MAX earlier people, none of them covering it.
            for &i in &more[..more.len().min(LINK_SCAN_MAX - 1)] {
                if i >= best {
                    break;
                }
                if may_link(&self.sigs[i as usize]) && self.person_links(i, toks) {
                    best = i;
                    break;
                }
            }
        }
        (best != u32::MAX).then_some(best)
    }

    /// Whether person `i` covers the name of tokens `toks` or is covered by it.
    #[inline(never)]
    fn person_links(&self, i: u32, toks: &[&str]) -> bool {
        with_tokens(self.person_name(i), |etoks| {
            covers(etoks, toks) || covers(toks, etoks)
        })
    }

    /// A person's name as linking compares it: the fullest name linked to it so far
    /// (its normalised name unless a longer one joined it). "Paul-Henri Le Bihan"
    /// joins "LE BIHAN"; "LE BIHAN Jean-François" then covers neither that full name
    /// nor is covered by it: another person, not a variant of the first.
    fn person_name(&self, i: u32) -> &str {
        let r = match self.person_full.get(&i) {
            Some(&r) => r,
            None => self.entities[i as usize].norm,
        };
        self.s(r)
    }

    /// Person `i` was just linked to name `norm` (in the arena at `stored` if
    /// given): when it has more full words than the person's name so far, it
    /// becomes that name, and its new words lead to the person.
    fn grow_person(&mut self, i: u32, norm: &str, stored: Option<Str>) {
        if full_words(norm) <= full_words(self.person_name(i)) {
            return;
        }
        let r = match stored {
            Some(r) => r,
            None => put(&mut self.arena, norm),
        };
        self.person_full.insert(i, r);
        self.reindex_person(i, r);
    }

    /// Lists person `i` under every full word of its name `r` (in order, as
    /// `person_index` requires), and recomputes its signature.
    fn reindex_person(&mut self, i: u32, r: Str) {
        let Mapping {
            person_index,
            hs,
            arena,
            sigs,
            ..
        } = self;
        let mut sig = Sig::default();
        for t in SpaceTokens::new(&arena[r.start..r.end]) {
            if t.len() == 1 {
                sig.add(t, 0);
                continue;
            }
            let h = token_hash(hs, t);
            sig.add(t, h);
            person_index.insert(h, i);
        }
        sigs[i as usize] = sig;
    }

    /// [`Mapping::index_person`] of new person `i`, from the hashes and signature
    /// [`Mapping::link_person_keep`] kept of its name.
    fn index_person_kept(&mut self, i: u32, keep: &NameHashes) {
        if keep.n > keep.th.len() {
            return self.index_person(i);
        }
        // As `index_person`: a token met again in the name is listed once.
        for k in 0..keep.n {
            if keep.full & (1 << k) == 0 {
                continue;
            }
            let h = keep.th[k];
            let earlier = (0..k).any(|j| keep.full & (1 << j) != 0 && keep.th[j] == h);
            if !earlier {
                self.person_index.push(h, i);
            }
        }
        self.sigs[i as usize] = keep.sig;
    }

    fn index_person(&mut self, i: u32) {
        let Mapping {
            entities,
            person_index,
            hs,
            arena,
            ..
        } = self;
        let r = entities[i as usize].norm;
        let mut sig = Sig::default();
        // The hashes of the name's first full tokens: a token met again in the name
        // ("JEAN JEAN") is listed once. Checked here rather than by reading the end
        // of the list (one cache miss per token).
        let mut earlier = [0u64; 8];
        let mut n = 0;
        for t in SpaceTokens::new(&arena[r.start..r.end]) {
            if t.len() == 1 {
                sig.add(t, 0);
                continue;
            }
            let h = token_hash(hs, t);
            sig.add(t, h);
            let listed = if n < earlier.len() {
                earlier[..n].contains(&h)
            } else {
                // `i` is new: it ends this list only if an earlier token put it there.
                person_index.last(h) == Some(i)
            };
            if n < earlier.len() {
                earlier[n] = h;
            }
            n += 1;
            if !listed {
                person_index.push(h, i);
            }
        }
        self.sigs[i as usize] = sig;
    }

    /// Serialisable copy (for the vault).
    pub(crate) fn records(&self) -> Vec<Record> {
        self.entities
            .iter()
            .map(|e| Record {
                kind: e.kind as u32,
                number: e.number,
                norm: self.s(e.norm).to_owned(),
                forms: (1..=e.form_count(&self.more) as u32)
                    .filter_map(|v| e.form(v, &self.more))
                    .map(|f| {
                        let f = &self.forms[f as usize];
                        (self.s(f.surface).to_owned(), self.s(f.pseudonym).to_owned())
                    })
                    .collect(),
            })
            .collect()
    }

    /// Rebuilds a mapping from vault records; `None` when they are inconsistent.
    pub(crate) fn from_records(recs: &[Record]) -> Option<Mapping> {
        let mut m = Mapping::default();
        // A spelling whose normalised value is not its entity's (a vault of a
        // version that normalised otherwise) would not be found through it: then
        // every spelling goes to `by_surface`, as in that version.
        m.all_spellings = recs.iter().any(|r| {
            Kind::from_u32(r.kind).is_some_and(|kind| {
                !r.norm.starts_with('\0')
                    && spellings_by_norm(kind)
                    && r.forms.iter().any(|(s, _)| {
                        zeroize::Zeroizing::new(normalise(kind, s)).as_str() != r.norm
                    })
            })
        });
        for r in recs {
            let kind = Kind::from_u32(r.kind)?;
            let i = m.entities.len() as u32;
            if r.forms.is_empty() || r.number == 0 {
                return None;
            }
            if !m.number_insert(kind, r.number, i) {
                return None;
            }
            let c = &mut m.counters[kind.index()];
            *c = (*c).max(r.number);
            let literal = r.norm.starts_with('\0');
            let norm = put(&mut m.arena, &r.norm);
            m.sigs.push(Sig::default());
            m.entities.push(Entity {
                kind,
                number: r.number,
                norm,
                first: NO_FORM,
                more: NO_FORM,
            });
            let nh = m.hs.hash_str(&r.norm);
            if m.norm_get(kind.index(), nh, &r.norm).is_none() {
                m.norm_insert(kind.index(), nh, &r.norm, Some(norm), i);
            }
            if kind == Kind::Person && !literal {
                m.index_person(i);
            }
            for (s, p) in &r.forms {
                let table = if literal {
                    Kind::ALL.len()
                } else {
                    kind.index()
                };
                let sr = put(&mut m.arena, s);
                let v = m.push_form(i, sr);
                if literal
                    || !spellings_by_norm(kind)
                    || m.all_spellings
                    || v as usize > SPELLINGS_SCANNED
                {
                    let sh = m.hs.hash_str(s);
                    m.surface_insert(table, sh, s, (i, v));
                }
                if !literal {
                    m.seen_folded.insert(s.to_lowercase());
                }
                if !p.is_empty() {
                    m.set_pseudonym(i, v, p.clone());
                }
            }
            if kind == Kind::Person && !literal {
                // The name linking compares, as `grow_person` left it: the first
                // spelling with the most full words.
                let mut fullest: Option<zeroize::Zeroizing<String>> = None;
                let mut most = full_words(&r.norm);
                for (s, _) in &r.forms {
                    let n = zeroize::Zeroizing::new(normalise(Kind::Person, s));
                    if full_words(&n) > most {
                        most = full_words(&n);
                        fullest = Some(n);
                    }
                }
                if let Some(n) = fullest {
                    let rr = put(&mut m.arena, &n);
                    m.person_full.insert(i, rr);
                    m.reindex_person(i, rr);
                }
            }
        }
        Some(m)
    }
}

/// Person name token (its hash) → the person entities whose name has it, in
/// increasing order, without repeats.
#[derive(Default)]
struct PersonIndex {
    map: HashedMap<Postings>,
}

/// The person entities whose name has a token, in increasing order; the first
/// without an allocation (most tokens, surnames above all, name one person).
struct Postings {
    first: u32,
    more: Vec<u32>,
}

impl PersonIndex {
    /// Makes room for the tokens of `n` more person findings: a person is mostly
    /// named more than once, and first names are shared (the table grows should
    /// there be more tokens).
    fn reserve(&mut self, n: usize) {
        self.map.reserve(n.div_ceil(4));
    }

    /// The persons listed under token hash `h`: the first, then the others.
    #[inline]
    fn get(&self, h: u64) -> Option<(u32, &[u32])> {
        let p = self.map.get(&h)?;
        Some((p.first, &p.more))
    }

    /// The last person listed under `h`.
    fn last(&self, h: u64) -> Option<u32> {
        let (first, more) = self.get(h)?;
        Some(*more.last().unwrap_or(&first))
    }

    /// Lists `i`, greater than every person listed, under `h`.
    #[inline]
    fn push(&mut self, h: u64, i: u32) {
        match self.map.entry(h) {
            std::collections::hash_map::Entry::Vacant(x) => {
                x.insert(Postings {
                    first: i,
                    more: Vec::new(),
                });
            }
            std::collections::hash_map::Entry::Occupied(mut x) => x.get_mut().more.push(i),
        }
    }

    /// Lists `i` under `h` in its place (the list stays in increasing order,
    /// without repeats).
    fn insert(&mut self, h: u64, i: u32) {
        match self.map.entry(h) {
            std::collections::hash_map::Entry::Vacant(x) => {
                x.insert(Postings {
                    first: i,
                    more: Vec::new(),
                });
            }
            std::collections::hash_map::Entry::Occupied(mut x) => {
                let p = x.get_mut();
                if i < p.first {
                    p.more.insert(0, p.first);
                    p.first = i;
                } else if i > p.first {
                    let k = p.more.partition_point(|&x| x < i);
                    if p.more.get(k) != Some(&i) {
                        p.more.insert(k, i);
                    }
                }
            }
        }
    }
}

/// The hash of a person's name token in [`Mapping::person_index`] and [`Sig`].
#[inline]
fn token_hash(hs: &FastState, t: &str) -> u64 {
    let mut h = hs.build_hasher();
    h.write(t.as_bytes());
    h.finish()
}

/// What linking computed of a name that indexing a new person reuses: the hashes
/// of its tokens (`th[k]`, for the tokens whose bit is set in `full`), their
/// number (`n`; more than `th.len()`: not kept) and the name's signature.
#[derive(Default)]
struct NameHashes {
    th: [u64; 12],
    n: usize,
    full: u16,
    sig: Sig,
}

/// The words of two letters or more of a normalised name.
fn full_words(norm: &str) -> usize {
    // Counted at the ends of words, on bytes.
    let mut n = 0;
    let mut len = 0;
    for &c in norm.as_bytes() {
        if c == b' ' {
            n += usize::from(len > 1);
            len = 0;
        } else {
            len += 1;
        }
    }
    n + usize::from(len > 1)
}

/// What [`covers`] needs of a name, summed up in bits: a necessary condition for
/// one name to cover another, checked without reading either.
#[derive(Clone, Copy, Default)]
struct Sig {
    /// Bloom bits of the full tokens (2+ bytes), two from each one's hash (names of
    /// four or five tokens share fewer bits by chance than with one): not zero
    /// when there is a full token.
    full: u64,
    /// Bits of the first bytes of the full tokens.
    first: u32,
    /// Bits of the one-byte tokens (initials).
    ini: u32,
}

/// A byte's bit, folded to 32 (`A` and `a` share one, as do a few others: the
/// filter only lets more candidates through). 16 bytes a signature: the
/// signatures of some 40,000 people stay in a core's L2 cache.
fn byte_bit(b: u8) -> u32 {
    1 << (b & 31)
}

/// The bloom bits of a full token of hash `h` (one or two).
fn bloom_bits(h: u64) -> u64 {
    (1 << (h >> 58)) | (1 << ((h >> 52) & 63))
}

impl Sig {
    /// Adds token `t` (non-empty; `h` its hash when it is a full token).
    fn add(&mut self, t: &str, h: u64) {
        let b0 = t.as_bytes()[0];
        if t.len() > 1 {
            self.full |= bloom_bits(h);
            self.first |= byte_bit(b0);
        } else {
            self.ini |= byte_bit(b0);
        }
    }

    /// Whether the name of this signature may cover (`covers(self, small)`) the
    /// name of tokens `small` (`th`: hashes of its full tokens).
    fn may_cover(&self, small: &[&str], th: &[u64]) -> bool {
        let mut any_full = false;
        for (t, &h) in small.iter().zip(th) {
            let b0 = byte_bit(t.as_bytes()[0]);
            if t.len() > 1 {
                // Itself, or an initial of it.
                any_full = true;
                let bits = bloom_bits(h);
                if self.full & bits != bits && self.ini & b0 == 0 {
                    return false;
                }
            } else if (self.first | self.ini) & b0 == 0 {
                // An initial needs a token starting with it.
                return false;
            }
        }
        any_full
    }

    /// Whether a name of this signature (tokens `toks`, hashes `th`) may be linked
    /// to a person of signature `cs`: [`Sig::may_cover`] (its bit tests first,
    /// which decide when every full token of the name is among the person's: the
    /// loop over the tokens is left for the others) or [`Sig::may_cover_sig`] the
    /// other way. Most candidates share one common token (a first name) and
    /// nothing else: their signatures rule them out without reading their names.
    #[inline(always)]
    fn may_link(&self, cs: &Sig, toks: &[&str], th: &[u64]) -> bool {
        (self.full != 0
            && self.ini & !(cs.first | cs.ini) == 0
            && (self.full & !cs.full == 0 || (cs.ini != 0 && cs.may_cover(toks, th))))
            || self.may_cover_sig(cs)
    }

    /// Whether the name of this signature may cover the name of signature `small`.
    fn may_cover_sig(&self, small: &Sig) -> bool {
        let starts = self.first | self.ini;
        small.full != 0
            // Each full token is one of ours (same first byte) or starts with one
            // of our initials.
            && small.first & !starts == 0
            // Without initials of ours, each full token is one of ours.
            && (self.ini != 0 || small.full & !self.full == 0)
            // Each initial starts one of our tokens.
            && small.ini & !starts == 0
    }
}

/// The space-separated tokens of a normalised name, read byte by byte (faster
/// than `split(' ')` and a filter of the empty ones, for names of a few bytes).
struct SpaceTokens<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> SpaceTokens<'a> {
    fn new(s: &'a str) -> SpaceTokens<'a> {
        SpaceTokens { s, i: 0 }
    }
}

impl<'a> Iterator for SpaceTokens<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        while self.i < b.len() && b[self.i] == b' ' {
            self.i += 1;
        }
        if self.i == b.len() {
            return None;
        }
        let st = self.i;
        while self.i < b.len() && b[self.i] != b' ' {
            self.i += 1;
        }
        // `st` and `i` are at spaces or at the ends: character boundaries.
        Some(&self.s[st..self.i])
    }
}

/// Calls `f` with the space-separated tokens of `s` (on the stack when there are
/// few of them, as in every real name).
fn with_tokens<R>(s: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut arr = [""; 12];
    let mut n = 0;
    for t in SpaceTokens::new(s) {
        if n == arr.len() {
            let v: Vec<&str> = SpaceTokens::new(s).collect();
            return f(&v);
        }
        arr[n] = t;
        n += 1;
    }
    f(&arr[..n])
}

/// The earlier people sharing one token of a new name that linking looks at.
const LINK_SCAN_MAX: usize = 512;

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
    let mut out = String::new();
    let mut tmp = String::new();
    normalise_into(kind, s, &mut out, &mut tmp);
    tmp.zeroize();
    out
}

/// Whether `s` is its own normal form ([`normalise`] would return it unchanged),
/// checked without copying, for the shapes values mostly come in: a compact NIR or
/// IBAN, a lower-case e-mail, a phone number in digits, an IP address.
fn is_normal(kind: Kind, s: &str) -> bool {
    let b = s.as_bytes();
    match kind {
        Kind::Person => false,
        Kind::Email => {
            // Written plainly (not "x [at] y [dot] fr"), and `trim` then
            // `to_lowercase` change nothing.
            plain_lower_ascii(b)
                && !b
                    .first()
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == 0x0B)
                && !b
                    .last()
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == 0x0B)
        }
        Kind::Phone => {
            all_bytes(
                b,
                |w| in_range(w, b'0', b'9') == HIGH,
                |c| c.is_ascii_digit(),
            ) && !s.starts_with("0033")
                && !(b.len() >= 11 && s.starts_with("33"))
        }
        Kind::Address | Kind::BirthDate | Kind::Ip => {
            // Lower-case ASCII tokens joined by single spaces, no comma.
            let sep = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b',');
            !b.is_empty()
                && b[0] != b' '
                && b[b.len() - 1] != b' '
                && b.iter()
                    .all(|&c| c.is_ascii() && !c.is_ascii_uppercase() && (c == b' ' || !sep(c)))
                && !s.contains("  ")
        }
        _ => all_bytes(
            b,
            |w| in_range(w, b'A', b'Z') | in_range(w, b'0', b'9') == HIGH,
            |c| c.is_ascii_uppercase() || c.is_ascii_digit(),
        ),
    }
}

/// Whether `b` is ASCII without upper-case letters and plainly written (as
/// [`crate::detect::email_spoken::is_plain`]: an `@`, no space or bracket), in
/// one pass over words of eight bytes.
fn plain_lower_ascii(b: &[u8]) -> bool {
    // Per word: the bytes equal to `c` (a zero byte of `w ^ c·ONES`), exact as a
    // whole for "any" (a false bit needs a true one below it).
    let has = |w: u64, c: u8| {
        let x = w ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let (mut at, mut bad) = (0u64, 0u64);
    let mut test = |w: u64| {
        at |= has(w, b'@');
        // Non-ASCII bytes make the others meaningless, but `bad` is set then.
        bad |= w & HIGH
            | in_range(w & !HIGH, b'A', b'Z')
            | has(w, b' ')
            | has(w, b'(')
            | has(w, b'[')
            | has(w, b'{');
    };
    let len = b.len();
    let mut i = 0;
    while i + 8 <= len {
        test(read8(b, i));
        i += 8;
    }
    if i < len {
        // The last eight bytes (read again in part: the tests do not count), or
        // the few bytes padded with a byte that passes every test.
        test(if len >= 8 {
            read8(b, len - 8)
        } else {
            let mut w = [b'a'; 8];
            w[..len].copy_from_slice(b);
            u64::from_le_bytes(w)
        });
    }
    at != 0 && bad == 0
}

/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// 1 in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `w` (every byte ASCII) that is in `lo..=hi`.
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    // Per byte, no carry (bytes < 0x80): x + 0x80 - lo ≥ 0x80 iff x ≥ lo, and
    // x + 0x7F - hi ≥ 0x80 iff x > hi.
    let ge_lo = w.wrapping_add(ONES * u64::from(0x80 - lo));
    let gt_hi = w.wrapping_add(ONES * u64::from(0x7F - hi));
    ge_lo & !gt_hi & HIGH
}

/// Whether every byte of `b` is ASCII and passes `byte`; `word` is the same
/// test on eight ASCII bytes at a time.
fn all_bytes(b: &[u8], word: impl Fn(u64) -> bool, byte: impl Fn(u8) -> bool) -> bool {
    if b.len() < 8 {
        return b.iter().all(|&c| c.is_ascii() && byte(c));
    }
    let test = |w: u64| w & HIGH == 0 && word(w);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        if !test(u64::from_le_bytes(c.try_into().unwrap_or([0x80; 8]))) {
            return false;
        }
    }
    // The last eight bytes (read again in part), not the last few one by one.
    chunks.remainder().is_empty() || test(read8(b, b.len() - 8))
}

/// Appends the words of ASCII `s` to `out`, one space between, split at whitespace
/// (the ASCII whitespace of `char::is_whitespace`: `\t\n\x0B\x0C\r `) and commas.
fn join_ascii_words(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let sep = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b',');
    let mut i = 0;
    while i < b.len() {
        if sep(b[i]) {
            i += 1;
            continue;
        }
        // Words joined by one space already are copied at once.
        let st = i;
        loop {
            while i < b.len() && !sep(b[i]) {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b' ' && !sep(b[i + 1]) {
                i += 1;
            } else {
                break;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[st..i]);
    }
}

/// [`normalise`] into `out` (cleared first), without allocating once the buffers
/// are big enough; `tmp` is scratch space.
pub(crate) fn normalise_into(kind: Kind, s: &str, out: &mut String, tmp: &mut String) {
    out.clear();
    match kind {
        Kind::Person => {
            // Upper-cased ASCII alphanumeric tokens of the folded text but
            // civilities, joined by one space. (Folding only lower-cases ASCII.)
            if s.is_ascii() {
                person_norm(s, out);
            } else {
                person_norm_folding(s, out, tmp);
            }
        }
        Kind::Email => {
            let t = s.trim();
            // "marie.curie [at] free [dot] fr" is marie.curie@free.fr (written
            // lower-cased into `out`).
            let spelled = !crate::detect::email_spoken::is_plain(t.as_bytes())
                && crate::detect::email_spoken::canonical_into(t, out);
            if !spelled {
                if t.is_ascii() {
                    out.push_str(t);
                    out.make_ascii_lowercase();
                } else {
                    let mut low = t.to_lowercase();
                    out.push_str(&low);
                    low.zeroize();
                }
            }
        }
        Kind::Phone => {
            push_bytes(s, &DIGITS, out);
            let prefix = if out.starts_with("0033") {
                4
            } else if out.len() >= 11 && out.starts_with("33") {
                2
            } else {
                0
            };
            if prefix > 0 {
                let zeros = out[prefix..].bytes().take_while(|&c| c == b'0').count();
                out.replace_range(..prefix + zeros, "0");
            }
        }
        Kind::Address | Kind::BirthDate | Kind::Ip => {
            tmp.clear();
            if s.is_ascii() {
                join_ascii_words(s, out);
                out.make_ascii_lowercase();
                return;
            } else {
                fold_runs(s, tmp);
                if tmp.is_ascii() {
                    // Folded to ASCII (lower case already): the ASCII split.
                    join_ascii_words(tmp, out);
                    return;
                }
                let mut low = tmp.to_lowercase();
                tmp.clear();
                tmp.push_str(&low);
                low.zeroize();
            }
            for t in tmp.split(|c: char| c.is_whitespace() || c == ',') {
                if t.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
        _ => push_bytes(s, &ALNUM_UPPER, out),
    }
}

/// Each byte upper-cased if it is an ASCII letter or digit (the bytes of a person's
/// name tokens), 0 otherwise.
const NAME_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_uppercase();
        }
        b += 1;
    }
    t
};

/// The `Kind::Person` arm of [`normalise_into`] for a folded name `src`, into
/// `out` (empty): its tokens are upper-cased as they are copied, once, and a
/// civility is dropped after it is copied (cut off again).
fn person_norm(src: &str, out: &mut String) {
    let b = src.as_bytes();
    out.reserve(b.len());
    let mut r = 0;
    while r < b.len() {
        if NAME_BYTES[usize::from(b[r])] == 0 {
            r += 1;
            continue;
        }
        let o = out.len();
        if o > 0 {
            out.push(' ');
        }
        let st = out.len();
        while r < b.len() {
            let u = NAME_BYTES[usize::from(b[r])];
            if u == 0 {
                break;
            }
            out.push(char::from(u));
            r += 1;
        }
        if is_civility_upper(&out.as_bytes()[st..]) {
            out.truncate(o);
        }
    }
    if out.is_empty() {
        // No token: the whole folded text.
        out.push_str(src);
        out.make_ascii_uppercase();
    }
}

/// [`person_norm`] of the folded `s` ([`fold_runs`]), folded as it is read: a
/// folded character is a letter of a token (upper-cased) or ends one, a combining
/// mark is nothing (the token goes on); `tmp` is scratch space, for a name
/// without a token.
fn person_norm_folding(s: &str, out: &mut String, tmp: &mut String) {
    out.reserve(s.len());
    // The length of `out` before the token being read (`None`: between tokens).
    let mut open: Option<usize> = None;
    // Ends the token being read, if any: a civility is cut off.
    let close = |out: &mut String, open: &mut Option<usize>| {
        if let Some(o) = open.take() {
            let st = o + usize::from(o > 0);
            if is_civility_upper(&out.as_bytes()[st..]) {
                out.truncate(o);
            }
        }
    };
    // Adds upper-case ASCII letter or digit `u` to the token being read.
    let letter = |out: &mut String, open: &mut Option<usize>, u: u8| {
        if open.is_none() {
            let o = out.len();
            if o > 0 {
                out.push(' ');
            }
            *open = Some(o);
        }
        out.push(char::from(u));
    };
    for c in s.chars() {
        if c.is_ascii() {
            match NAME_BYTES[c as usize] {
                0 => close(out, &mut open),
                u => letter(out, &mut open, u),
            }
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match crate::text::fold_char(c) {
            'œ' => {
                letter(out, &mut open, b'O');
                letter(out, &mut open, b'E');
            }
            'æ' => {
                letter(out, &mut open, b'A');
                letter(out, &mut open, b'E');
            }
            f if f.is_ascii() && NAME_BYTES[f as usize] != 0 => {
                letter(out, &mut open, NAME_BYTES[f as usize]);
            }
            _ => close(out, &mut open),
        }
    }
    close(out, &mut open);
    if out.is_empty() {
        // No token: the whole folded text.
        fold_runs(s, tmp);
        out.push_str(tmp);
        out.make_ascii_uppercase();
    }
}

/// Whether the upper-case ASCII token `t` (not empty) is a civility.
fn is_civility_upper(t: &[u8]) -> bool {
    // Every civility starts with one of these letters.
    t.len() <= 12
        && matches!(t[0], b'M' | b'D' | b'P')
        && CIVILITIES.iter().any(|c| c.as_bytes() == t)
}

/// [`crate::text::fold_into`] (same output), copying runs of ASCII at once: names and
/// addresses are mostly ASCII with a few accented letters.
fn fold_runs(s: &str, out: &mut String) {
    out.clear();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let st = i;
        while i < b.len() && b[i].is_ascii() {
            i += 1;
        }
        if i > st {
            // `st` and `i` are at ASCII bytes or the end: character boundaries.
            let o = out.len();
            out.push_str(&s[st..i]);
            out[o..].make_ascii_lowercase();
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match crate::text::fold_char(c) {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            f => out.push(f),
        }
    }
}

/// Appends to `out`, for each byte of `s`, what `map` maps it to (ASCII; 0: no
/// byte), one at a time: the runs of digits of a phone number or a NIR are too
/// short for a call to copy each, and a table spares the tests of each byte.
fn push_bytes(s: &str, map: &[u8; 256], out: &mut String) {
    out.reserve(s.len());
    for &c in s.as_bytes() {
        let m = map[usize::from(c)];
        if m != 0 {
            out.push(char::from(m));
        }
    }
}

/// A [`push_bytes`] table keeping the ASCII digits, and the ASCII letters
/// (upper-cased) when `letters`.
const fn byte_map(letters: bool) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut c: u8 = 0;
    while c < 128 {
        if c.is_ascii_digit() || (letters && c.is_ascii_alphabetic()) {
            t[c as usize] = c.to_ascii_uppercase();
        }
        c += 1;
    }
    t
}

/// The digits of a phone number.
static DIGITS: [u8; 256] = byte_map(false);
/// The letters (upper-cased) and digits of a NIR, an IBAN…
static ALNUM_UPPER: [u8; 256] = byte_map(true);

/// Whether the spellings of values of `kind` are found through their normalised
/// value (its entity, then among the entity's spellings) rather than in
/// `by_surface`: every spelling of such an entity has the entity's normalised
/// value (an entity of these kinds is found by nothing else), and normalising is
/// cheap. Not for persons (linked by their tokens) and addresses (costly to
/// normalise, and often repeated).
fn spellings_by_norm(kind: Kind) -> bool {
    !matches!(kind, Kind::Person | Kind::Address)
}

/// The spellings of an entity compared one by one (see [`spellings_by_norm`]);
/// the others are in `by_surface`, so that a value written in thousands of ways
/// costs no more per spelling than one.
const SPELLINGS_SCANNED: usize = 8;

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
    fn fold_runs_is_fold_into() {
        let mut a = String::new();
        let mut b = String::new();
        for s in [
            "",
            "abc",
            "ÉLODIE Lefèvre",
            "Cœur Æsir",
            "e\u{301}cole",
            "12, RUE DE L\u{2019}ÉGLISE",
            "İstanbul ẞ ǅ",
            "\u{a0}x\u{202f}y\u{2009}",
            "àé",
        ] {
            crate::text::fold_into(s, &mut a);
            fold_runs(s, &mut b);
            assert_eq!(a, b, "{s:?}");
        }
    }

    #[test]
    fn word_tests_match_byte_tests() {
        for x in 0u8..0x80 {
            let w = u64::from_le_bytes([x, b'5', x, b'Q', x, b'a', x, b'~']);
            let want = |lo: u8, hi: u8| {
                w.to_le_bytes()
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        if (lo..=hi).contains(&c) {
                            0x80 << (8 * i)
                        } else {
                            0
                        }
                    })
                    .sum::<u64>()
            };
            for (lo, hi) in [(b'0', b'9'), (b'A', b'Z'), (0, 0x7F), (b'a', b'a')] {
                assert_eq!(in_range(w, lo, hi), want(lo, hi), "{x} {lo} {hi}");
            }
        }
        let digits = |s: &str| {
            all_bytes(
                s.as_bytes(),
                |w| in_range(w, b'0', b'9') == HIGH,
                |c| c.is_ascii_digit(),
            )
        };
        assert!(digits("0612345678") && digits("") && digits("123456789012345678"));
        assert!(!digits("06123456x8") && !digits("061234567é") && !digits("12345678 "));
        // Every length, every position of a byte that fails.
        for len in 0..40 {
            for bad in [None, Some((b'x', 0)), Some((b'/', 7)), Some((b':', 8))]
                .into_iter()
                .chain((0..len).map(|i| Some((0xC3, i))))
            {
                let mut v = vec![b'7'; len];
                if let Some((c, i)) = bad.filter(|&(_, i)| i < len) {
                    v[i] = c;
                }
                let want = v.iter().all(u8::is_ascii_digit);
                let got = all_bytes(
                    &v,
                    |w| in_range(w, b'0', b'9') == HIGH,
                    |c| c.is_ascii_digit(),
                );
                assert_eq!(got, want, "{v:?}");
            }
        }
    }

    #[test]
    fn plain_lower_ascii_is_the_byte_test() {
        let pieces = [
            "a", "Z", "@", " ", "(", "[", "{", ")", ".", "-", "é", "\t", "0", "at", "x@y.fr", "`",
            "z", "A", "\u{80}", "\u{a0}", "\u{7f}", "?", "\0",
        ];
        let mut rng = crate::testrng::Lcg(5);
        let mut v = String::new();
        for round in 0..20_000 {
            v.clear();
            for _ in 0..rng.next() as usize % if round % 10 == 0 { 40 } else { 12 } {
                v.push_str(rng.pick(&pieces));
            }
            let b = v.as_bytes();
            let want = crate::detect::email_spoken::is_plain(b)
                && b.iter().all(|c| c.is_ascii() && !c.is_ascii_uppercase());
            assert_eq!(plain_lower_ascii(b), want, "{v:?}");
        }
    }

    #[test]
    fn normal_forms_are_recognised() {
        let cases: &[(Kind, &str)] = &[
            (Kind::Nir, "183026968202053"),
            (Kind::Nir, "1 83 02"),
            (Kind::Iban, "FR7630006000011234567890189"),
            (Kind::Iban, "fr76"),
            (Kind::Email, "jean@x.fr"),
            (Kind::Email, "Jean@x.fr"),
            (Kind::Email, " jean@x.fr"),
            (Kind::Email, "jean@x.fr\x0b"),
            (Kind::Email, "jéan@x.fr"),
            (Kind::Phone, "0612345678"),
            (Kind::Phone, "0033612345678"),
            (Kind::Phone, "33612345678"),
            (Kind::Phone, "3361234567"),
            (Kind::Phone, "06 12"),
            (Kind::Ip, "192.168.1.1"),
            (Kind::Ip, "FE80::1"),
            (Kind::BirthDate, "12 mars 1985"),
            (Kind::BirthDate, "12  mars 1985"),
            (Kind::BirthDate, " 12 mars"),
            (Kind::BirthDate, "12 mars,"),
            (Kind::BirthDate, "12\tmars"),
            (Kind::BirthDate, "12 février"),
            (Kind::Address, ""),
            (Kind::Card, ""),
            (Kind::Card, "4970 1012"),
            (Kind::Plate, "AB123CD"),
            (Kind::Person, "DUPONT"),
        ];
        for (k, s) in cases {
            if is_normal(*k, s) {
                assert_eq!(normalise(*k, s), *s, "{k:?} {s:?}");
            }
        }
        assert!(is_normal(Kind::Email, "jean@x.fr"));
        assert!(is_normal(Kind::Ip, "192.168.1.1"));
        assert!(is_normal(Kind::Nir, "183026968202053"));
    }

    /// Whether the ASCII token `t` is a civility, in any case (as the reference
    /// tested it).
    fn is_civility_token(t: &[u8]) -> bool {
        t.len() <= 12
            && matches!(t[0].to_ascii_uppercase(), b'M' | b'D' | b'P')
            && CIVILITIES
                .iter()
                .any(|c| c.as_bytes().eq_ignore_ascii_case(t))
    }

    /// `normalise_into` as it was before digits and alphanumerics were copied byte
    /// by byte.
    fn normalise_reference(kind: Kind, s: &str, out: &mut String, tmp: &mut String) {
        out.clear();
        match kind {
            Kind::Person => {
                // Upper-cased ASCII alphanumeric tokens of the folded text but
                // civilities, joined by one space. (Folding only lower-cases ASCII.)
                let src = if s.is_ascii() {
                    s
                } else {
                    fold_runs(s, tmp);
                    tmp.as_str()
                };
                let b = src.as_bytes();
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
                    if is_civility_token(&b[st..r]) {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&src[st..r]);
                }
                if out.is_empty() {
                    // No token: the whole folded text.
                    out.push_str(src);
                }
                out.make_ascii_uppercase();
            }
            Kind::Email => {
                let t = s.trim();
                if !crate::detect::email_spoken::is_plain(t.as_bytes())
                    && crate::detect::email_spoken::canonical_into(t, out)
                {
                } else if t.is_ascii() {
                    out.push_str(t);
                    out.make_ascii_lowercase();
                } else {
                    let mut low = t.to_lowercase();
                    out.push_str(&low);
                    low.zeroize();
                }
            }
            Kind::Phone => {
                runs_reference(s, u8::is_ascii_digit, out);
                let prefix = if out.starts_with("0033") {
                    4
                } else if out.len() >= 11 && out.starts_with("33") {
                    2
                } else {
                    0
                };
                if prefix > 0 {
                    let zeros = out[prefix..].bytes().take_while(|&c| c == b'0').count();
                    out.replace_range(..prefix + zeros, "0");
                }
            }
            Kind::Address | Kind::BirthDate | Kind::Ip => {
                tmp.clear();
                if s.is_ascii() {
                    join_reference(s, out);
                    out.make_ascii_lowercase();
                    return;
                } else {
                    fold_runs(s, tmp);
                    if tmp.is_ascii() {
                        // Folded to ASCII (lower case already): the ASCII split.
                        join_reference(tmp, out);
                        return;
                    }
                    let mut low = tmp.to_lowercase();
                    tmp.clear();
                    tmp.push_str(&low);
                    low.zeroize();
                }
                for t in tmp.split(|c: char| c.is_whitespace() || c == ',') {
                    if t.is_empty() {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(t);
                }
            }
            _ => {
                runs_reference(s, u8::is_ascii_alphanumeric, out);
                out.make_ascii_uppercase();
            }
        }
    }

    fn join_reference(s: &str, out: &mut String) {
        let b = s.as_bytes();
        let sep = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b',');
        let mut i = 0;
        while i < b.len() {
            if sep(b[i]) {
                i += 1;
                continue;
            }
            let st = i;
            while i < b.len() && !sep(b[i]) {
                i += 1;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[st..i]);
        }
    }

    fn runs_reference(s: &str, keep: fn(&u8) -> bool, out: &mut String) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !keep(&b[i]) {
                i += 1;
                continue;
            }
            let st = i;
            while i < b.len() && keep(&b[i]) {
                i += 1;
            }
            out.push_str(&s[st..i]);
        }
    }

    #[test]
    fn normalisation_is_the_reference() {
        let pieces = [
            "M. ", "Mme", "DR", "dr", "jean", "DUPONT", "Hélène", "Lefèvre", "Œuvre", "ß", " ",
            "  ", ",", "\t", "\n", "\x0b", "-", ".", "'", "\u{2019}", "0", "00", "0033", "33",
            "+33 (0)", "6", "12", "é", "e\u{301}", "rue", "RUE", "bis", "FR76", "2A", "@", "x",
            "İ", "\u{a0}", "中", "\0", "Mr", "ÉCOLE", "Ⓐ", "ǅ",
        ];
        let mut rng = crate::testrng::Lcg(11);
        let (mut v, mut got, mut want, mut tmp) =
            (String::new(), String::new(), String::new(), String::new());
        for round in 0..40_000 {
            v.clear();
            let n = 1 + rng.next() as usize % if round % 50 == 0 { 80 } else { 10 };
            for _ in 0..n {
                v.push_str(rng.pick(&pieces));
            }
            let k = Kind::ALL[round % Kind::ALL.len()];
            normalise_into(k, &v, &mut got, &mut tmp);
            normalise_reference(k, &v, &mut want, &mut tmp);
            assert_eq!(got, want, "{k:?} {v:?}");
        }
    }

    #[test]
    fn civility_tests_agree() {
        // The civility tests read the first letter first.
        for c in CIVILITIES {
            assert!(c.len() <= 12 && matches!(c.as_bytes()[0], b'M' | b'D' | b'P'));
            assert!(is_civility_upper(c.as_bytes()) && is_civility_token(c.as_bytes()));
        }
        for t in ["MX", "MMME", "D", "P", "DRR", "PROF", "MADAMES", "A", "Mme"] {
            assert!(!is_civility_upper(t.as_bytes()), "{t}");
        }
        // Long names too.
        let mut rng = crate::testrng::Lcg(5);
        let parts = [
            "M.", "mme", "Jean", "DUPONT", "-", " ", "  ", "é", "Dr", "x", "0", "'",
        ];
        let (mut v, mut a, mut b, mut tmp) =
            (String::new(), String::new(), String::new(), String::new());
        for _ in 0..20_000 {
            v.clear();
            while v.len() < 70 {
                v.push_str(rng.pick(&parts));
                if v.len() >= 60 {
                    normalise_into(Kind::Person, &v, &mut a, &mut tmp);
                    normalise_reference(Kind::Person, &v, &mut b, &mut tmp);
                    assert_eq!(a, b, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn full_words_counts_words_of_two_bytes() {
        for n in [
            "",
            " ",
            "A",
            "AB",
            "A B",
            "JEAN  DUPONT ",
            " J P DUPONT",
            "LE GOFF X",
            "É",
        ] {
            assert_eq!(
                full_words(n),
                n.split(' ').filter(|t| t.len() > 1).count(),
                "{n:?}"
            );
        }
    }

    #[test]
    fn signatures_never_rule_out_a_cover() {
        let names = [
            "JEAN DUPONT",
            "DUPONT",
            "J DUPONT",
            "JEAN",
            "J",
            "JEAN PIERRE DUPONT",
            "J P DUPONT",
            "P DUPONT",
            "MARIE DUPONT",
            "DUPONT JEAN",
            "X BENSAID",
            "XIN BENSAID",
            "B BENSAID",
            "LE GOFF",
            "L GOFF",
            "E.",
            "JEAN JEAN",
            "D J",
            "JEANNE D",
        ];
        let hs = FastState::default();
        for a in names {
            for b in names {
                with_tokens(a, |ta| {
                    with_tokens(b, |tb| {
                        let sig = |t: &[&str]| {
                            let mut s = Sig::default();
                            let h: Vec<u64> = t.iter().map(|x| token_hash(&hs, x)).collect();
                            for (x, &h) in t.iter().zip(&h) {
                                s.add(x, h);
                            }
                            (s, h)
                        };
                        let (sa, ha) = sig(ta);
                        let (sb, hb) = sig(tb);
                        if covers(ta, tb) {
                            assert!(sa.may_cover(tb, &hb), "{a} / {b}");
                            assert!(sa.may_cover_sig(&sb), "{a} / {b}");
                            // Linking `b` to person `a`, or `a` to person `b`.
                            assert!(sb.may_link(&sa, tb, &hb), "{a} / {b}");
                            assert!(sa.may_link(&sb, ta, &ha), "{a} / {b}");
                        }
                    })
                });
            }
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
        assert_eq!(m.number(f), 2);
        // An initial never stands for the surname itself.
        let (g, _, _) = m.intern(Kind::Person, "Xin BENSAÏD", false);
        let (h, _, _) = m.intern(Kind::Person, "B. Bensaïd", false);
        let (i, _, _) = m.intern(Kind::Person, "X. Bensaïd", false);
        assert_ne!(g, h);
        assert_eq!(g, i);
    }

    #[test]
    fn people_sharing_a_first_name_still_link_by_surname() {
        let mut m = Mapping::default();
        let name = |k: usize| format!("Jean X{k:04}");
        for k in 0..LINK_SCAN_MAX + 100 {
            m.intern(Kind::Person, &name(k), false);
        }
        let (a, _, _) = m.intern(Kind::Person, "Jean DUPONT", false);
        for k in LINK_SCAN_MAX + 100..2 * LINK_SCAN_MAX {
            m.intern(Kind::Person, &name(k), false);
        }
        // Through the short list of "dupont", past the long one of "jean".
        assert_eq!(m.intern(Kind::Person, "M. Dupont", false).0, a);
        assert_eq!(m.intern(Kind::Person, "J. DUPONT", false).0, a);
        // A bare first name links to the first of them, as always.
        assert_eq!(m.intern(Kind::Person, "Jean", false).0, 0);
        // Every other person kept a number of their own.
        assert_eq!(m.len(), 2 * LINK_SCAN_MAX + 1);
    }

    #[test]
    fn taken_hashes_go_to_the_overflow_tables() {
        // Simulate hash collisions: the slots of the second value (surface and
        // norm) point to the entity of the first. (E-mail spellings are found
        // through their normalised value: no surface table.)
        for (kind, x, y, y_other) in [
            (Kind::Address, "1 rue a", "2 rue b", "2 RUE B"),
            (Kind::Email, "a@b.fr", "c@d.fr", "C@D.FR"),
        ] {
            let by_surface = !spellings_by_norm(kind);
            let mut m = Mapping::default();
            let (a, va, _) = m.intern(kind, x, false);
            let k = kind.index();
            let hs = m.hs.hash_str(y);
            m.by_surface[k].insert(hs, (a, va));
            m.by_norm[k].insert(hs, (a, 0));
            let (c, vc, new) = m.intern(kind, y, false);
            assert!(new);
            assert_ne!(a, c);
            assert_eq!(m.surface_overflow[k].len(), usize::from(by_surface));
            assert_eq!(m.norm_overflow[k].len(), 1);
            assert_eq!(m.intern(kind, y, false), (c, vc, false));
            assert_eq!(m.intern(kind, y_other, false).0, c);
            assert_eq!(m.lookup(kind, y), Some(c));
            // The colliding slot still answers for its own value.
            m.by_surface[k].insert(hs, (a, va));
            assert_eq!(m.intern(kind, x, false), (a, va, false));
            // A vault copy rebuilds the same answers.
            let copy = Mapping::from_records(&m.records()).unwrap();
            assert_eq!(copy.lookup(kind, y), Some(c));
            assert_eq!(copy.lookup(kind, x), Some(a));
        }
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
        for hash in [
            |st: &FastState, k: &str| st.hash_one(k),
            FastState::hash_str,
        ] {
            let mut hs: Vec<u64> = keys.iter().map(|k| hash(&st, k)).collect();
            hs.sort_unstable();
            hs.dedup();
            assert_eq!(hs.len(), keys.len());
        }
        assert_eq!(
            st.hash_one("abc"),
            st.hash_one(String::from("abc").as_str())
        );
    }

    #[test]
    fn hash_index_maps_every_key() {
        let mut t: HashIndex<(u32, u32), 2> = HashIndex::default();
        assert_eq!(t.get(7), None);
        let h = |k: u32| FastState(0x1234_5678_9abc_def1).hash_one(k);
        for k in 0..5000u32 {
            if k % 3 == 0 {
                t.insert(h(k), (k, 1));
            } else {
                let (i, old) = t.probe(h(k));
                assert_eq!(old, None);
                t.put_at(i, h(k), (k, 2));
            }
            assert!(t.slots.len() * 3 >= 4 * t.len);
        }
        assert_eq!(t.len, 5000);
        // `full_at` is where `reserve(1)` starts to grow the table.
        assert!(HashIndex::<(u32, u32), 2>::needs(t.full_at, 1) > t.slots.len());
        assert!(HashIndex::<(u32, u32), 2>::needs(t.full_at - 1, 1) <= t.slots.len());
        for k in 0..5000u32 {
            assert_eq!(t.get(h(k)), Some((k, if k % 3 == 0 { 1 } else { 2 })));
        }
        // Replacing keeps one entry; hashes differing in their lowest bit are one key.
        t.insert(h(4), (9, 9));
        assert_eq!((t.get(h(4)), t.len), (Some((9, 9)), 5000));
        assert_eq!(t.get(h(4) ^ 1), Some((9, 9)));
    }

    #[test]
    fn many_spellings_of_one_value() {
        // Twelve spellings of one phone number: found again, each as its variant,
        // past the spellings compared one by one; from a vault too.
        let spell = |k: usize| {
            let mut s = String::from("0612345678");
            s.insert_str(2 + k % 8, &" ".repeat(1 + k / 8));
            s
        };
        let mut m = Mapping::default();
        let mut seen = Vec::new();
        for k in 0..12 {
            let (e, v, new) = m.intern(Kind::Phone, &spell(k), false);
            assert!(new);
            seen.push((e, v));
        }
        assert!(seen.iter().all(|&(e, _)| e == seen[0].0));
        let vs: Vec<u32> = seen.iter().map(|&(_, v)| v).collect();
        assert_eq!(vs, (1..=12).collect::<Vec<u32>>());
        let mut from_vault = Mapping::from_records(&m.records()).unwrap();
        assert!(!from_vault.all_spellings);
        for mm in [&mut m, &mut from_vault] {
            for k in 0..12 {
                assert_eq!(
                    mm.intern(Kind::Phone, &spell(k), false),
                    (0, k as u32 + 1, false)
                );
                assert_eq!(mm.lookup(Kind::Phone, &spell(k)), Some(0));
            }
            assert_eq!(
                mm.intern(Kind::Phone, "06-12-34-56-78", false),
                (0, 13, true)
            );
            assert_eq!(
                mm.intern(Kind::Phone, "06-12-34-56-78", false),
                (0, 13, false)
            );
        }
        // A record whose spelling normalises to another value (another version's
        // normalisation): every spelling is then looked up exactly.
        let mut recs = m.records();
        recs[0].forms[0].0 = "07 00 00 00 00".to_owned();
        let mut old = Mapping::from_records(&recs).unwrap();
        assert!(old.all_spellings);
        assert_eq!(
            old.intern(Kind::Phone, "07 00 00 00 00", false),
            (0, 1, false)
        );
        assert_eq!(old.intern(Kind::Phone, &spell(1), false), (0, 2, false));
    }

    #[test]
    fn literal_never_merges() {
        let mut m = Mapping::default();
        let (a, _, _) = m.intern(Kind::Email, "[EMAIL_1]", true);
        let (b, _, _) = m.intern(Kind::Email, "[email_1]", false);
        assert_ne!(a, b);
    }
}
