//! Restore: finding this session's pseudonyms in text (strictly) and putting the
//! values back; finding text that *could* be taken for one (loosely) to protect it.

use super::mapping::FastMap;
use super::mapping::Mapping;
use super::operators::HASH_BYTES;
use super::tags::{self, TagMatch};
use super::{Group, Session};
use crate::Span;

/// Finds the non-tag pseudonyms (surrogates) of a mapping in text.
///
/// Pseudonyms arrive a few at a time, call after call, and the text of every call
/// is searched for all of them (to protect look-alikes, then to restore). An
/// automaton would have to be rebuilt as they arrive; instead each pseudonym is
/// filed under its first bytes (eight, or four, or all of a shorter one) in a hash
/// table, in O(1), and a search hashes the same bytes at every position of the text:
/// a 64-kbit filter rejects nearly all positions in a few instructions, and the rare
/// candidates are compared byte for byte. Every occurrence of every pseudonym is
/// found, overlapping ones included, as [`PseudoMatcher::find`] documents.
///
/// Hash-shaped pseudonyms (`[NIR:3f9a1c2b7e]`, `[NIR:3f9a1c2b7e_2]`, also the rare
/// surrogate fallback) are not filed: their syntax fixes where one ends once its `[`
/// is found, so [`hash_hits`] parses every `[` of a text and looks the candidate up.
#[derive(Default)]
pub(crate) struct PseudoMatcher {
    /// How many of the mapping's `pseudo_order` are filed.
    n: usize,
    /// Pseudonyms of 8 bytes or more, by their first 8 bytes.
    long: Buckets,
    /// Pseudonyms of 4 to 7 bytes, by their first 4.
    mid: Buckets,
    /// Shorter pseudonyms, by their bytes and length.
    short: Buckets,
    /// Bit `l` set: some filed pseudonym has `l` bytes (1 to 3).
    short_lens: u8,
    pub(crate) max_len: usize,
    /// Whether some pseudonym is hash-shaped.
    hashes: bool,
}

/// Pseudonyms (indexes into the mapping's `pseudo_order`) by a key of their first
/// bytes, behind a one-bit-per-hash filter.
#[derive(Default)]
struct Buckets {
    /// 65,536 bits, empty until the first pseudonym.
    filter: Vec<u64>,
    by_key: FastMap<u64, Vec<u32>>,
}

impl Buckets {
    fn bit(key: u64) -> (usize, u64) {
        let h = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
        (h >> 6, 1 << (h & 63))
    }

    fn insert(&mut self, key: u64, id: u32) {
        if self.filter.is_empty() {
            self.filter = vec![0; 1 << 10];
        }
        let (w, b) = Buckets::bit(key);
        self.filter[w] |= b;
        self.by_key.entry(key).or_default().push(id);
    }

    #[inline]
    fn get(&self, key: u64) -> &[u32] {
        let (w, b) = Buckets::bit(key);
        if self.filter.get(w).is_none_or(|f| f & b == 0) {
            return &[];
        }
        self.by_key.get(&key).map_or(&[], Vec::as_slice)
    }
}

/// The first `n` bytes of `b` (n ≤ 8, `b` long enough) as a little-endian number.
#[inline]
fn key_of(b: &[u8], n: usize) -> u64 {
    match n {
        8 => u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
        4 => u64::from(u32::from_le_bytes(b[..4].try_into().expect("4 bytes"))),
        _ => b[..n]
            .iter()
            .rev()
            .fold(n as u64, |k, &c| (k << 8) | u64::from(c)),
    }
}

impl PseudoMatcher {
    /// Files the pseudonyms the mapping gained since the last call.
    pub(crate) fn refresh(&mut self, map: &Mapping) {
        for id in self.n..map.pseudo_order.len() {
            let p = map.pseudo_order[id].as_bytes();
            self.max_len = self.max_len.max(p.len());
            if hash_shape_at(p, 0) == Some(p.len()) {
                self.hashes = true;
                continue;
            }
            let id = id as u32;
            match p.len() {
                0 => {}
                l @ 1..=3 => {
                    self.short_lens |= 1 << l;
                    self.short.insert(key_of(p, l), id);
                }
                4..=7 => self.mid.insert(key_of(p, 4), id),
                _ => self.long.insert(key_of(p, 8), id),
            }
        }
        self.n = map.pseudo_order.len();
    }

    /// True when no surrogate (no non-hash pseudonym) is filed: [`protected`] then
    /// does not read the spans being replaced.
    pub(crate) fn is_empty(&self) -> bool {
        self.long.filter.is_empty() && self.mid.filter.is_empty() && self.short_lens == 0
    }

    /// Calls `f(start, end, pseudonym)` for every occurrence of every filed
    /// pseudonym in `low` (a text ASCII-lower-cased, as the pseudonyms are),
    /// overlapping ones included, by increasing start, then increasing end.
    fn find<'m>(&self, map: &'m Mapping, low: &[u8], mut f: impl FnMut(usize, usize, &'m str)) {
        if self.is_empty() {
            return;
        }
        let mut hits: Vec<(usize, &'m str)> = Vec::new();
        for i in 0..low.len() {
            let rest = &low[i..];
            hits.clear();
            if self.short_lens != 0 {
                for l in 1..=3 {
                    if self.short_lens & (1 << l) != 0 && rest.len() >= l {
                        for &id in self.short.get(key_of(rest, l)) {
                            hits.push((l, &map.pseudo_order[id as usize]));
                        }
                    }
                }
            }
            if rest.len() >= 4 {
                for (b, n) in [(&self.mid, 4), (&self.long, 8)] {
                    if rest.len() < n {
                        continue;
                    }
                    for &id in b.get(key_of(rest, n)) {
                        let p = &map.pseudo_order[id as usize];
                        if rest.starts_with(p.as_bytes()) {
                            hits.push((p.len(), p));
                        }
                    }
                }
            }
            if hits.len() > 1 {
                hits.sort_unstable_by_key(|h| h.0);
            }
            for &(l, p) in &hits {
                f(i, i + l, p);
            }
        }
    }
}

/// The end of a hash-shaped pseudonym starting at `b[i]`: `[` · label letters or
/// `_` · `:` · hex digits of [`HASH_BYTES`] · optionally `_` and a variant number ·
/// `]`. Any case. One text position starts at most one candidate.
pub(crate) fn hash_shape_at(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && j - i <= 16 && (b[j].is_ascii_alphabetic() || b[j] == b'_') {
        j += 1;
    }
    if j == i + 1 || b.get(j) != Some(&b':') {
        return None;
    }
    j += 1;
    let hex = b.get(j..j + 2 * HASH_BYTES)?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    j += 2 * HASH_BYTES;
    if b.get(j) == Some(&b'_') {
        let s = j + 1;
        j = s;
        while j < b.len() && j - s < 10 && b[j].is_ascii_digit() {
            j += 1;
        }
        if j == s {
            return None;
        }
    }
    (b.get(j) == Some(&b']')).then_some(j + 1)
}

/// Hash-shaped pseudonyms of this mapping in `text`: (start, end, entity, variant).
/// `exact_first`: look the exact spelling up before the case-folded one (restore);
/// otherwise the folded one only (protection).
fn hash_hits(
    map: &Mapping,
    text: &str,
    exact_first: bool,
    out: &mut Vec<(usize, usize, u32, u32)>,
) {
    let b = text.as_bytes();
    let mut low = String::new();
    for i in memchr::memchr_iter(b'[', b) {
        let Some(e) = hash_shape_at(b, i) else {
            continue;
        };
        // ASCII only from `[` to `]`: `e` is a character boundary.
        let found = &text[i..e];
        let exact = if exact_first {
            map.pseudos.get(found)
        } else {
            None
        };
        let hit = exact.or_else(|| {
            low.clear();
            low.push_str(found);
            low.make_ascii_lowercase();
            map.pseudos_folded.get(low.as_str())
        });
        if let Some(&(ent, v)) = hit {
            out.push((i, e, ent, v));
        }
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Tag-like or pseudonym-like text of `text`, loosely: to be protected.
///
/// A pseudonym found inside a word is protected only where that word touches a
/// finding (`items`, sorted): only there can a replacement give it the word
/// boundaries that restore requires.
pub(crate) fn protected(
    map: &Mapping,
    m: &PseudoMatcher,
    text: &str,
    items: &[Group],
    out: &mut Vec<Group>,
) {
    let mut t = Vec::new();
    tags::find(text, false, &mut t);
    out.extend(t.iter().map(|t| Group {
        span: Span {
            start: t.start,
            end: t.end,
        },
        kind: t.kind,
        finding: None,
    }));
    if m.hashes {
        let mut h = Vec::new();
        hash_hits(map, text, false, &mut h);
        out.extend(h.iter().map(|&(s, e, ent, _)| Group {
            span: Span { start: s, end: e },
            kind: map.kind(ent),
            finding: None,
        }));
    }
    if m.is_empty() {
        return;
    }
    // What gets replaced: findings and the tag-like text just found.
    let mut spans: Vec<Span> = items.iter().map(|g| g.span).collect();
    spans.extend(out.iter().map(|g| g.span));
    spans.sort_unstable();
    // The longest span so far, to search only the spans that can cover a position.
    let reach = spans.iter().map(|g| g.end - g.start).max().unwrap_or(0);
    // Whether a replaced span covers the character before or at `p`.
    let touches = |p: usize| {
        let k = spans.partition_point(|g| g.start + reach < p);
        spans[k..]
            .iter()
            .take_while(|g| g.start <= p)
            .any(|g| p <= g.end)
    };
    // Pseudonyms are ASCII-lower-cased; so is a copy of the text (same offsets).
    let low = text.to_ascii_lowercase();
    m.find(map, low.as_bytes(), |s, e, p| {
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return;
        }
        let Some(&(ent, _)) = map.pseudos_folded.get(p) else {
            return;
        };
        let found = &text[s..e];
        let left_ok = !found.starts_with(|c: char| c.is_alphanumeric())
            || !is_word_char(text[..s].chars().next_back())
            || touches(s);
        let right_ok = !found.ends_with(|c: char| c.is_alphanumeric())
            || !is_word_char(text[e..].chars().next())
            || touches(e);
        if left_ok && right_ok {
            out.push(Group {
                span: Span { start: s, end: e },
                kind: map.kind(ent),
                finding: None,
            });
        }
    });
}

/// Replacements restore would make in `text`: (start, end, value), sorted,
/// non-overlapping.
fn replacements<'m>(
    map: &'m Mapping,
    m: &PseudoMatcher,
    text: &str,
) -> Vec<(usize, usize, &'m str)> {
    let mut out = Vec::new();
    let mut folded = Vec::new();
    let mut t: Vec<TagMatch> = Vec::new();
    tags::find(text, true, &mut t);
    for t in &t {
        if let Some(v) = map.surface_of(t.kind, t.number, t.variant) {
            out.push((t.start, t.end, v));
        }
    }
    if m.hashes {
        let mut h = Vec::new();
        hash_hits(map, text, true, &mut h);
        for (s, e, ent, v) in h {
            out.push((s, e, map.surface(ent, v)));
        }
    }
    // Pseudonyms are ASCII-lower-cased; so is a copy of the text (same offsets).
    let low = if m.is_empty() {
        String::new()
    } else {
        text.to_ascii_lowercase()
    };
    m.find(map, low.as_bytes(), |s, e, p| {
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return;
        }
        let found = &text[s..e];
        let alnum_edges = found.starts_with(|c: char| c.is_alphanumeric())
            || found.ends_with(|c: char| c.is_alphanumeric());
        if alnum_edges
            && (is_word_char(text[..s].chars().next_back())
                || is_word_char(text[e..].chars().next()))
        {
            return;
        }
        if let Some(&(ent, v)) = map.pseudos.get(found) {
            out.push((s, e, map.surface(ent, v)));
        } else if let Some(&(ent, v)) = map.pseudos_folded.get(p) {
            folded.push((s, e, map.surface(ent, v)));
        }
    });
    if !folded.is_empty() {
        // A pseudonym in another case never crosses one written exactly: a
        // surrogate of a later call, "M. Flavien Vermeulen", must not take "M.
        // FLAVIEN VERMEULEN" from an earlier output's exact "FLAVIEN VERMEULEN
        // Vermeulen". It may contain one ("JEAN DUPONT" holds the exact "DUPONT").
        out.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
        let exact = &out;
        folded.retain(|r| {
            // Sorted by start, and no pseudonym is longer than `max_len`.
            let k = exact.partition_point(|x| x.0 + m.max_len < r.0);
            exact[k..]
                .iter()
                .take_while(|x| x.0 < r.1)
                .filter(|x| x.1 > r.0)
                .all(|x| r.0 <= x.0 && x.1 <= r.1)
        });
        out.append(&mut folded);
    }
    if !m.is_empty() || m.hashes {
        out.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
        let mut last = 0;
        out.retain(|r| {
            if r.0 < last {
                return false;
            }
            last = r.1;
            true
        });
    }
    out
}

pub(crate) fn restore(map: &Mapping, m: &PseudoMatcher, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    emit(map, m, text, 0, text.len(), &mut out);
    out
}

/// Restores `text[from..to]` into `out`, using the whole of `text` as context.
/// Returns nothing; `to` must not cut a replacement.
fn emit(map: &Mapping, m: &PseudoMatcher, text: &str, from: usize, to: usize, out: &mut String) {
    let mut last = from;
    for (s, e, v) in replacements(map, m, text) {
        if s < from || e > to {
            continue;
        }
        out.push_str(&text[last..s]);
        out.push_str(v);
        last = e;
    }
    out.push_str(&text[last..to]);
}

/// Restores text that arrives in chunks: [`Restorer::push`] returns what is safe to
/// show, holding back only the tail that could still be the start of a pseudonym;
/// [`Restorer::finish`] returns the rest. The concatenation equals
/// [`Session::restore`] of the whole text.
pub struct Restorer<'a> {
    session: &'a Session,
    buf: String,
    /// `buf[..ctx]` was already emitted (kept as left context).
    ctx: usize,
}

impl std::fmt::Debug for Restorer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Restorer")
            .field("held_bytes", &(self.buf.len() - self.ctx))
            .finish_non_exhaustive()
    }
}

impl<'a> Restorer<'a> {
    pub(crate) fn new(session: &'a Session) -> Restorer<'a> {
        Restorer {
            session,
            buf: String::new(),
            ctx: 0,
        }
    }

    /// Adds a chunk; returns the restored text that can be shown now.
    pub fn push(&mut self, chunk: &str) -> String {
        self.buf.push_str(chunk);
        let hold = tags::MAX_TAG_LEN.max(self.session.matcher.max_len) + 8;
        if self.buf.len() < self.ctx + hold {
            return String::new();
        }
        let mut cut = crate::text::floor_char(&self.buf, self.buf.len() - hold);
        let map = &self.session.map;
        let m = &self.session.matcher;
        for (s, e, _) in replacements(map, m, &self.buf) {
            if s < cut && e > cut {
                cut = s;
            }
        }
        if cut <= self.ctx {
            return String::new();
        }
        let mut out = String::new();
        emit(map, m, &self.buf, self.ctx, cut, &mut out);
        // Keep one character of left context.
        let keep = crate::text::floor_char(&self.buf, cut.saturating_sub(1));
        self.buf.drain(..keep);
        self.ctx = cut - keep;
        out
    }

    /// Ends the stream; returns the rest.
    pub fn finish(mut self) -> String {
        let mut out = String::new();
        emit(
            &self.session.map,
            &self.session.matcher,
            &self.buf,
            self.ctx,
            self.buf.len(),
            &mut out,
        );
        self.buf.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    /// The matcher finds what a plain search for every pseudonym at every position
    /// finds, in the same order, on random texts over a small alphabet (many
    /// overlaps, shared prefixes of every length), pseudonyms added in batches.
    #[test]
    fn find_equals_a_plain_search() {
        let mut rng = crate::testrng::Lcg(3);
        let alphabet = [b'a', b'b', b' ', b'-', 0xc3, 0xa9];
        let word = |rng: &mut crate::testrng::Lcg, n: usize| -> String {
            let v: Vec<u8> = (0..n).map(|_| rng.pick(&alphabet)).collect();
            String::from_utf8_lossy(&v).into_owned()
        };
        for round in 0..200 {
            let mut map = Mapping::default();
            let mut m = PseudoMatcher::default();
            for _batch in 0..3 {
                for _ in 0..1 + rng.next() % 6 {
                    let len = 1 + rng.next() as usize % 12;
                    let p = word(&mut rng, len);
                    if !p.is_empty() && !map.pseudo_order.contains(&p) {
                        map.pseudo_order.push(p);
                    }
                }
                m.refresh(&map);
                let len = rng.next() as usize % 200;
                let text = word(&mut rng, len);
                let low = text.as_bytes();
                let mut got = Vec::new();
                m.find(&map, low, |s, e, p| got.push((s, e, p.to_owned())));
                let mut want = Vec::new();
                for i in 0..low.len() {
                    let mut here: Vec<&String> = map
                        .pseudo_order
                        .iter()
                        .filter(|p| low[i..].starts_with(p.as_bytes()))
                        .collect();
                    here.sort_by_key(|p| p.len());
                    want.extend(here.into_iter().map(|p| (i, i + p.len(), p.clone())));
                }
                assert_eq!(got, want, "round {round}: {text:?}");
            }
        }
    }

    #[test]
    fn hash_shapes() {
        let yes = [
            "[NIR:0123456789]",
            "[nir:abcdef0123_12]",
            "[DATE_NAISSANCE:0123456789]",
            "[Email:ABCDEF0123_2]",
        ];
        for s in yes {
            assert_eq!(hash_shape_at(s.as_bytes(), 0), Some(s.len()), "{s}");
        }
        let no = [
            "[NIR:012345678]",
            "[NIR:0123456789",
            "[:0123456789]",
            "[NIR:0123456789_]",
            "[NIR:012345678g]",
            "[NIR:01234567890]",
            "NIR:0123456789]",
            "[NIR 0123456789]",
        ];
        for s in no {
            assert_eq!(hash_shape_at(s.as_bytes(), 0), None, "{s}");
        }
        // Every hash pseudonym has the shape.
        for k in Kind::ALL {
            for v in [1, 2, 123] {
                let p = super::super::operators::hash(&[7; 32], k, "X", v);
                assert_eq!(hash_shape_at(p.as_bytes(), 0), Some(p.len()), "{p}");
            }
        }
    }
}
