//! Restore: finding this session's pseudonyms in text (strictly) and putting the
//! values back; finding text that *could* be taken for one (loosely) to protect it.

use super::mapping::Mapping;
use super::operators::HASH_BYTES;
use super::tags::{self, TagMatch};
use super::{Group, Session};
use crate::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Matchers over the non-tag pseudonyms (hashes, surrogates) of a mapping.
///
/// Pseudonyms arrive a few at a time, call after call; rebuilding one automaton over
/// all of them each time would be quadratic. Levels of automata of doubling sizes
/// (a binary counter) keep the total rebuild cost O(n log n) and the match cost
/// O(log n) automata per text.
///
/// Hash-shaped pseudonyms (`[NIR:3f9a1c2b7e]`, `[NIR:3f9a1c2b7e_2]`, also the rare
/// surrogate fallback) never go into an automaton: their syntax fixes where one
/// ends once its `[` is found, so [`hash_hits`] parses every `[` of a text and looks
/// the candidate up. Hash mode needs no automaton at all.
#[derive(Default)]
pub(crate) struct PseudoMatcher {
    n: usize,
    levels: Vec<Level>,
    pub(crate) max_len: usize,
    /// Whether some pseudonym is hash-shaped.
    hashes: bool,
}

struct Level {
    /// Overlapping matches: protection uses them all, restore picks leftmost-longest.
    ac: AhoCorasick,
    pats: Vec<String>,
}

impl Level {
    fn new(pats: Vec<String>) -> Option<Level> {
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok()?;
        Some(Level { ac, pats })
    }
}

impl PseudoMatcher {
    /// True when no surrogate is known: [`protected`] then does not read the spans
    /// being replaced.
    pub(crate) fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    pub(crate) fn refresh(&mut self, map: &Mapping) {
        if self.n >= map.pseudo_order.len() {
            return;
        }
        let new = &map.pseudo_order[self.n..];
        self.max_len = self
            .max_len
            .max(new.iter().map(String::len).max().unwrap_or(0));
        let mut pats: Vec<String> = Vec::with_capacity(new.len());
        for p in new {
            if hash_shape_at(p.as_bytes(), 0) == Some(p.len()) {
                self.hashes = true;
            } else {
                pats.push(p.clone());
            }
        }
        if pats.is_empty() {
            self.n = map.pseudo_order.len();
            return;
        }
        // Merge with the smaller levels on top, as a binary counter carries.
        while let Some(top) = self.levels.last() {
            if top.pats.len() > pats.len() {
                break;
            }
            let mut top = self.levels.pop().expect("a level");
            top.pats.append(&mut pats);
            pats = std::mem::take(&mut top.pats);
        }
        if let Some(level) = Level::new(pats) {
            self.levels.push(level);
        }
        self.n = map.pseudo_order.len();
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
    if m.levels.is_empty() {
        return;
    }
    // What gets replaced: findings and the tag-like text just found.
    let mut spans: Vec<Span> = items.iter().map(|g| g.span).collect();
    spans.extend(out.iter().map(|g| g.span));
    spans.sort_unstable();
    // Patterns are ASCII-lower-cased; so is a copy of the text (same offsets).
    let low = text.to_ascii_lowercase();
    for level in &m.levels {
        for x in level.ac.find_overlapping_iter(&low) {
            let (s, e) = (x.start(), x.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let Some(&(ent, _)) = map.pseudos_folded.get(&level.pats[x.pattern().as_usize()])
            else {
                continue;
            };
            // Whether a replaced span covers the character before or at `p`.
            let touches = |p: usize| spans.iter().any(|g| g.start <= p && p <= g.end);
            let found = &text[s..e];
            let left_ok = !found.starts_with(|c: char| c.is_alphanumeric())
                || !is_word_char(text[..s].chars().next_back())
                || touches(s);
            let right_ok = !found.ends_with(|c: char| c.is_alphanumeric())
                || !is_word_char(text[e..].chars().next())
                || touches(e);
            if !(left_ok && right_ok) {
                continue;
            }
            out.push(Group {
                span: Span { start: s, end: e },
                kind: map.kind(ent),
                finding: None,
            });
        }
    }
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
    // Patterns are ASCII-lower-cased; so is a copy of the text (same offsets).
    let low = if m.levels.is_empty() {
        String::new()
    } else {
        text.to_ascii_lowercase()
    };
    for level in &m.levels {
        for x in level.ac.find_overlapping_iter(&low) {
            let (s, e) = (x.start(), x.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let found = &text[s..e];
            let alnum_edges = found.starts_with(|c: char| c.is_alphanumeric())
                || found.ends_with(|c: char| c.is_alphanumeric());
            if alnum_edges
                && (is_word_char(text[..s].chars().next_back())
                    || is_word_char(text[e..].chars().next()))
            {
                continue;
            }
            if let Some(&(ent, v)) = map.pseudos.get(found) {
                out.push((s, e, map.surface(ent, v)));
            } else if let Some(&(ent, v)) = map.pseudos_folded.get(&found.to_ascii_lowercase()) {
                folded.push((s, e, map.surface(ent, v)));
            }
        }
    }
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
    if !m.levels.is_empty() || m.hashes {
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
