//! PERSON: names of natural persons.
//!
//! Pipeline, all in one pass over the capitalised words of the text (a name can only
//! start where an upper-case letter follows a non-letter; lower-case chat is handled
//! from a few trigger words):
//!
//! 0. a fast path (`quick_skip`) dismisses the common case, a capitalised word alone
//!    after punctuation or an ordinary word (sentence starts, headings, acronyms),
//!    with at most two hash lookups; everything else takes the full path;
//! 1. read a word, fold it into a reused buffer and look it up in the dictionaries
//!    (`dict`: INSEE first names and surnames) and the word lists (`words`: titles,
//!    triggers, place words, particles, stop words), one lookup per word;
//! 2. leading titles (`M.`, `Madame`, `Docteur`), triggers (`Bonjour`) and place words
//!    (`rue`, `lycée`) become context, then the longest chain of name-shaped words
//!    (capitalised, all-caps, initials, with particles `de`, `Le`, `van`, `El`…) is
//!    taken;
//! 3. context before (title, form label `Nom :`, JSON key, `je soussigné`, `c'est`,
//!    greetings, street or institution word) and after (`, né le`, end of line) plus
//!    the dictionaries decide whether the chain is a person, and how sure;
//!    Shapes without context: known first name + capitalised or all-caps word, NOM
//!    Prénom, initial + surname, first name + initial ("Kévin B."), a frequent
//!    first name alone inside a sentence ("dis à Kevin"), a name alone on its line
//!    after a closing formula or above a street address;
//! 4. a CSV header naming a name column makes that column's cells names; lower-case
//!    chat after "c'est", "je m'appelle", greetings and lower-case titles
//!    ("rdv avec mr dupont");
//! 5. propagation: words of the names found are looked for again among the
//!    capitalised words that were not taken ("Jean DUPONT" … "M. Dupont" … "DUPONT").
//!
//! Confidences stay at or below 880 so that an ADDRESS (≥ 900) holding a name
//! ("rue Victor Hugo") wins the overlap.

pub(super) mod dict;
mod lower;
mod words;

use super::{Detector, Scan};
use crate::text::{fold_char, space_len};
use crate::{Finding, Kind, Reason};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dict::{Entry, FxBuild, KeyMap, dict};
use std::collections::HashSet;
use std::sync::OnceLock;
use words::{KIN, PARTICLE, PLACE, STOP, TITLE, TRIGGER};

const DETECTOR: &str = "person";
/// The longest chain of words considered a name.
const MAX_WORDS: usize = 6;
/// The longest chain read (particles and initials included).
const CHAIN_MAX: usize = MAX_WORDS + 3;

pub(crate) struct PersonDetector;

impl PersonDetector {
    pub(crate) fn new() -> PersonDetector {
        // Load the tables now (engine build), not on the first scan.
        let _ = dict();
        let _ = labels();
        let _ = chat_triggers();
        let _ = csv_keys();
        let _ = closings();
        PersonDetector
    }
}

impl Detector for PersonDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let taken = sorted_spans(out.iter().map(|f| (f.span.start, f.span.end)));
        let mut st = State {
            text: scan.text,
            buf: String::with_capacity(64),
            chain: Vec::with_capacity(8),
            // Room for what dense text holds (a capitalised word every 64 bytes, a
            // name every 256), not grown copy by copy; at most a few megabytes.
            found: Vec::with_capacity((scan.text.len() / 256).min(1 << 16)),
            rest: Vec::with_capacity((scan.text.len() / 64).min(1 << 17)),
            closing_buf: String::new(),
            taken,
            taken_hint: std::cell::Cell::new(0),
            seeds: scan.seeds,
            labels_seen: [(1, 0, false); LABELS_SEEN],
            folded_seen: [(1, 0, 0, 0, Entry::default(), 0); FOLDED_SEEN],
            folded_text: std::array::from_fn(|_| String::new()),
        };
        st.scan_capitalised();
        st.scan_chat();
        st.scan_csv();
        st.scan_json_lower();
        st.drop_offices();
        st.propagate();
        st.propagate_lower();
        out.append(&mut st.found);
    }
}

/// The shape of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Capitalised: `Dupont`, `N'Diaye`, `Jean-Pierre`.
    Cap,
    /// All capitals, two letters or more: `DUPONT`.
    Upper,
    /// An initial: `J.`, `J.-P.`.
    Initial,
    /// Starts with a lower-case letter.
    Lower,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Word {
    s: usize,
    e: usize,
    shape: Shape,
    class: u8,
    entry: Entry,
    /// Glued to something that is not a name (`Foo.bar`, `Jean_`, `Jean2`).
    glued: bool,
    particle: bool,
    /// Dictionary key of the folded word (without the dot of an initial).
    key: u64,
}

impl Word {
    fn is_nameish(&self) -> bool {
        !self.glued
            && matches!(self.shape, Shape::Cap | Shape::Upper | Shape::Initial)
            && self.class & (STOP | TITLE | PLACE | TRIGGER) == 0
    }
    fn known_first(&self) -> bool {
        self.shape != Shape::Initial && self.entry.births >= 20 && self.e - self.s >= 2
    }
    fn strong_first(&self) -> bool {
        self.known_first() && self.entry.births >= 200 && !self.entry.first_common
    }
    fn known_surname(&self) -> bool {
        self.shape != Shape::Initial && self.entry.is_surname() && !self.entry.surname_common
    }
}

/// Context found around a chain.
#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    title: bool,
    label: bool,
    trigger: bool,
    place: bool,
    line_start: bool,
    line_end: bool,
    birth_after: bool,
    /// The trigger is a weak one ("par", "avec", "merci"): a known name is needed.
    weak_trigger: bool,
    /// A lower-case title that is also a common noun ("maître", "docteur").
    weak_title: bool,
    /// The chain starts a sentence (or a line, or the text).
    sentence_start: bool,
    /// The newline before the chain, when it starts a line.
    line_start_at: usize,
    /// The next line starts with a house number (letter header: name, then address).
    next_line_number: bool,
    /// Start of the lower-case particles that begin the name after a label.
    lead: Option<usize>,
    /// The trigger is a list or a relation ("Aminata et Moussa", "ma fille Rose"):
    /// when it does not make a name, the other rules still may.
    soft_trigger: bool,
    /// The trigger is a list: a name, then a comma, "et" or "ou".
    list: bool,
    /// The chain is followed by a comma, a semicolon, "et", "ou", or the end of the
    /// line or sentence: it may be an item of a list.
    list_after: bool,
}

struct State<'t> {
    text: &'t str,
    buf: String,
    chain: Vec<Word>,
    found: Vec<Finding>,
    /// Capitalised words not taken, for propagation, with the dictionary key of the
    /// folded word (computed during the scan, while the text is in the cache).
    rest: Vec<(usize, usize, u64)>,
    /// Folded lines above a chain, for `closing_before`.
    closing_buf: String,
    /// Spans of other kinds' findings.
    taken: Vec<(usize, usize)>,
    /// Where the last search in `taken` ended.
    taken_hint: std::cell::Cell<usize>,
    /// Names of the session's earlier texts.
    seeds: Option<&'t Seeds>,
    /// The last labels looked at (`is_label`): their text `[s, e)` and the answer,
    /// `(1, 0, _)` for none.
    labels_seen: [(usize, usize, bool); LABELS_SEEN],
    /// The last words read that are no plain ASCII words (`State::folded_word`):
    /// their text `[s, e)` (`(1, 0, ..)` for none), initial and plain flags, key,
    /// entry and class; and their folded forms.
    folded_seen: [(usize, usize, u8, u64, Entry, u8); FOLDED_SEEN],
    folded_text: [String; FOLDED_SEEN],
}

/// How many words `State::folded_seen` holds.
const FOLDED_SEEN: usize = 32;

/// The slot of `State::folded_seen` for the word `w` (not empty) and its flags.
#[inline]
fn folded_slot(w: &[u8], flags: u8) -> usize {
    (w.len() * 7 + 3 * usize::from(w[0]) + 5 * usize::from(w[w.len() - 1]) + usize::from(flags))
        % FOLDED_SEEN
}

/// What a CSV header line is (`State::csv_header`): its name columns, delimiter and
/// cell count, or `None` for no header.
type CsvHeader = Option<(Vec<usize>, u8, usize)>;

/// How many labels `State::labels_seen` holds.
const LABELS_SEEN: usize = 16;

/// True for a byte that can start an upper-case letter (ASCII, or the UTF-8 lead
/// bytes of Latin-1 and Latin Extended-A letters).
#[inline]
fn maybe_upper(c: u8) -> bool {
    c.is_ascii_uppercase() || (0xC3..=0xC5).contains(&c)
}

/// A first name frequent enough, and never an ordinary word, to be a name alone.
#[inline]
fn is_lone_first_name(e: Entry) -> bool {
    e.is_lone_first_name()
}

/// The character starting at byte `i` (`None` at the end or inside a character), as
/// `text::char_at`, without decoding ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => Some(char::from(c)),
        None => None,
        _ => crate::text::char_at(text, i),
    }
}

/// The character ending at byte `i`, as `text::char_before`, without decoding ASCII
/// (an ASCII byte before `i` makes `i` a character boundary).
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    if i >= 1 && i <= b.len() && b[i - 1] < 0x80 {
        return Some(char::from(b[i - 1]));
    }
    crate::text::char_before(text, i)
}

/// High bit of each byte of `w` that is an ASCII capital, a UTF-8 lead byte
/// `0xC4..=0xC5` (Latin Extended-A letters, some of them capitals) or a lead byte
/// `0xC3` not followed by the second byte of a lower-case letter (`é`, `à`: the
/// second byte is `0x9F..=0xBF`; in the last byte of `w`, the next byte is unknown).
#[inline]
fn capital_candidates(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Seven low bits of each byte: adding at most 0x7F to at most 0x7F never carries
    // into the next byte.
    let in_range = |v: u64, lo: u8, hi: u8| {
        let x = v & !HI;
        let ge = x.wrapping_add(LO * u64::from(0x80 - lo)); // high bit when >= lo
        let gt = x.wrapping_add(LO * u64::from(0x7F - hi)); // high bit when > hi
        ge & !gt & HI
    };
    let upper = in_range(w, b'A', b'Z') & !w;
    let c4c5 = in_range(w, 0x44, 0x45) & w;
    // Byte k of `next` is byte k + 1 of `w`: below 0x9F (a continuation byte
    // 0x80..=0x9E, seven low bits 0..=0x1E) is not a lower-case Latin-1 letter.
    let next = w >> 8;
    let next_not_lower = (in_range(next, 0, 0x1E) & next) | (0x80 << 56);
    let c3 = in_range(w, 0x43, 0x43) & w & next_not_lower;
    upper | c4c5 | c3
}

/// True when some byte of `w` has its seven low bits in `0x41..=0x5A`: a superset
/// of `capital_candidates(w) != 0`.
#[inline]
fn quick_capital_candidates(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = w & !HI;
    let ge = x.wrapping_add(LO * u64::from(0x80 - 0x41u8));
    let gt = x.wrapping_add(LO * u64::from(0x7F - 0x5Au8));
    ge & !gt & HI != 0
}

/// The first position at or after `i` holding an ASCII capital or a byte
/// `0xC3..=0xC5`, or `b.len()`. Thirty-two bytes at a time, then sixteen, eight.
#[inline]
fn next_capital_candidate(b: &[u8], mut i: usize) -> usize {
    // Thirty-two bytes a step (and the next one): a byte-wise map the compiler
    // turns into vector compares, then the candidates in order, passing the lead
    // byte 0xC3 of a lower-case letter or `×` (second byte 0x9F.. or 0x97) as
    // `scan_capitalised` would.
    while let Some(Ok(c)) = b.get(i..i + 33).map(<&[u8; 33]>::try_from) {
        let mut t = [0u8; 32];
        for (k, m) in t.iter_mut().enumerate() {
            let x = c[k];
            *m = u8::from((x.wrapping_sub(b'A') < 26) | (x.wrapping_sub(0xC3) < 3));
        }
        let (t0, t1) = t.split_at(16);
        for (h, m) in [
            u128::from_le_bytes(t0.try_into().unwrap_or([0; 16])),
            u128::from_le_bytes(t1.try_into().unwrap_or([0; 16])),
        ]
        .into_iter()
        .enumerate()
        {
            let mut m = m;
            while m != 0 {
                let k = 16 * h + (m.trailing_zeros() / 8) as usize;
                if c[k] == 0xC3 && (c[k + 1] >= 0x9F || c[k + 1] == 0x97) {
                    m &= m - 1;
                    continue;
                }
                return i + k;
            }
        }
        i += 32;
    }
    // Sixteen bytes a step (two chunks of eight, tested as the loop below would).
    while let Some(pair) = b.get(i..i + 16) {
        let lo = u64::from_le_bytes(pair[..8].try_into().unwrap_or([0; 8]));
        let hi = u64::from_le_bytes(pair[8..].try_into().unwrap_or([0; 8]));
        if quick_capital_candidates(lo) {
            let m = capital_candidates(lo);
            if m != 0 {
                return i + (m.trailing_zeros() / 8) as usize;
            }
        }
        if quick_capital_candidates(hi) {
            let m = capital_candidates(hi);
            if m != 0 {
                return i + 8 + (m.trailing_zeros() / 8) as usize;
            }
        }
        i += 16;
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A cheap superset first: every candidate has its seven low bits in
        // 0x41..=0x5A (0xC3..=0xC5 included); most chunks of lower-case prose have
        // no such byte.
        if !quick_capital_candidates(w) {
            i += 8;
            continue;
        }
        let m = capital_candidates(w);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !(b[i].is_ascii_uppercase() || (0xC3..=0xC5).contains(&b[i])) {
        i += 1;
    }
    i
}

/// High bit of each byte of `w` that is an ASCII letter, and of each that is an
/// ASCII lower-case letter.
#[inline]
fn ascii_letter_masks(w: u64) -> (u64, u64) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Seven low bits of each byte: adding at most 0x7F to at most 0x7F never carries
    // into the next byte; bytes with the high bit set are none of these.
    let in_range = |v: u64, lo: u8, hi: u8| {
        let x = v & !HI;
        let ge = x.wrapping_add(LO * u64::from(0x80 - lo));
        let gt = x.wrapping_add(LO * u64::from(0x7F - hi));
        ge & !gt & !v & HI
    };
    // Setting bit 5 maps `A..=Z` onto `a..=z` and nothing else onto them; among
    // letters, bit 5 (moved to bit 7) tells lower case.
    let alpha = in_range(w | (LO * 0x20), b'a', b'z');
    (alpha, alpha & (w << 2))
}

/// The length of the run of ASCII letters starting at `i` and ending by `limit`
/// (at most), and whether some of them is no capital. Eight bytes at a time.
#[inline]
fn ascii_letter_run(b: &[u8], i: usize, limit: usize) -> (usize, bool) {
    let limit = limit.min(b.len());
    let mut j = i;
    let mut lower = 0;
    while j + 8 <= limit {
        let w = u64::from_le_bytes(b[j..j + 8].try_into().unwrap_or([0; 8]));
        let (alpha, low) = ascii_letter_masks(w);
        let not_alpha = !alpha & 0x8080_8080_8080_8080;
        if not_alpha != 0 {
            // The bytes before the first non-letter.
            let k = not_alpha.trailing_zeros() as usize / 8;
            let below = (1u64 << (8 * k)).wrapping_sub(1);
            lower |= low & below;
            return (j + k - i, lower != 0);
        }
        lower |= low;
        j += 8;
    }
    while j < limit && b[j].is_ascii_alphabetic() {
        lower |= u64::from(!b[j].is_ascii_uppercase());
        j += 1;
    }
    (j - i, lower != 0)
}

/// True when `w` is made of ASCII letters only.
#[inline]
fn all_ascii_letters(w: &[u8]) -> bool {
    ascii_letter_run(w, 0, w.len()).0 == w.len()
}

/// The class bits of a word of ASCII letters only (`words::class` of its folded
/// form, which is its lower case), or `None` for any other word.
#[inline]
fn ascii_class(w: &[u8]) -> Option<u8> {
    all_ascii_letters(w).then(|| dict().class_key(dict::key_ascii_letters(w)))
}

/// The folded form of U+00C0..=U+00FF (`fold_char`, by the second UTF-8 byte minus
/// 0x80) when it is one ASCII letter, else 0 (Æ, Ð, ×, Þ, ß and their lower case).
#[rustfmt::skip]
const LATIN1_FOLD: [u8; 64] = *b"\
aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0\
aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";

/// Folds a word into `out`: ASCII words are just lower-cased.
fn fold_word(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    // As `fold_into`, ASCII bytes pushed one by one, lower-cased on the way (a
    // word's runs are short: no copy call each), Latin-1 letters from a table (lower
    // case), and any other folded character lower-cased as ASCII (as a final
    // `make_ascii_lowercase` would).
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            out.push(char::from(b[i].to_ascii_lowercase()));
            i += 1;
            continue;
        }
        if b[i] == 0xC3 {
            // Valid UTF-8: the next byte is 0x80..=0xBF.
            let f = b
                .get(i + 1)
                .and_then(|&c| LATIN1_FOLD.get(usize::from(c.wrapping_sub(0x80))))
                .copied()
                .unwrap_or(0);
            if f != 0 {
                out.push(char::from(f));
                i += 2;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match fold_char(c) {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            f => out.push(f.to_ascii_lowercase()),
        }
    }
}

/// The longest particle (`della`), in bytes.
const MAX_PARTICLE_LEN: usize = 5;

/// True when the word at `i` starts with more ASCII lower-case letters than any
/// particle has: a lower-case word that is no particle, known without reading it.
#[inline]
fn long_lower_word(b: &[u8], i: usize) -> bool {
    b.get(i..=i + MAX_PARTICLE_LEN)
        .is_some_and(|w| w.iter().all(u8::is_ascii_lowercase))
}

/// True when `text[end..start]` is a gap the merge of adjacent propagated names
/// closes (`propagate`): a no-break space, or one to four spaces or tabs.
fn merge_gap(text: &str, end: usize, start: usize) -> bool {
    let gap = text.get(end..start).unwrap_or("x");
    gap == "\u{a0}"
        || (!gap.is_empty() && gap.len() <= 4 && gap.bytes().all(|c| c == b' ' || c == b'\t'))
}

/// Sorts `found` by span, for the merge that follows in `propagate`: the order of
/// `found.sort_unstable_by_key(|f| (f.span.start, f.span.end))` wherever the merge
/// can see it, faster on what `found` is (a few sorted runs).
///
/// When no two different findings share a span, the sorted order is unique, and the
/// stable sort of a copy, which merges runs, gives it. A group of different findings
/// sharing a span keeps the stable order too when the findings just before and just
/// after it are not separated from it by a gap the merge closes (`merge_gap`): its
/// findings overlap each other and none can merge with a neighbour, so the merge
/// keeps them all whatever their order, and the resolution ranks them on every
/// field (the final findings do not depend on it). Otherwise the unstable sort runs
/// itself, for the very same order.
fn sort_by_span(text: &str, found: &mut Vec<Finding>) {
    let key = |f: &Finding| (f.span.start, f.span.end);
    if found.is_sorted_by_key(key) {
        return;
    }
    let sorted = stable_sorted_by_span(found);
    let n = sorted.len();
    let mut a = 0;
    while a < n {
        let span = sorted[a].span;
        let mut b = a + 1;
        let mut mixed = false;
        while b < n && sorted[b].span == span {
            mixed |= sorted[b] != sorted[a];
            b += 1;
        }
        // The gaps are looked at only for a mixed group (most groups are one finding).
        if mixed
            && ((a > 0 && merge_gap(text, sorted[a - 1].span.end, span.start))
                || (b < n && merge_gap(text, span.end, sorted[b].span.start)))
        {
            found.sort_unstable_by_key(key);
            return;
        }
        a = b;
    }
    *found = sorted;
}

/// The spans, sorted as `sort` sorts them. Offsets below 4 GiB are sorted as one
/// 64-bit integer a span (start, then end: the same order), half the bytes to move
/// and one comparison a step for the stable sort, which merges the sorted runs (one
/// per detector or pass).
fn sorted_spans(spans: impl Iterator<Item = (usize, usize)> + Clone) -> Vec<(usize, usize)> {
    let fits = |x: usize| u32::try_from(x).is_ok();
    // The keys and whether every offset fits, in one pass.
    let mut all_fit = true;
    let mut keys: Vec<u64> = spans
        .clone()
        .map(|(s, e)| {
            all_fit &= fits(s) && fits(e);
            (s as u64) << 32 | e as u64
        })
        .collect();
    if all_fit {
        keys.sort();
        keys.into_iter()
            .map(|k| ((k >> 32) as usize, (k & 0xFFFF_FFFF) as usize))
            .collect()
    } else {
        let mut v: Vec<(usize, usize)> = spans.collect();
        v.sort();
        v
    }
}

/// A copy of `found` sorted stably by span, as `sort_by_key` would. Offsets and
/// counts below 4 GiB are sorted as one integer a finding (start, end, then the
/// position: the stable order, unique), of 64 bits when they fit (texts of a few
/// megabytes), else 128; then the findings are gathered.
fn stable_sorted_by_span(found: &[Finding]) -> Vec<Finding> {
    let fits = |x: usize| u32::try_from(x).is_ok();
    // The largest offset: every offset fits when it does.
    let max = found
        .iter()
        .map(|f| f.span.start.max(f.span.end))
        .max()
        .unwrap_or(0);
    if !fits(found.len()) || !fits(max) {
        let mut sorted = found.to_vec();
        sorted.sort_by_key(|f| (f.span.start, f.span.end));
        return sorted;
    }
    // The bits an offset and an index need.
    let bits = |x: usize| usize::BITS - x.leading_zeros();
    let ob = bits(max);
    let kb = bits(found.len());
    if 2 * ob + kb <= 64 {
        let mut keys: Vec<u64> = found
            .iter()
            .enumerate()
            .map(|(k, f)| (f.span.start as u64) << (ob + kb) | (f.span.end as u64) << kb | k as u64)
            .collect();
        // A few sorted runs: the stable sort merges them.
        keys.sort();
        let mask = (1u64 << kb) - 1;
        return keys.iter().map(|&k| found[(k & mask) as usize]).collect();
    }
    let mut keys: Vec<u128> = found
        .iter()
        .enumerate()
        .map(|(k, f)| (f.span.start as u128) << 64 | (f.span.end as u128) << 32 | k as u128)
        .collect();
    keys.sort();
    keys.iter()
        .map(|&k| found[(k & 0xFFFF_FFFF) as usize])
        .collect()
}

/// `char::is_alphabetic`, without a table lookup for Latin-1.
#[inline]
fn is_alpha(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        '\u{80}'..='\u{ff}' => (c >= 'À' && c != '×' && c != '÷') || matches!(c, 'ª' | 'µ' | 'º'),
        _ => c.is_alphabetic(),
    }
}

/// `char::is_uppercase`, without a table lookup for Latin-1.
#[inline]
fn is_upper(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_uppercase(),
        '\u{80}'..='\u{ff}' => ('À'..='Þ').contains(&c) && c != '×',
        _ => c.is_uppercase(),
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

impl<'t> State<'t> {
    /// Reads the word starting at `i` (a letter), if any.
    ///
    /// `self.buf` holds the folded word afterwards, except, unless `fold` is set, for
    /// a word of ASCII letters that is no title or trigger word (the capitalised scan
    /// reads `self.buf` only after a title or a trigger: "me", the weak triggers).
    fn read_word(&mut self, i: usize, fold: bool) -> Option<Word> {
        let text = self.text;
        let b = text.as_bytes();
        // The common word: ASCII letters, then a byte that neither joins nor glues
        // ("Dupont ", "IBAN :"), read at once; any other word takes the path below.
        if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            let (k, lower) = ascii_letter_run(b, i, i + 65);
            let end = i + k;
            if end - i > 64 {
                return None;
            }
            let simple = match b.get(end) {
                None => true,
                Some(&c) => {
                    c < 0x80
                        && !c.is_ascii_digit()
                        && !matches!(c, b'-' | b'\'' | b'.' | b'_' | b'@' | b'/' | b'\\' | b'=')
                }
            };
            if simple {
                let first_upper = b[i].is_ascii_uppercase();
                let shape = if !first_upper {
                    Shape::Lower
                } else if !lower && k >= 2 {
                    Shape::Upper
                } else {
                    Shape::Cap
                };
                let (key, entry, class) = self.ascii_word(i, end, fold);
                return Some(Word {
                    s: i,
                    e: end,
                    shape,
                    class,
                    entry,
                    glued: false,
                    particle: class & PARTICLE != 0,
                    key,
                });
            }
            // The rest of the word from where the run stopped, as `read_word_any`
            // would read it after the same run.
            let first_upper = b[i].is_ascii_uppercase();
            return self.read_word_on(i, fold, (end, k, lower, true, first_upper));
        }
        self.read_word_any(i, fold)
    }

    /// `read_word` for any word: joiners, accents, initials, glued words.
    fn read_word_any(&mut self, i: usize, fold: bool) -> Option<Word> {
        let c0 = char_at(self.text, i)?;
        if !is_alpha(c0) {
            return None;
        }
        let first_upper = is_upper(c0);
        let start = (
            i + c0.len_utf8(),
            1,
            !first_upper,
            c0.is_ascii(),
            first_upper,
        );
        self.read_word_on(i, fold, start)
    }

    /// `read_word_any` from a state: `(end, letters, lower, plain, first_upper)`, the
    /// end of what was read, the letters in it, whether some letter is no capital,
    /// whether it is ASCII letters only (folded by lower-casing, keyed from the
    /// text), whether the first letter is a capital.
    fn read_word_on(
        &mut self,
        i: usize,
        fold: bool,
        start: (usize, usize, bool, bool, bool),
    ) -> Option<Word> {
        let text = self.text;
        let b = text.as_bytes();
        let (mut end, mut letters, mut lower, mut plain, first_upper) = start;
        loop {
            // A run of ASCII letters at once (no word is longer than 64 bytes: the
            // run is not looked at further).
            // (Often none: an initial, a title "M.".)
            let (k, low) = if b.get(end).is_some_and(u8::is_ascii_alphabetic) {
                ascii_letter_run(b, end, i + 65)
            } else {
                (0, false)
            };
            letters += k;
            lower |= low;
            end += k;
            if end - i > 64 {
                return None;
            }
            let c = match b.get(end) {
                None => break,
                Some(&c) if c < 0x80 => {
                    // A joiner inside the word: "Jean-Pierre", "N'Diaye".
                    if matches!(c, b'-' | b'\'')
                        && char_at(text, end + 1).is_some_and(char::is_alphabetic)
                    {
                        plain = false;
                        end += 1;
                        continue;
                    }
                    break;
                }
                Some(_) => match char_at(text, end) {
                    Some(c) => c,
                    None => break,
                },
            };
            if ('\u{300}'..='\u{36f}').contains(&c) {
                plain = false;
                end += c.len_utf8();
                continue;
            }
            if is_alpha(c) {
                plain = false;
                letters += 1;
                lower |= !is_upper(c);
                end += c.len_utf8();
                if end - i > 64 {
                    return None;
                }
                continue;
            }
            if (is_hyphen(c) || is_apostrophe(c))
                && char_at(text, end + c.len_utf8()).is_some_and(char::is_alphabetic)
            {
                plain = false;
                end += c.len_utf8();
                continue;
            }
            break;
        }
        let mut shape = if !first_upper {
            Shape::Lower
        } else if !lower && letters >= 2 {
            Shape::Upper
        } else {
            Shape::Cap
        };
        if letters == 1 && first_upper && b.get(end) == Some(&b'.') {
            shape = Shape::Initial;
            end += 1;
            // J.-P.
            if b.get(end) == Some(&b'-') {
                if let Some(c) = char_at(text, end + 1) {
                    let after = end + 1 + c.len_utf8();
                    if c.is_uppercase() && b.get(after) == Some(&b'.') {
                        end = after + 1;
                    }
                }
            }
        }
        let glued = match b.get(end) {
            Some(&c) if c.is_ascii_digit() || matches!(c, b'_' | b'@' | b'/' | b'\\' | b'=') => {
                true
            }
            Some(b'.') => char_at(text, end + 1).is_some_and(char::is_alphanumeric),
            _ => false,
        };
        let (key, entry, class) = if plain && shape != Shape::Initial {
            self.ascii_word(i, end, fold)
        } else {
            self.folded_word(i, end, shape == Shape::Initial, plain)
        };
        let particle = class & PARTICLE != 0;
        Some(Word {
            s: i,
            e: end,
            shape,
            class,
            entry,
            glued,
            particle,
            key,
        })
    }

    /// The key, entry and class of the word `[i, end)` of ASCII letters only, with
    /// its lower case in `self.buf` when `fold` asks for it or it is a title or a
    /// trigger (the only words read from `self.buf` afterwards); the entry's class
    /// is returned apart and cleared in the entry.
    #[inline(always)]
    fn ascii_word(&mut self, i: usize, end: usize, fold: bool) -> (u64, Entry, u8) {
        let text = self.text;
        self.buf.clear();
        let key = dict::key_ascii_letters(&text.as_bytes()[i..end]);
        let mut entry = dict().get_key(key);
        if fold || entry.class & (TITLE | TRIGGER) != 0 {
            self.buf.push_str(&text[i..end]);
            self.buf.make_ascii_lowercase();
        }
        let class = entry.class;
        entry.class = 0;
        (key, entry, class)
    }

    /// The key, entry and class of the word `[i, end)` that is no plain word of
    /// ASCII letters (an accent, a joiner, an initial), with `self.buf` holding its
    /// folded form: all depend on the word's text alone, and a text repeats its
    /// words ("Prénom", "Téléphone"), so the last ones are kept with their text
    /// (checked against it) and folded form.
    fn folded_word(
        &mut self,
        i: usize,
        end: usize,
        initial: bool,
        plain: bool,
    ) -> (u64, Entry, u8) {
        let b = self.text.as_bytes();
        let w = &b[i..end];
        let flags = u8::from(initial) | u8::from(plain) << 1;
        let slot = folded_slot(w, flags);
        let (ps, pe, f, key, entry, class) = self.folded_seen[slot];
        if ps <= pe && f == flags && b[ps..pe] == *w {
            self.buf.clear();
            self.buf.push_str(&self.folded_text[slot]);
            return (key, entry, class);
        }
        let (key, entry, class) = self.fold_and_look_up(i, end, initial, plain);
        self.folded_seen[slot] = (i, end, flags, key, entry, class);
        self.folded_text[slot].clear();
        self.folded_text[slot].push_str(&self.buf);
        (key, entry, class)
    }

    /// The kept key of the word `[i, end)` (no initial, not plain), if
    /// `folded_word` keeps it.
    #[inline]
    fn folded_seen_key(&self, i: usize, end: usize) -> Option<u64> {
        let b = self.text.as_bytes();
        let w = &b[i..end];
        let slot = folded_slot(w, 0);
        let (ps, pe, f, key, _, _) = self.folded_seen[slot];
        (ps <= pe && f == 0 && b[ps..pe] == *w).then_some(key)
    }

    /// `folded_word` without the kept words.
    fn fold_and_look_up(
        &mut self,
        i: usize,
        end: usize,
        initial: bool,
        plain: bool,
    ) -> (u64, Entry, u8) {
        let shape = if initial { Shape::Initial } else { Shape::Cap };
        fold_word(&self.text[i..end], &mut self.buf);
        if initial {
            self.buf.pop();
        }
        let key = dict::key(&self.buf);
        let mut entry = dict().get_key(key);
        let class = match shape {
            Shape::Initial if self.buf == "m" => TITLE,
            Shape::Initial => 0,
            // "L'adjudant-chef Da Silva": an elided article before a title.
            _ if entry.class == 0 && !plain => match self.buf.bytes().position(|c| c == b'\'') {
                Some(q) if q <= 1 => words::class(&self.buf[q + 1..]) & TITLE,
                _ => 0,
            },
            _ => entry.class,
        };
        entry.class = 0;
        if !plain
            && entry.births == 0
            && entry.surname_rank == 0
            && self.buf.bytes().any(|c| c == b'-')
        {
            // Compound not in the lists: Karl-Dieter, LEFÈVRE-MARTIN.
            // The parts between hyphens, on bytes.
            let folded = self.buf.as_bytes();
            let mut ps = 0;
            loop {
                let pe = folded[ps..]
                    .iter()
                    .position(|&c| c == b'-')
                    .map_or(folded.len(), |k| ps + k);
                let e = dict().get(&self.buf[ps..pe]);
                if entry.births == 0 && e.births > 0 {
                    entry.births = e.births;
                    // A guess from a part: never enough alone (Villers-Robert).
                    entry.first_common = true;
                }
                if entry.surname_rank == 0 && e.surname_rank > 0 {
                    entry.surname_rank = e.surname_rank;
                }
                if pe == folded.len() {
                    break;
                }
                ps = pe + 1;
            }
        }
        (key, entry, class)
    }

    /// Start of the next word after `end` when only one space-like separator (and,
    /// after a title, an optional dot) lies between.
    fn next_word_start(&self, end: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut i = end;
        if b.get(i) == Some(&b'.') {
            // After an initial or a short abbreviation ("J.", "Ph.") the name goes
            // on; after a longer word the full stop ends the sentence ("c'est
            // Mehdi. Tu …").
            let letters = self.text[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .take(3)
                .count();
            if letters > 2 {
                return None;
            }
            i += 1;
        }
        let n = space_len(b, i)?;
        i += n;
        // Justified text: a few more spaces or tabs.
        let mut k = 0;
        while k < 3 && matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
            k += 1;
        }
        char_at(self.text, i).is_some_and(is_alpha).then_some(i)
    }

    /// True when a word may start at `i` (the character before is no letter, digit or
    /// joiner, and not an elision like `l'`).
    fn can_start(&self, i: usize) -> bool {
        let text = self.text;
        match char_before(text, i) {
            None => true,
            Some(c) if c.is_alphanumeric() => false,
            Some('_' | '@' | '/' | '\\' | '$' | '%' | '=' | '&' | '#' | '+' | '~') => false,
            Some(c) if is_apostrophe(c) || is_hyphen(c) || c == '.' => {
                !char_before(text, i - c.len_utf8()).is_some_and(char::is_alphanumeric)
            }
            _ => true,
        }
    }

    fn overlaps_taken(&self, s: usize, e: usize) -> bool {
        // `taken.partition_point(|t| t.0 < e)`, searched from the previous answer:
        // each pass asks in text order, so the answer is mostly a few spans ahead.
        let t = &self.taken;
        let h = self.taken_hint.get().min(t.len());
        let k = if h == 0 || t[h - 1].0 < e {
            // Every span before `lo` starts before `e`; gallop to one that does not.
            let mut lo = h;
            let mut step = 1;
            let hi = loop {
                let j = lo + step;
                if j > t.len() {
                    break t.len();
                }
                if t[j - 1].0 >= e {
                    break j;
                }
                lo = j;
                step *= 2;
            };
            lo + t[lo..hi].partition_point(|x| x.0 < e)
        } else {
            t[..h].partition_point(|x| x.0 < e)
        };
        self.taken_hint.set(k);
        t[..k].iter().rev().take(4).any(|t| t.1 > s)
    }

    fn scan_capitalised(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        while i < n {
            i = next_capital_candidate(b, i);
            if i >= n {
                break;
            }
            let c = b[i];
            if c < 0x80 {
                if !c.is_ascii_uppercase() {
                    i += 1;
                    continue;
                }
            } else if c == 0xC3 {
                // é, è, à…: lower-case Latin-1, skip both bytes.
                if b.get(i + 1).is_some_and(|&d| d >= 0x9F || d == 0x97) {
                    i += 2;
                    continue;
                }
            } else if !(0xC4..=0xC5).contains(&c) {
                i += 1;
                continue;
            }
            let upper = match b[i] {
                b'A'..=b'Z' => true,
                // À..Þ except ×
                0xC3 => b
                    .get(i + 1)
                    .is_some_and(|&c| (0x80..=0x9E).contains(&c) && c != 0x97),
                _ => char_at(text, i).is_some_and(char::is_uppercase),
            };
            if !upper || !self.can_start(i) {
                i += 1;
                continue;
            }
            if let Some(end) = self.quick_skip(i) {
                i = end;
                continue;
            }
            i = self.at_capital(i);
        }
    }

    /// Fast path for the common case, a capitalised word standing alone with no
    /// context that could make it a name (sentence starts, headings, acronyms): it
    /// is only remembered for propagation. Returns its end, or `None` when the full
    /// analysis is needed.
    fn quick_skip(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        // Word end, bytes first (ASCII letters), characters when needed.
        let mut e = i;
        // ASCII letters only (the key is computed from the text).
        let mut plain = true;
        loop {
            e += ascii_letter_run(b, e, n).0;
            match b.get(e) {
                Some(&c) if c >= 0x80 => {
                    let ch = char_at(text, e)?;
                    if !is_alpha(ch) && !('\u{300}'..='\u{36f}').contains(&ch) {
                        if is_apostrophe(ch) || is_hyphen(ch) {
                            return None;
                        }
                        break;
                    }
                    plain = false;
                    e += ch.len_utf8();
                }
                Some(b'-' | b'\'') => return None,
                _ => break,
            }
        }
        if e == i {
            return Some(i + 1);
        }
        let mut line_end = false;
        match b.get(e) {
            // Initials and abbreviated titles: "J. Dupont", "M. Dupont", "J.-P.".
            Some(b'.')
                if e - i <= 3
                    && (b.get(e + 1) == Some(&b'-')
                        || (b.get(e + 1) == Some(&b' ')
                            && b.get(e + 2).is_some_and(|&c| maybe_upper(c)))) =>
            {
                return None;
            }
            // "Dupont, né le", "Dupont (née …)".
            Some(b',' | b'(') => {
                let mut j = e + 1;
                while j < n && b[j] == b' ' {
                    j += 1;
                }
                if b[j..].starts_with("né".as_bytes()) || b[j..].starts_with("Né".as_bytes()) {
                    return None;
                }
            }
            Some(b' ' | b'\t') => {
                let mut j = e;
                while j < n && matches!(b[j], b' ' | b'\t') {
                    j += 1;
                }
                match b.get(j) {
                    None | Some(b'\n' | b'\r') => line_end = true,
                    Some(b':' | b'<') => return None,
                    Some(&c) if maybe_upper(c) => return None,
                    Some(c) if c.is_ascii_lowercase() => {
                        // A particle then a capital ("de la Fontaine"), or "né" ("épouse"
                        // starts with no ASCII letter: never here).
                        if (*c == b'n'
                            && (b[j..].starts_with("né".as_bytes())
                                || b[j..].starts_with(b"ne ")
                                || b[j..].starts_with(b"nee ")))
                            || particles_then_capital(b, j)
                        {
                            return None;
                        }
                    }
                    Some(_) => {}
                }
            }
            // No-break space then a capital.
            Some(0xC2)
                if b.get(e + 1) == Some(&0xA0) && b.get(e + 2).is_some_and(|&c| maybe_upper(c)) =>
            {
                return None;
            }
            None | Some(b'\n' | b'\r') => line_end = true,
            _ => {}
        }
        // Context before: only a colon, a quote, a word or a line start can make a
        // lone word a name.
        let mut p = i;
        while p > 0 && matches!(b[p - 1], b' ' | b'\t') {
            p -= 1;
        }
        if p > 0 && matches!(b[p - 1], b':' | b'"') {
            return None;
        }
        // "Aminata, Moussa": the full path decides.
        if p > 0 && b[p - 1] == b',' && self.follows_person(p - 1) {
            return None;
        }
        if p == 0 || matches!(b[p - 1], b'\n' | b'\r') {
            // A word alone on its line may be a signature.
            return if line_end {
                None
            } else {
                self.skip(i, e, plain)
            };
        }
        if b[p - 1].is_ascii_alphabetic() || b[p - 1] >= 0x80 {
            // The word before: a title, a trigger or a place word needs the full path.
            let (ws, we) = self.prev_word(p)?;
            if we - ws > 16 {
                return self.skip(i, e, plain);
            }
            let cl = if let Some(cl) = ascii_class(&b[ws..we]) {
                cl
            } else {
                fold_word(&text[ws..we], &mut self.buf);
                let cl = words::class(&self.buf);
                let elided = self
                    .buf
                    .bytes()
                    .position(|c| c == b'\'')
                    .map_or(0, |k| words::class(&self.buf[k + 1..]));
                if (cl | elided) & (TITLE | TRIGGER | PLACE | KIN) != 0 || self.buf == "c'est" {
                    return None;
                }
                cl
            };
            if cl & (TITLE | TRIGGER | PLACE | KIN) != 0 {
                return None;
            }
            // "Aminata et Moussa": the full path decides.
            if matches!(&b[ws..we], b"et" | b"ou") && self.follows_person(ws) {
                return None;
            }
            // "fbg de Nguyen", "rue de la Paix": a place, not to propagate into.
            if cl & PARTICLE != 0 {
                let mut pos = ws;
                for _ in 0..2 {
                    let Some((qs, qe)) = self.prev_word(pos) else {
                        // "Nom : de la Fontaine": a label before the particles
                        // needs the full path.
                        let before = b[..pos].trim_ascii_end();
                        if matches!(before.last(), Some(b':' | b'"')) {
                            return None;
                        }
                        break;
                    };
                    if qe - qs > 16 {
                        break;
                    }
                    let c2 = ascii_class(&b[qs..qe]).unwrap_or_else(|| {
                        fold_word(&text[qs..qe], &mut self.buf);
                        words::class(&self.buf)
                    });
                    if c2 & PLACE != 0 {
                        return Some(e);
                    }
                    if c2 & PARTICLE == 0 {
                        break;
                    }
                    pos = qs;
                }
            }
        }
        // Inside a sentence, a frequent first name alone ("dis à Kevin") is a name.
        if !matches!(
            b[p - 1],
            b'.' | b'!' | b'?' | b'-' | b'*' | b'>' | b'#' | b'0'..=b'9'
        ) && b[i + 1..e].iter().all(|c| !c.is_ascii_uppercase())
        {
            let key = self.word_key(i, e, plain);
            if dict().is_lone_key(key) {
                return None;
            }
            if e - i >= 3 && e - i <= 64 {
                self.rest.push((i, e, key));
            }
            return Some(e);
        }
        self.skip(i, e, plain)
    }

    fn skip(&mut self, i: usize, e: usize, plain: bool) -> Option<usize> {
        if e - i >= 3 && e - i <= 64 {
            let key = self.word_key(i, e, plain);
            self.rest.push((i, e, key));
        }
        Some(e)
    }

    /// The dictionary key of the folded word `[i, e)` (`plain`: known to be made of
    /// ASCII letters only).
    #[inline]
    fn word_key(&mut self, i: usize, e: usize, plain: bool) -> u64 {
        let w = &self.text.as_bytes()[i..e];
        if plain || all_ascii_letters(w) {
            dict::key_ascii_letters(w)
        } else if let Some(key) = self.folded_seen_key(i, e) {
            // Read before ("Prénom", "Téléphone"): the kept key.
            key
        } else {
            fold_word(&self.text[i..e], &mut self.buf);
            dict::key(&self.buf)
        }
    }

    /// Handles the capitalised word at `i`; returns where to resume.
    fn at_capital(&mut self, i: usize) -> usize {
        let Some(mut w) = self.read_word(i, false) else {
            return i + 1;
        };
        let prefix_start = i;
        let mut ctx = Ctx::default();
        // "Mme et M. Perrin": after "et", "M." is the second title, not an initial.
        let mut after_et = false;
        // Leading context words: titles, place words, triggers.
        loop {
            let is_title = w.class & TITLE != 0
                && w.shape != Shape::Lower
                && !(w.e - w.s == 1 && w.shape == Shape::Cap)
                && !(ctx.title && w.shape == Shape::Initial && !after_et)
                && !(self.buf == "me" && w.shape == Shape::Upper);
            let kind = if is_title {
                TITLE
            } else if w.class & PLACE != 0 && !w.particle {
                PLACE
            } else if w.class & TRIGGER != 0 && w.shape != Shape::Upper {
                TRIGGER
            } else {
                break;
            };
            match kind {
                TITLE => ctx.title = true,
                PLACE => ctx.place = true,
                _ => {
                    ctx.trigger = true;
                    ctx.weak_trigger = words::is_weak_trigger(&self.buf);
                }
            }
            let Some(mut next) = self.next_word_start(w.e) else {
                return w.e;
            };
            // "Monsieur et Madame Dupont"
            after_et = kind == TITLE && self.text[next..].starts_with("et ");
            if after_et {
                next += 3;
            }
            if long_lower_word(self.text.as_bytes(), next) {
                return next;
            }
            match self.read_word(next, false) {
                Some(nw) if nw.shape != Shape::Lower || (kind == TITLE && nw.particle) => w = nw,
                _ => return next,
            }
        }
        // The chain.
        self.chain.clear();
        let mut cur = w;
        loop {
            let after_first = self.chain.iter().any(|w| w.known_first());
            if cur.is_nameish()
                || (cur.shape == Shape::Initial && !cur.glued)
                || (after_first
                    && matches!(cur.shape, Shape::Cap | Shape::Upper)
                    && !cur.glued
                    && cur.class & (TITLE | PLACE) == 0
                    && cur.entry.is_surname()
                    && !cur.particle)
            {
                self.chain.push(cur);
            } else if cur.particle && cur.shape != Shape::Initial && !cur.glued {
                let mut p = cur;
                p.particle = true;
                self.chain.push(p);
            } else {
                break;
            }
            if self.chain.len() >= CHAIN_MAX {
                break;
            }
            let Some(next) = self.next_word_start(cur.e) else {
                break;
            };
            // A lower-case word ends the chain unless it is a particle.
            if long_lower_word(self.text.as_bytes(), next) {
                break;
            }
            match self.read_word(next, false) {
                Some(nw) => cur = nw,
                None => break,
            }
        }
        // Particles only count inside a name; "Le Van", "Da Costa": a capitalised
        // last particle after another particle is the name itself.
        while self
            .chain
            .last()
            .is_some_and(|w| w.particle && !w.is_nameish())
        {
            let k = self.chain.len();
            let last = self.chain[k - 1];
            if k >= 2
                && self.chain[k - 2].particle
                && last.shape == Shape::Cap
                && last.e - last.s >= 3
            {
                self.chain[k - 1].particle = false;
                self.chain[k - 1].class &= !STOP;
                break;
            }
            self.chain.pop();
        }
        // A capitalised particle-word ("Le", "La", "De") that is also a name word
        // keeps its particle role only when a name word follows.
        let resume = self.chain.last().map_or(w.e.max(i + 1), |w| w.e);
        if self.chain.iter().all(|w| w.particle && !w.is_nameish()) || self.chain.is_empty() {
            return resume;
        }
        if !ctx.title && !ctx.place && !ctx.trigger {
            self.context_before(prefix_start, &mut ctx);
        } else if !ctx.place {
            // "rue du Docteur Roux": the place word comes before the title.
            let mut c2 = Ctx::default();
            self.context_before(prefix_start, &mut c2);
            ctx.place |= c2.place;
        }
        let end = self.chain.last().map_or(i, |w| w.e);
        self.context_after(end, &mut ctx);
        if let Some((s, e, conf, reason)) = self.evaluate(&ctx) {
            let s = match ctx.lead {
                Some(p) if self.chain.first().is_some_and(|w| w.s == s) => p,
                _ => s,
            };
            if !self.overlaps_taken(s, e) {
                self.found
                    .push(Finding::new(Kind::Person, s, e, conf, DETECTOR, reason));
            }
        } else if !ctx.place {
            for k in 0..self.chain.len() {
                let w = self.chain[k];
                if !w.particle && w.shape != Shape::Initial {
                    self.rest.push((w.s, w.e, w.key));
                }
            }
        }
        resume
    }

    /// The chain is a known first name then a known surname ("Thomas Nguyen").
    fn chain_is_full_name(&self) -> bool {
        let mut names = self.chain.iter().filter(|w| !w.particle);
        matches!(
            (names.next(), names.next(), names.next()),
            (Some(f), Some(l), None) if f.strong_first() && l.known_surname()
        )
    }

    /// Decides on `self.chain` in context: `(start, end, confidence, reason)`.
    fn evaluate(&mut self, ctx: &Ctx) -> Option<(usize, usize, u16, Reason)> {
        if ctx.place {
            return None;
        }
        // A word alone, no context word before it and no first name in it: no rule
        // below takes it (each needs a context word, an initial, two names or a
        // first name).
        if let [w] = self.chain.as_slice() {
            if !(ctx.title || ctx.label || ctx.birth_after || ctx.weak_title || ctx.trigger)
                && w.shape != Shape::Initial
                && !w.known_first()
                && !w.entry.is_lone_first_name()
                && !w.entry.is_lone_common_first_name()
            {
                return None;
            }
        }
        // References to the chain's words, on the stack (no copies of words).
        let chain = &self.chain;
        let first = chain.first()?;
        let mut words = [first; CHAIN_MAX];
        let mut names = [first; CHAIN_MAX];
        let (mut nw, mut nn) = (0, 0);
        for w in chain.iter().take(CHAIN_MAX) {
            if !w.particle || w.is_nameish() {
                words[nw] = w;
                nw += 1;
                if w.shape != Shape::Initial {
                    names[nn] = w;
                    nn += 1;
                }
            }
        }
        // A frequent first name that is also a word ("Pierre"), alone, unhyphenated,
        // after a lower-case word or a comma (inside a sentence, not a table cell).
        let text = self.text;
        let b = text.as_bytes();
        let lone_common = chain.len() == 1
            && first.entry.is_lone_common_first_name()
            && dict().is_lone_common_key(first.key)
            && !b[first.s..first.e].contains(&b'-')
            && self.before_word(first.s) == Before::Sentence;
        // A closing formula above a line holding only the chain ("Cordialement,"
        // then a signature): the lines are searched only when a rule asks.
        let buf = &mut self.closing_buf;
        let alone = ctx.line_start && ctx.line_end && ctx.line_start_at > 0;
        let mut found = None;
        let mut closing =
            || *found.get_or_insert_with(|| alone && closing_before(text, ctx.line_start_at, buf));
        evaluate(
            chain,
            &words[..nw],
            &names[..nn],
            ctx,
            lone_common,
            &mut closing,
        )
    }
}

/// The decision rules (see `State::evaluate`); `closing_before` tells whether a
/// closing formula stands above the chain's line.
fn evaluate(
    chain: &[Word],
    words: &[&Word],
    names: &[&Word],
    ctx: &Ctx,
    lone_common: bool,
    closing_before: &mut dyn FnMut() -> bool,
) -> Option<(usize, usize, u16, Reason)> {
    {
        let (first, last) = (chain.first()?, chain.last()?);
        let (s, e) = (first.s, last.e);
        let n = names.len();
        if n == 0 || n > MAX_WORDS {
            return None;
        }
        let any_known = names
            .iter()
            .any(|w| w.known_first() || w.entry.is_surname());
        if ctx.title || ctx.label || ctx.birth_after {
            return Some((s, e, 850, Reason::Context));
        }
        if ctx.weak_title
            && names
                .iter()
                .any(|w| w.known_first() || w.entry.is_surname())
        {
            return Some((s, e, 800, Reason::Context));
        }
        if ctx.trigger {
            let w0 = &names[0];
            let ok = if ctx.weak_trigger {
                (w0.known_first() && w0.entry.births >= 100)
                    || (n >= 2 && names.iter().any(|w| w.known_first() || w.known_surname()))
                    // An item of a list of names, unknown words included ("Jean
                    // Martin, Oluwaseun Adeyemi, Thanh Nguyen"): two or three
                    // capitalised words of no class, between separators.
                    || (ctx.list
                        && ctx.list_after
                        && (2..=3).contains(&n)
                        && words.len() == n
                        && names.iter().all(|w| w.shape == Shape::Cap && w.class == 0))
            } else {
                any_known || n >= 2
            };
            if ok {
                return Some((s, e, 780, Reason::Context));
            }
            if !ctx.soft_trigger {
                return None;
            }
        }
        let w0 = &words[0];
        if w0.shape == Shape::Initial {
            // J. Dupont, J.-P. MARTIN
            let l = names[n - 1];
            let header = ctx.line_start
                && ctx.line_end
                && (ctx.next_line_number || closing_before())
                && l.shape == Shape::Cap;
            if n <= 2 && (l.entry.is_surname() || l.shape == Shape::Upper || n == 2 || header) {
                return Some((s, e, 720, Reason::Dictionary));
            }
            return None;
        }
        // "Kévin B.": a first name and the initial of the surname.
        if n == 1
            && words.len() == 2
            && words[1].shape == Shape::Initial
            && w0.known_first()
            && w0.entry.births >= 100
        {
            return Some((s, e, 700, Reason::Dictionary));
        }
        if n == 1
            && words.len() == 1
            && w0.shape == Shape::Cap
            && !ctx.sentence_start
            && w0.class & words::CITY == 0
            && (is_lone_first_name(w0.entry) || lone_common)
        {
            return Some((s, e, 620, Reason::Dictionary));
        }
        if n >= 2 {
            let rest = &names[1..];
            if w0.known_first()
                && (w0.shape != Shape::Upper
                    || w0.strong_first()
                    || rest.iter().any(|w| w.known_surname()))
                && (w0.strong_first()
                    || rest.iter().any(|w| w.known_surname())
                    || (w0.entry.births >= 1000
                        && rest
                            .iter()
                            .any(|w| w.shape == Shape::Upper && w.e - w.s >= 3)))
                && n <= 4
            {
                return Some((s, e, 760, Reason::Dictionary));
            }
            // NOM Prénom
            let l = names[n - 1];
            if names[..n - 1].iter().all(|w| w.shape == Shape::Upper)
                && l.known_first()
                && (l.strong_first() || names[..n - 1].iter().any(|w| w.entry.is_surname()))
                && (l.shape == Shape::Cap
                    || (n == 2 && names[..n - 1].iter().any(|w| w.known_surname())))
                && n <= 4
            {
                return Some((s, e, 740, Reason::Dictionary));
            }
            if ctx.line_start
                && ctx.line_end
                && ctx.next_line_number
                && n <= 4
                && names.iter().any(|w| w.known_first() || w.known_surname())
            {
                return Some((s, e, 720, Reason::Context));
            }
            if ctx.line_start && ctx.line_end && n <= 4 {
                if any_known && (closing_before() || names.iter().any(|w| w.known_first())) {
                    return Some((s, e, 720, Reason::Context));
                }
                if closing_before() {
                    return Some((s, e, 680, Reason::Context));
                }
            }
            // Dupont Jean (title case, both known)
            if n == 2 && w0.known_surname() && names[1].strong_first() && !w0.known_first() {
                return Some((s, e, 650, Reason::Dictionary));
            }
        } else if ctx.line_start && ctx.line_end && closing_before() && w0.known_first() {
            return Some((s, e, 650, Reason::Context));
        }
        None
    }
}

impl<'t> State<'t> {
    /// Context before byte `start` (the first word of the chain or its title).
    fn context_before(&mut self, start: usize, ctx: &mut Ctx) {
        let text = self.text;
        let b = text.as_bytes();
        let mut i = start;
        while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        if i >= 2 && &b[i - 2..i] == "\u{a0}".as_bytes() {
            i -= 2;
        }
        if i == 0 {
            ctx.line_start = true;
            ctx.sentence_start = true;
            return;
        }
        ctx.sentence_start = matches!(
            b[i - 1],
            b'.' | b'!' | b'?' | b'\n' | b'\r' | b'-' | b'*' | b'>' | b'#'
        );
        match b[i - 1] {
            b'\n' | b'\r' => {
                ctx.line_start = true;
                ctx.line_start_at = i - 1;
            }
            // "74290 Alex": a commune after its postcode.
            b'0'..=b'9' => ctx.place = i >= 5 && b[i - 5..i].iter().all(u8::is_ascii_digit),
            b':' => ctx.label = self.is_label(i - 1),
            // "Aminata, Moussa".
            b',' if self.follows_person(i - 1) => {
                ctx.trigger = true;
                ctx.weak_trigger = true;
                ctx.soft_trigger = true;
                ctx.list = true;
            }
            b'"' => {
                // JSON: "key": "value" / "key":"value"
                let mut j = i - 1;
                while j > 0 && b[j - 1] == b' ' {
                    j -= 1;
                }
                if j > 0 && b[j - 1] == b':' {
                    ctx.label = self.is_label(j - 1);
                }
            }
            c if c.is_ascii_alphabetic() || c >= 0x80 || c == b')' || c == b'.' => {
                // The previous word(s).
                let mut k = 0;
                let mut pos = i;
                while k < 3 {
                    let Some((ws, we)) = self.prev_word(pos) else {
                        break;
                    };
                    // Short words (titles "Mme", "Dr", particles) are mostly in a
                    // list: folded at once.
                    let ascii = if we - ws > 4 {
                        ascii_class(&b[ws..we])
                    } else {
                        None
                    };
                    let mut cl = if let Some(cl) = ascii {
                        // A word of ASCII letters (no dot, no apostrophe): in no list,
                        // no context (and no particle to look past); else folded by
                        // lower-casing.
                        if cl == 0 {
                            return;
                        }
                        self.buf.clear();
                        self.buf.push_str(&text[ws..we]);
                        self.buf.make_ascii_lowercase();
                        cl
                    } else {
                        fold_word(&text[ws..we], &mut self.buf);
                        while self.buf.ends_with('.') {
                            self.buf.pop();
                        }
                        let mut cl = words::class(&self.buf);
                        if cl == 0 {
                            if let Some(p) = self.buf.bytes().position(|c| c == b'\'') {
                                cl = words::class(&self.buf[p + 1..]);
                            }
                        }
                        cl
                    };
                    if k == 0 && self.buf == "c'est" {
                        cl = TRIGGER;
                    }
                    // "ma fille Rose", "Aminata et Moussa": a known first name follows.
                    let list = k == 0
                        && matches!(self.buf.as_str(), "et" | "ou")
                        && self.follows_person(ws);
                    if k == 0 && (list || (cl & KIN != 0 && self.possessive_before(ws))) {
                        ctx.trigger = true;
                        ctx.weak_trigger = true;
                        ctx.soft_trigger = true;
                        ctx.list = list;
                        return;
                    }
                    // "maladie de Parkinson" is a disease, "arrêt maladie de Thomas
                    // Nguyen" a person: a first name and a surname are not an eponym.
                    if cl & PLACE != 0 && !(self.buf == "maladie" && self.chain_is_full_name()) {
                        ctx.place = true;
                        return;
                    }
                    // Abbreviated titles count only capitalised ("M.", "Mme", not "-m").
                    let title_ok = self.buf.len() > 4
                        || (text[ws..].starts_with(|c: char| c.is_uppercase())
                            && (self.buf.len() > 1 || text.as_bytes().get(we) == Some(&b'.')));
                    // Lower-case "maître", "docteur" are also common nouns
                    // ("périphérique maître"): a known name must follow.
                    let weak = !text[ws..].starts_with(|c: char| c.is_uppercase())
                        && !matches!(self.buf.as_str(), "monsieur" | "madame" | "mademoiselle");
                    if k == 0 && cl & TITLE != 0 && title_ok && weak {
                        ctx.weak_title = true;
                    } else if k == 0 && cl & TITLE != 0 && title_ok {
                        ctx.title = true;
                    } else if k == 0 && cl & TRIGGER != 0 {
                        ctx.trigger = true;
                        ctx.weak_trigger = words::is_weak_trigger(&self.buf);
                        if ctx.weak_trigger && self.buf == "par" {
                            // "dossier suivi par", "signé par": a strong phrase.
                            if let Some((ps, pe)) = self.prev_word(ws) {
                                fold_word(&text[ps..pe], &mut self.buf);
                                ctx.weak_trigger = !words::is_agent_verb(&self.buf);
                            }
                        }
                    }
                    // "rue de la …", "place du …": look one or two words further.
                    if cl & PARTICLE == 0 {
                        return;
                    }
                    pos = ws;
                    k += 1;
                }
                // "Nom : de la Fontaine", "nom": "van der Berg": lower-case particles
                // after a label start the name.
                if k > 0 {
                    let mut j = pos;
                    while j > 0 && b[j - 1] == b' ' {
                        j -= 1;
                    }
                    if j > 0 && b[j - 1] == b'"' {
                        j -= 1;
                        while j > 0 && b[j - 1] == b' ' {
                            j -= 1;
                        }
                    }
                    if j > 0 && b[j - 1] == b':' && self.is_label(j - 1) {
                        ctx.label = true;
                        ctx.lead = Some(pos);
                    }
                }
            }
            _ => {}
        }
    }

    /// A name was found ending just before `pos` (spaces apart).
    fn follows_person(&self, pos: usize) -> bool {
        let b = self.text.as_bytes();
        let mut e = pos;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        self.found.last().is_some_and(|f| f.span.end == e)
    }

    /// The word before `pos` is a possessive determiner ("ma", "son", "leurs").
    fn possessive_before(&mut self, pos: usize) -> bool {
        let Some((ws, we)) = self.prev_word(pos) else {
            return false;
        };
        if we - ws > 5 {
            return false;
        }
        fold_word(&self.text[ws..we], &mut self.buf);
        words::is_possessive(&self.buf)
    }

    /// The word ending just before `pos` (skipping one run of spaces).
    fn prev_word(&self, pos: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let b = text.as_bytes();
        let mut e = pos;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        if e < 2 && !char_before(text, e).is_some_and(char::is_alphabetic) {
            return None;
        }
        let mut s = e;
        while s > 0 {
            let c = b[s - 1];
            let len = if c < 0x80 {
                // ASCII bytes without decoding.
                if !(c.is_ascii_alphabetic() || matches!(c, b'\'' | b'(' | b')' | b'.')) {
                    break;
                }
                1
            } else {
                match char_before(text, s) {
                    Some(c) if is_alpha(c) || is_apostrophe(c) => c.len_utf8(),
                    _ => break,
                }
            };
            s -= len;
            if e - s > 40 {
                return None;
            }
        }
        // "soussigné(e)" keeps its parentheses; a leading "(" is not part of the word.
        while s < e && matches!(b[s], b'(' | b'.') {
            s += 1;
        }
        (s < e).then_some((s, e))
    }

    /// True when the text before the colon at `colon` is a label announcing a name.
    fn is_label(&mut self, colon: usize) -> bool {
        let text = self.text;
        let b = text.as_bytes();
        let mut s = colon;
        while s > 0 && colon - s < 48 {
            let c = b[s - 1];
            if matches!(c, b'\n' | b'\r' | b'{' | b';' | b'|' | b'\t' | b',' | b'[') {
                break;
            }
            if c == b'"' && s < colon && b[s..colon].iter().any(|&x| x != b' ' && x != b'"') {
                break;
            }
            s -= 1;
        }
        let s = crate::text::ceil_char(text, s);
        // The answer depends on the label's text alone, and forms repeat their labels:
        // asked again for the same text, the last answer is read back.
        let raw = &b[s..colon];
        let slot = (raw.len() * 7
            + usize::from(raw.first().copied().unwrap_or(0))
            + 3 * usize::from(raw.last().copied().unwrap_or(0)))
            % LABELS_SEEN;
        let (ps, pe, answer) = self.labels_seen[slot];
        if ps <= pe && b[ps..pe] == *raw {
            return answer;
        }
        let answer = self.label_text(s, colon);
        self.labels_seen[slot] = (s, colon, answer);
        answer
    }

    /// `is_label` of the text `[s, colon)`.
    fn label_text(&mut self, s: usize, colon: usize) -> bool {
        fold_word(&self.text[s..colon], &mut self.buf);
        let label = self.buf.trim_matches(|c: char| {
            c == ' ' || c == '"' || c == '-' || c == '*' || c == '\u{2022}'
        });
        let label = trim_end_suffix(trim_end_suffix(label, "(s)"), "(e)").trim_end();
        let set = labels();
        if set.contains(label) {
            return true;
        }
        // "Votre nom", "NOM DU TITULAIRE" → suffix after a space.
        label
            .char_indices()
            .filter(|&(_, c)| c == ' ' || c == '_')
            .any(|(k, _)| {
                let suf = &label[k + 1..];
                suf.len() >= 3 && set.contains(suf)
            })
    }

    /// Context after the chain ending at `end`.
    fn context_after(&mut self, end: usize, ctx: &mut Ctx) {
        let text = self.text;
        let b = text.as_bytes();
        if ctx.list {
            // What follows the chain, spaces apart.
            let rest = &b[end..];
            let rest = &rest[rest.iter().take_while(|&&c| c == b' ').count()..];
            ctx.list_after = match rest.first() {
                None | Some(b',' | b';' | b'.' | b'\n' | b'\r' | b')') => true,
                _ => {
                    (rest.starts_with(b"et ") || rest.starts_with(b"ou "))
                        && rest.get(3).is_some_and(u8::is_ascii_uppercase)
                }
            };
        }
        let mut i = end;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b',' | b'.') {
            i += 1;
        }
        if i >= b.len() || matches!(b[i], b'\n' | b'\r') {
            ctx.line_end = true;
            let mut j = i;
            while j < b.len() && matches!(b[j], b'\n' | b'\r' | b' ') {
                j += 1;
            }
            let d = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            ctx.next_line_number = (1..=4).contains(&d)
                && b[j + d..].iter().take(8).any(|&c| c == b' ')
                && !b[j + d..].starts_with(b"/");
            return;
        }
        if b[i] == b'(' {
            i += 1;
        }
        // "né le", "née", "né(e)", "épouse", "veuve" (accents required: "ne le" is
        // the negation).
        let rest = &b[i..];
        // Every pattern below starts with one of these bytes.
        if !rest
            .first()
            .is_some_and(|c| matches!(c, b'n' | b'N' | b'e' | b'E' | b'v' | b'V' | 0xC3))
        {
            return;
        }
        let starts =
            |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        if [
            "né ", "née ", "né(e)", "née(e)", "né.e", "NÉ ", "NÉE ", "NÉ(E)", "Né ", "Née ",
            "épouse ", "ÉPOUSE ", "veuve ", "VEUVE ",
        ]
        .iter()
        .any(|p| starts(p))
        {
            ctx.birth_after = true;
        }
    }

    /// Lower-case names in chat: "c'est karim benali", "je m'appelle …", "bonjour karim".
    fn scan_chat(&mut self) {
        let text = self.text;
        let mut hits = Vec::new();
        for m in chat_triggers().find_iter(text.as_bytes()) {
            // "'est": only "c'est" is a trigger; an ASCII letter other than `c`
            // before the apostrophe ("n'est", "qu'est") folds to no trigger.
            if m.pattern().as_usize() < 2
                && m.start() > 0
                && text.as_bytes()[m.start() - 1] < 0x80
                && !matches!(text.as_bytes()[m.start() - 1], b'c' | b'C')
            {
                continue;
            }
            // The whole trigger word, found back from the matched suffix.
            let mut s = m.start() + usize::from(text.as_bytes()[m.start()] == b' ');
            while let Some(c) = char_before(text, s) {
                if c.is_alphabetic() || is_apostrophe(c) {
                    s -= c.len_utf8();
                } else {
                    break;
                }
            }
            if m.end() - 1 - s > 12 {
                continue;
            }
            fold_word(&text[s..m.end() - 1], &mut self.buf);
            let self_intro = matches!(
                self.buf.as_str(),
                "c'est" | "cest" | "m'appelle" | "mappelle" | "c moi"
            );
            let title = matches!(
                self.buf.as_str(),
                "mr" | "mme" | "mlle" | "monsieur" | "madame"
            );
            if !self_intro
                && !title
                && !matches!(
                    self.buf.as_str(),
                    "bonjour" | "bonsoir" | "salut" | "slt" | "coucou"
                )
            {
                continue;
            }
            // "Bonsoir c'est …", "slt c'est …" at the start of a message: a
            // self-introduction, where two unknown words are still a name.
            let intro = self_intro && {
                let before = crate::text::window_before(text, s, 16);
                let head = before.rsplit('\n').next().unwrap_or(before).trim();
                let head = head.trim_end_matches([',', '!', '.']).trim();
                fold_word(head, &mut self.buf);
                words::class(&self.buf) & TRIGGER != 0
                    || [
                        "slt", "cc", "re", "yo", "hey", "allo", "coucou", "moi", "bjr", "bsr",
                        "bjour", "wesh",
                    ]
                    .contains(&self.buf.as_str())
            };
            hits.push((m.end() - 1, intro, title));
        }
        let mut ws: Vec<Word> = Vec::with_capacity(4);
        for (e, intro, title) in hits {
            let Some(mut start) = self.next_word_start(e) else {
                continue;
            };
            // A capital next ("Bonjour Monsieur", "Madame Dupont"): no lower-case
            // word to read, the capitalised scan has it.
            if char_at(text, start).is_some_and(is_upper) {
                continue;
            }
            // "c'est moi jessica"
            if text[start..].starts_with("moi ") {
                let Some(next) = self.next_word_start(start + 3) else {
                    continue;
                };
                start = next;
            }
            // Up to four lower-case words, particles inside.
            ws.clear();
            let mut pos = start;
            while let Some(w) = self.read_word(pos, true) {
                let stop = w.shape != Shape::Lower
                    || w.glued
                    || w.class & (STOP | TITLE | PLACE) != 0 && !w.particle
                    || words::CHAT_STOPS.contains(&self.buf.as_str()) && !w.particle
                    || self.buf.contains('\'')
                        && !self.buf.starts_with("d'")
                        && !w.entry.is_surname()
                    || self.buf.chars().count() < 2;
                if stop {
                    break;
                }
                ws.push(w);
                if ws.len() == 4 {
                    break;
                }
                match self.next_word_start(w.e) {
                    Some(p) => pos = p,
                    None => break,
                }
            }
            while ws.last().is_some_and(|w| w.particle) {
                let k = ws.len();
                if k >= 3 && ws[k - 2].particle && ws[k - 1].e - ws[k - 1].s >= 3 {
                    break;
                }
                ws.pop();
            }
            let Some(w1) = ws.first().copied() else {
                continue;
            };
            if w1.particle {
                continue;
            }
            let known_first = w1.entry.births >= 100;
            let sur = ws[1..].iter().any(|w| w.entry.is_surname() && !w.particle);
            // "rdv avec mr dupont", "signé mme martin": a lower-case title then a
            // known name (ordinary words like "martin" included: the title decides).
            let keep = if title {
                let n = ws
                    .iter()
                    .take_while(|w| w.particle || w.entry.is_surname() || w.entry.is_first())
                    .count();
                let mut n = n;
                while n > 0 && ws[n - 1].particle {
                    n -= 1;
                }
                if n > 0 { n } else { 0 }
            } else if (known_first && (!w1.entry.first_common || sur || intro))
                || (intro && (2..=3).contains(&ws.len()))
            {
                ws.len()
            } else {
                0
            };
            if keep == 0 {
                continue;
            }
            let end = ws[keep - 1].e;
            if !self.overlaps_taken(start, end) {
                self.found.push(Finding::new(
                    Kind::Person,
                    start,
                    end,
                    720,
                    DETECTOR,
                    Reason::Context,
                ));
            }
        }
    }

    /// CSV (`;`, tab, `|` or `,` without spaces) whose header names a name column:
    /// the cells of that column are names.
    /// Lower-case names in JSON name fields (`"nom":"dupont"`, `"first_name":
    /// "jean"`): the key says what the value is, the dictionary confirms it. Values
    /// with a capital are the capitalised-word scan's.
    fn scan_json_lower(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        for colon in memchr::memmem::find_iter(b, b"\":").map(|k| k + 1) {
            // The key, between quotes.
            let ke = colon - 1;
            let Some(ks) = b[ke.saturating_sub(32)..ke]
                .iter()
                .rposition(|&c| c == b'"')
                .map(|k| ke.saturating_sub(32) + k + 1)
            else {
                continue;
            };
            let name_key = b[ks..ke]
                .split(|&c| matches!(c, b'_' | b'-' | b' ' | b'.'))
                .any(|t| {
                    let t = t.to_ascii_lowercase();
                    matches!(
                        t.as_slice(),
                        b"nom"
                            | b"noms"
                            | b"prenom"
                            | b"prenoms"
                            | b"name"
                            | b"firstname"
                            | b"lastname"
                            | b"surname"
                            | b"fullname"
                            | b"givenname"
                            | b"familyname"
                            | b"nomcomplet"
                            | b"nomprenom"
                            | b"prenomnom"
                    ) || t.starts_with("pr\u{e9}nom".as_bytes())
                });
            if !name_key {
                continue;
            }
            // The value, between quotes, lower case only.
            let mut vs = colon + 1;
            while vs < b.len() && b[vs] == b' ' {
                vs += 1;
            }
            if b.get(vs) != Some(&b'"') {
                continue;
            }
            vs += 1;
            let Some(len) = b[vs..(vs + 64).min(b.len())]
                .iter()
                .position(|&c| c == b'"')
            else {
                continue;
            };
            let ve = vs + len;
            let Some(value) = text.get(vs..ve) else {
                continue;
            };
            if value.len() < 3
                || value.chars().any(|c| {
                    c.is_uppercase() || !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\''))
                })
            {
                continue;
            }
            let mut named = false;
            let mut other = false;
            for w in value.split([' ', '-']).filter(|w| !w.is_empty()) {
                fold_word(w, &mut self.buf);
                let e = dict().get_key(dict::key(&self.buf));
                if e.class & PARTICLE != 0 {
                    continue;
                }
                if e.class & (STOP | PLACE | TITLE) != 0 || !(e.is_first() || e.is_surname()) {
                    other = true;
                    break;
                }
                named = true;
            }
            if named && !other && !self.overlaps_taken(vs, ve) {
                self.found.push(Finding::new(
                    Kind::Person,
                    vs,
                    ve,
                    800,
                    DETECTOR,
                    Reason::Context,
                ));
            }
        }
    }

    fn scan_csv(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        if memchr::memchr3(b';', b'\t', b'|', b).is_none() && memchr::memchr(b',', b).is_none() {
            return;
        }
        let mut pos = 0;
        let mut cols: Vec<usize> = Vec::new();
        let mut delim = 0u8;
        let mut ncells = 0;
        // The last header lines looked at: their text `[s, e)` and what they are,
        // `(1, 0, _)` for none.
        let mut headers: [(usize, usize, CsvHeader); 4] = std::array::from_fn(|_| (1, 0, None));
        // The next `;` or `|`, tab and `,` at or after `pos`, each searched again only
        // once passed: the walk stays linear, and a line's delimiters are known without
        // searching the line.
        let (mut next_sp, mut next_tab, mut next_comma) = (0, 0, 0);
        let n = b.len();
        while pos < n {
            if next_sp < pos {
                next_sp = memchr::memchr2(b';', b'|', &b[pos..]).map_or(n, |k| pos + k);
            }
            if next_tab < pos {
                next_tab = next_inner_tab(b, pos);
            }
            if next_comma < pos {
                next_comma = next_bare_comma(b, pos);
            }
            if cols.is_empty() {
                // Outside a table, a line without any delimiter does nothing: jump to
                // the next line holding one.
                let q = next_sp.min(next_tab).min(next_comma);
                if q >= n {
                    break;
                }
                pos = if q == pos || b[q - 1] == b'\n' {
                    q
                } else {
                    memchr::memrchr(b'\n', &b[pos..q]).map_or(pos, |k| pos + k + 1)
                };
            }
            // Outside a table, `pos..q` holds no newline: the line end is after `q`.
            let from = if cols.is_empty() {
                next_sp.min(next_tab).min(next_comma)
            } else {
                pos
            };
            let le = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |k| from + k);
            let line = &text[pos..le];
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !cols.is_empty() {
                if line.trim().is_empty() || count_byte(line.as_bytes(), delim) + 1 != ncells {
                    cols.clear();
                } else {
                    // The cells up to the last name column, on bytes (the
                    // delimiter is ASCII; cells are short).
                    let lb = line.as_bytes();
                    let last = cols.iter().copied().max().unwrap_or(0);
                    let mut cs = 0;
                    for k in 0..=last {
                        let ce = lb[cs..]
                            .iter()
                            .position(|&c| c == delim)
                            .map_or(lb.len(), |p| cs + p);
                        if cols.contains(&k) {
                            self.csv_cell(pos + cs, pos + ce);
                        }
                        if ce == lb.len() {
                            break;
                        }
                        cs = ce + 1;
                    }
                    pos = le + 1;
                    continue;
                }
            }
            let lb = line.as_bytes();
            // Rows without a header: "DUPONT;Jean;…" (an all-caps cell then a cell
            // starting with a known first name).
            let has_sp = next_sp < le;
            if line.len() < 600 && has_sp {
                let d = if lb.contains(&b';') { b';' } else { b'|' };
                let mut prev: Option<(usize, usize)> = None;
                // The cells, on bytes (the delimiter is ASCII).
                let mut cs = 0;
                loop {
                    let ce = lb[cs..]
                        .iter()
                        .position(|&c| c == d)
                        .map_or(lb.len(), |k| cs + k);
                    let (ts, te) = trim_cell(text, pos + cs, pos + ce);
                    if let Some((ps, pe)) = prev {
                        if self.cell_is_given_name(ts, te) {
                            self.csv_pair(ps, pe, ts, te);
                        }
                    }
                    prev = is_caps_cell(&text[ts..te]).then_some((ts, te));
                    if ce == lb.len() {
                        break;
                    }
                    cs = ce + 1;
                }
            }
            if line.len() < 600
                && !lb.first().is_some_and(|c| c.is_ascii_whitespace())
                && (has_sp
                    || next_tab < le
                    || (next_comma < le && memchr::memchr(b' ', lb).is_none()))
            {
                // A header depends on its line's text alone, and a file repeats its
                // header: the last few are kept with their text (checked against it).
                let slot = line.len() % headers.len();
                let (hs, he, ref h) = headers[slot];
                let header = if hs <= he && b[hs..he] == *lb {
                    h.clone()
                } else {
                    let h = self.csv_header(line);
                    headers[slot] = (pos, pos + lb.len(), h.clone());
                    h
                };
                if let Some((found, d, count)) = header {
                    cols = found;
                    delim = d;
                    ncells = count;
                }
            }
            pos = le + 1;
        }
    }

    /// The name columns, delimiter and cell count of a CSV header line, if it is one.
    fn csv_header(&mut self, line: &str) -> CsvHeader {
        if !csv_keys().is_match(line) {
            return None;
        }
        let lb = line.as_bytes();
        let d = [b';', b'\t', b'|', b',']
            .into_iter()
            .find(|&d| lb.contains(&d) && (d != b',' || !line.contains(' ')))?;
        let mut found = Vec::new();
        let mut count = 0;
        // The cells, on bytes (the delimiter is ASCII).
        let mut cs = 0;
        loop {
            let ce = lb[cs..]
                .iter()
                .position(|&c| c == d)
                .map_or(lb.len(), |p| cs + p);
            let k = count;
            count += 1;
            fold_word(line[cs..ce].trim().trim_matches('"'), &mut self.buf);
            if is_name_column(&self.buf) {
                found.push(k);
            }
            if ce == lb.len() {
                break;
            }
            cs = ce + 1;
        }
        (!found.is_empty() && count >= 2).then_some((found, d, count))
    }

    /// True when the cell `[s, e)` is a capitalised first name (known to INSEE), maybe
    /// followed by more capitalised words ("Anne Laure").
    fn cell_is_given_name(&mut self, s: usize, e: usize) -> bool {
        let text = self.text;
        let v = &text[s..e];
        if v.is_empty()
            || v.len() > 40
            || !v.starts_with(|c: char| c.is_uppercase())
            || !v
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '\u{2019}'))
        {
            return false;
        }
        let first = v.split(' ').next().unwrap_or(v);
        fold_word(first, &mut self.buf);
        let e = dict().get(&self.buf);
        e.births >= 100 && e.class & (STOP | TITLE | PLACE) == 0
    }

    fn csv_pair(&mut self, ps: usize, pe: usize, ts: usize, te: usize) {
        for (s, e) in [(ps, pe), (ts, te)] {
            if !self.overlaps_taken(s, e) {
                self.found.push(Finding::new(
                    Kind::Person,
                    s,
                    e,
                    760,
                    DETECTOR,
                    Reason::Dictionary,
                ));
            }
        }
    }

    fn csv_cell(&mut self, s: usize, e: usize) {
        let text = self.text;
        let cell = &text[s..e];
        let ts = cell.trim_start();
        let lead = cell.len() - ts.len();
        let t = ts.trim_end();
        let unquoted = t.trim_matches('"');
        let v = unquoted.trim();
        if v.is_empty() || v.len() > 80 || !v.chars().any(char::is_alphabetic) {
            return;
        }
        if v.chars().any(|c| c.is_ascii_digit() || c == '@') {
            return;
        }
        // `v` within the cell: after `lead` bytes, then quotes and white space; the
        // first occurrence of its text (as `find` would give) is searched only among
        // those few bytes.
        let at = (t.len() - t.trim_start_matches('"').len())
            + (unquoted.len() - unquoted.trim_start().len());
        let at = (0..at)
            .find(|&j| ts.as_bytes()[j..].starts_with(v.as_bytes()))
            .unwrap_or(at);
        let start = s + lead + at;
        let end = start + v.len();
        if !self.overlaps_taken(start, end) {
            self.found.push(Finding::new(
                Kind::Person,
                start,
                end,
                850,
                DETECTOR,
                Reason::Context,
            ));
        }
    }

    /// Finds again, among the capitalised words not taken, the words of the names
    /// found with evidence.
    /// "Monsieur le Maire", "Madame la Juge", "Signé : Le Maire": an article then
    /// an office is not a name, although Maire and Juge are also surnames. A
    /// capitalised article right after an abbreviated civilité stays a name
    /// ("M. Le Maire").
    fn drop_offices(&mut self) {
        let text = self.text;
        let mut buf = std::mem::take(&mut self.buf);
        let tb = text.as_bytes();
        // Most names do not start with an article: one look at two bytes.
        let article = |f: &Finding| {
            let s = f.span.start;
            f.span.end >= s + 4
                && matches!(tb[s], b'l' | b'L')
                && matches!(tb[s + 1], b'e' | b'a' | b'E' | b'A' | b'\'')
        };
        // The findings move only from the first office on (most texts have none).
        if let Some(first) = self
            .found
            .iter()
            .position(|f| article(f) && office_prefix(text, f.span, &mut buf).is_some())
        {
            // Those before the first office were looked at above.
            let mut k = 0;
            self.found.retain_mut(|f| {
                k += 1;
                if k <= first || !article(f) {
                    return true;
                }
                match office_prefix(text, f.span, &mut buf) {
                    // Offices only ("le Maire"): no name.
                    Some(n) if f.span.start + n >= f.span.end => false,
                    // "le Maire Philippe Cordier": the name after the offices.
                    Some(n) => {
                        let rest = &text[f.span.start + n..f.span.end];
                        f.span.start = f.span.end - rest.trim_start_matches([' ', '\u{a0}']).len();
                        true
                    }
                    None => true,
                }
            });
        }
        self.buf = buf;
    }

    fn propagate(&mut self) {
        let seeds = self.seeds.filter(|s| !s.is_empty());
        if (self.found.is_empty() && seeds.is_none()) || self.rest.is_empty() {
            return;
        }
        let text = self.text;
        // folded word -> (is a given name, distinct names holding it, hash of the
        // last name seen holding it)
        // Keyed by the dictionary key of the folded word (no string compare).
        // Sized once for the names found (lookups only: the order is never read).
        let cap = self.found.len().min(1 << 16);
        let mut known: KeyMap<(bool, u32, u64)> =
            KeyMap::with_capacity_and_hasher(cap, Default::default());
        let mut word = String::with_capacity(32);
        // The names already counted, by a hash of their text and whether their
        // confidence reaches 850 (all the loop below reads of a finding): counting a
        // name again changes nothing (`given` is the same, and a word's count only
        // matters once it is above 1), so repeated names are passed.
        let mut seen: KeyMap<(usize, usize)> =
            KeyMap::with_capacity_and_hasher(cap, Default::default());
        for f in &self.found {
            if f.confidence < 720 {
                continue;
            }
            let name = &text[f.span.range()];
            let seen_key = name_key(name, f.confidence);
            match seen.entry(seen_key) {
                std::collections::hash_map::Entry::Occupied(o) => {
                    let (s, e) = *o.get();
                    if text[s..e] == *name {
                        continue;
                    }
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((f.span.start, f.span.end));
                }
            }
            note_name(&mut known, name, f.confidence, &mut self.buf, &mut word);
        }
        if known.is_empty() && seeds.is_none() {
            return;
        }
        let rest = std::mem::take(&mut self.rest);
        // A few sorted runs (scan, chat, CSV): the stable sort merges them.
        let spans = sorted_spans(self.found.iter().map(|f| (f.span.start, f.span.end)));
        for (s, e, key) in rest {
            let Some(&(given, count, _)) = known
                .get(&key)
                .or_else(|| seeds.and_then(|s| s.known.get(&key)))
            else {
                continue;
            };
            if given && count > 1 {
                continue;
            }
            let k = spans.partition_point(|t| t.0 < e);
            // "Claire" after "Claire Martin": an ordinary word is the name again only
            // capitalised (not in capitals) inside a sentence, or right after a name
            // ("Sébastien⏎Blanchet").
            if self.overlaps_taken(s, e) || spans[..k].iter().rev().take(4).any(|t| t.1 > s) {
                continue;
            }
            let entry = dict().get_key(key);
            if entry.first_common || entry.surname_common {
                let before = text.as_bytes()[..s].trim_ascii_end().len();
                let after_name = spans[..k].iter().rev().take(4).any(|t| t.1 == before);
                if !self.inside_sentence_cap(s, e, after_name) {
                    continue;
                }
            }
            let conf = if given { 600 } else { 680 };
            // "R. Casellati": an initial before the propagated word belongs to it.
            let b = text.as_bytes();
            let s = if s >= 3
                && b[s - 1] == b' '
                && b[s - 2] == b'.'
                && b[s - 3].is_ascii_uppercase()
                && b[s - 3] != b'M'
                && (s == 3 || !b[s - 4].is_ascii_alphanumeric())
            {
                s - 3
            } else {
                s
            };
            // "Marie Dupont" after "Mme Dupont": the first name before the
            // propagated surname belongs to the name.
            let s = first_name_before(text, s).unwrap_or(s);
            self.found.push(Finding::new(
                Kind::Person,
                s,
                e,
                conf,
                DETECTOR,
                Reason::Propagated,
            ));
        }
        // Adjacent propagated words are one name ("Caetana Paiva").
        sort_by_span(text, &mut self.found);
        let mut merged: Vec<Finding> = Vec::with_capacity(self.found.len());
        for f in self.found.drain(..) {
            if let Some(p) = merged.last_mut() {
                if (p.reason == Reason::Propagated || f.reason == Reason::Propagated)
                    && p.span.end <= f.span.start
                    && merge_gap(text, p.span.end, f.span.start)
                {
                    p.span.end = f.span.end;
                    p.confidence = p.confidence.max(f.confidence);
                    continue;
                }
            }
            merged.push(f);
        }
        self.found = merged;
    }
}

/// When the name at `span` starts with an article then offices ("le Maire", not
/// after an abbreviated civilité: "M. Le Maire" is a name), the length in bytes of
/// that start: the whole span when nothing else follows ("Le Maire": no name),
/// less when a name follows ("le Maire Philippe Cordier"). See `State::drop_offices`.
/// Apart, so that the test of every finding stays small.
#[inline(never)]
fn office_prefix(text: &str, span: crate::Span, buf: &mut String) -> Option<usize> {
    let name = &text[span.range()];
    let mut parts = name
        .split([' ', '\u{a0}'])
        .filter(|p| !p.is_empty())
        .map(|p| (p.as_ptr() as usize - name.as_ptr() as usize, p));
    let (_, first) = parts.next()?;
    let (article, rest) = match first.find('\'') {
        Some(q) => (&first[..q], Some((q + 1, &first[q + 1..]))),
        None => (first, None),
    };
    fold_word(article, buf);
    if !matches!(buf.as_str(), "le" | "la" | "l") || (buf == "l") != rest.is_some() {
        return None;
    }
    // The offices right after the article, and where they end.
    let mut roles = 0;
    let mut end = 0;
    let mut name_after = false;
    for (at, w) in rest.into_iter().chain(parts) {
        fold_word(w, buf);
        if words::class(buf) & STOP == 0 || buf.len() < 3 {
            name_after = true;
            break;
        }
        roles += 1;
        end = at + w.len();
    }
    if roles == 0 {
        return None;
    }
    // "M. Le Maire", "Mme La Juge": a name.
    if !article.starts_with(|c: char| c.is_lowercase()) {
        let before = text[..span.start].trim_end_matches([' ', '\u{a0}']);
        if ["M.", "Mme", "Mlle", "Mr", "MM."].iter().any(|t| {
            before.ends_with(t)
                && !before[..before.len() - t.len()].ends_with(char::is_alphanumeric)
        }) {
            return None;
        }
    }
    Some(if name_after { end } else { name.len() })
}

/// What tells two found names apart for propagation: their text, and whether their
/// confidence reaches 850 (the only thing [`note_name`] reads of it besides 720).
fn name_key(name: &str, confidence: u16) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = FxBuild::default().build_hasher();
    h.write(name.as_bytes());
    h.write_u8(u8::from(confidence >= 850));
    h.finish()
}

/// Notes, in `known`, the words of `name` (a name found with `confidence`) that may
/// be found again alone: folded word key -> (is a given name, distinct names holding
/// it, hash of the last name seen holding it).
fn note_name(
    known: &mut KeyMap<(bool, u32, u64)>,
    name: &str,
    confidence: u16,
    buf: &mut String,
    word: &mut String,
) {
    let b = name.as_bytes();
    let ascii = b.is_ascii();
    // The hash of the folded name; an ASCII name folds to its lower case, hashed
    // lower-cased in registers.
    let name_hash = {
        use std::hash::{BuildHasher, Hasher};
        let mut h = FxBuild::default().build_hasher();
        if ascii {
            h.write_lower_ascii(b);
        } else {
            fold_word(name, buf);
            h.write(buf.as_bytes());
        }
        h.finish()
    };
    // The parts between spaces, tabs and no-break spaces, on bytes (the separators
    // are ASCII or the two bytes of U+00A0, which no other character holds); a
    // name has a few, kept on the stack (more are read again from the text).
    let mut parts = [(0usize, 0usize); 8];
    let mut n_parts = 0;
    let mut pos = 0;
    while let Some((s, e)) = next_name_part(b, pos) {
        if n_parts < parts.len() {
            parts[n_parts] = (s, e);
        }
        n_parts += 1;
        pos = e;
    }
    let Some(&(s0, e0)) = parts.first().filter(|_| n_parts > 0) else {
        return;
    };
    let first_upper = if ascii {
        !b[s0..e0].iter().any(u8::is_ascii_lowercase)
    } else {
        name[s0..e0].chars().all(|c| !c.is_lowercase())
    };
    let mut pos = 0;
    for k in 0..n_parts {
        let (s, e) = match parts.get(k) {
            Some(&p) if k < parts.len() => p,
            _ => match next_name_part(b, pos) {
                Some(p) => p,
                None => break,
            },
        };
        pos = e;
        let pb = &b[s..e];
        let wkey = if all_ascii_letters(pb) {
            // Folded: lower-cased, as many characters as bytes.
            if pb.len() < 3 {
                continue;
            }
            dict::key_ascii_letters(pb)
        } else {
            fold_word(&name[s..e], word);
            if word.chars().count() < 3 {
                continue;
            }
            dict::key(word)
        };
        let entry = dict().get_key(wkey);
        if entry.class & (STOP | PARTICLE) != 0 {
            continue;
        }
        // An unknown word propagates only from strong evidence (a title, a
        // label); an ordinary word (Blanc, Pierre) never alone.
        if !entry.is_first() && !entry.is_surname() && confidence < 850 {
            continue;
        }
        // An ordinary word (Blanc, Pierre) is noted only from a full name, and found
        // again only capitalised inside a sentence (`propagate`).
        if (entry.first_common || entry.surname_common) && (n_parts < 2 || e - s < 4) {
            continue;
        }
        let upper = if pb.is_ascii() {
            !pb.iter().any(u8::is_ascii_lowercase)
        } else {
            name[s..e].chars().all(|c| !c.is_lowercase())
        };
        let given = n_parts >= 2
            && !upper
            && entry.is_first()
            && (k == 0 || (k == n_parts - 1 && first_upper));
        known
            .entry(wkey)
            .and_modify(|slot| {
                slot.0 &= given;
                if slot.2 != name_hash {
                    slot.1 += 1;
                    slot.2 = name_hash;
                }
            })
            .or_insert((given, 1, name_hash));
    }
}

/// What stands before a capitalised word (see `State::before_word`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// A lower-case word or a comma: the word is inside a sentence.
    Sentence,
    /// An article ("la Marine", "l'Olivier", "au Blanc"): a thing or a place follows.
    Article,
    /// Anything else: a capitalised word, a break, a number, the start.
    Other,
}

impl State<'_> {
    /// What stands before the word at `s`, whitespace apart (the word before is read
    /// by `prev_word`).
    fn before_word(&self, s: usize) -> Before {
        let b = self.text.as_bytes();
        let e = b[..s].trim_ascii_end().len();
        if e == 0 {
            return Before::Other;
        }
        match b[e - 1] {
            b',' => return Before::Sentence,
            // A full stop, a bracket, a digit…: no word ends there.
            c if !(c.is_ascii_alphabetic() || c >= 0x80 || c == b'\'') => return Before::Other,
            _ => {}
        }
        let Some((ws, we)) = self.prev_word(e) else {
            return Before::Other;
        };
        let w = &b[ws..we];
        let article = [
            &b"le"[..],
            b"la",
            b"les",
            b"l'",
            b"un",
            b"une",
            b"des",
            b"du",
            b"au",
            b"aux",
        ]
        .iter()
        .any(|a| w.eq_ignore_ascii_case(a));
        if article {
            Before::Article
        } else if self.text[ws..we]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            Before::Sentence
        } else {
            Before::Other
        }
    }

    /// The word `[s, e)` is capitalised, not in capitals, and stands inside a
    /// sentence (or right after a name, `after_name`, but not after an article),
    /// with no tab before it (not a sentence start, a heading or a table cell).
    fn inside_sentence_cap(&self, s: usize, e: usize, after_name: bool) -> bool {
        let b = self.text.as_bytes();
        let mut chars = self.text[s..e].chars();
        let cap = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        let before = b[..s].trim_ascii_end();
        cap && !b[before.len()..s].contains(&b'\t')
            && match self.before_word(s) {
                Before::Sentence => true,
                Before::Other => after_name,
                Before::Article => false,
            }
    }
}

/// `s` without the copies of `suffix` that end it (`str::trim_end_matches` with a
/// string, without building a searcher).
#[inline]
fn trim_end_suffix<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while s.as_bytes().ends_with(suffix.as_bytes()) {
        s = &s[..s.len() - suffix.len()];
    }
    s
}

/// The next part of a name at or after `pos`: the bytes between spaces, tabs and
/// no-break spaces, as `name.split([' ', '\t', '\u{a0}'])` without the empty parts.
#[inline]
fn next_name_part(b: &[u8], mut pos: usize) -> Option<(usize, usize)> {
    let sep = |i: usize| match b[i] {
        b' ' | b'\t' => 1,
        0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    };
    while pos < b.len() {
        let n = sep(pos);
        if n == 0 {
            break;
        }
        pos += n;
    }
    if pos >= b.len() {
        return None;
    }
    let s = pos;
    loop {
        // ASCII letters at once (most of a name), then the byte after them.
        pos += ascii_letter_run(b, pos, b.len()).0;
        if pos >= b.len() || sep(pos) != 0 {
            break;
        }
        pos += 1;
    }
    Some((s, pos))
}

/// Names found in earlier texts of a session ([`crate::Session`]): their words are
/// found again alone in later texts, as propagation does within one text ("Jean
/// DUPONT" in the first message, "Dupont" in the third).
#[derive(Default)]
pub(crate) struct Seeds {
    known: KeyMap<(bool, u32, u64)>,
    /// Hashes of the names already noted (or in `pending` as new).
    names: KeyMap<()>,
    /// Names added since the last [`Seeds::flush`] with their confidence: telling
    /// a name met before from a new one, then noting the new ones (a fold and a
    /// dictionary probe per word), is paid only when a later text needs them.
    pending: Pending,
    /// Whether the names of `pending` are checked: new, or marked [`REPEAT`] (see
    /// [`Seeds::check`]). Once `pending` has grown past [`PENDING_SLACK`], a name
    /// is checked as it is added, and kept only if new: memory follows the
    /// distinct names, not the text, even when no later text flushes them.
    checked: bool,
    buf: String,
    word: String,
}

/// The size of [`Seeds::pending`] from which its names are checked as they come.
const PENDING_SLACK: usize = 1 << 20;

/// The mark of a pending name met before (in its confidence, at most 1000).
const REPEAT: u16 = 0x8000;

/// Names one after the other, each after its length (4 bytes) and confidence (2
/// bytes), in blocks that never move (no copy left behind in freed memory, no
/// copying as they fill): adding a name is two copies.
#[derive(Default)]
struct Pending {
    blocks: Vec<Vec<u8>>,
    /// Bytes written in every block.
    size: usize,
}

/// The size of a [`Pending`] block (a longer name has a block of its own).
const BLOCK: usize = 1 << 16;

/// The name written at `off` of a [`Pending`] block (its header there), its
/// confidence and the offset after it.
fn pending_at(b: &[u8], off: usize) -> Option<(&str, u16, usize)> {
    let h = b.get(off..off + 6)?;
    let len = u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as usize;
    let confidence = u16::from_le_bytes([h[4], h[5]]);
    let end = off + 6 + len;
    // Written from a `&str`: always valid.
    let name = std::str::from_utf8(b.get(off + 6..end)?).unwrap_or_default();
    Some((name, confidence, end))
}

impl Pending {
    fn push(&mut self, name: &str, confidence: u16) {
        let Ok(len) = u32::try_from(name.len()) else {
            return;
        };
        let need = 6 + name.len();
        let b = match self.blocks.last_mut() {
            Some(b) if b.capacity() - b.len() >= need => b,
            _ => self.new_block(need),
        };
        let (l, c) = (len.to_le_bytes(), confidence.to_le_bytes());
        b.extend_from_slice(&[l[0], l[1], l[2], l[3], c[0], c[1]]);
        b.extend_from_slice(name.as_bytes());
        self.size += need;
    }

    /// A new block with room for `need` bytes.
    #[cold]
    fn new_block(&mut self, need: usize) -> &mut Vec<u8> {
        self.blocks.push(Vec::with_capacity(need.max(BLOCK)));
        let last = self.blocks.len() - 1;
        &mut self.blocks[last]
    }

    /// Forgets every name, wiping the blocks (what was written: a block never
    /// grows, its spare room was never written).
    fn clear(&mut self) {
        for b in &mut self.blocks {
            zeroize::Zeroize::zeroize(b.as_mut_slice());
        }
        self.blocks.clear();
        self.size = 0;
    }
}

impl Seeds {
    /// Notes a PERSON finding of an earlier text (weak findings are not noted, as
    /// within a text).
    pub(crate) fn add(&mut self, name: &str, confidence: u16) {
        if confidence < 720 {
            return;
        }
        // (A confidence is at most 1000: the mark's bit is free.)
        let confidence = confidence & !REPEAT;
        if !self.checked {
            self.pending.push(name, confidence);
            if self.pending.size > PENDING_SLACK {
                self.check();
            }
        } else if Self::is_new(&mut self.names, name, confidence) {
            self.pending.push(name, confidence);
        }
    }

    /// Whether the name is new (not noted, not pending as new), counting it.
    fn is_new(names: &mut KeyMap<()>, name: &str, confidence: u16) -> bool {
        names.insert(name_key(name, confidence), ()).is_none()
    }

    /// Checks the names of `pending`, marking those met before ([`REPEAT`]).
    #[cold]
    fn check(&mut self) {
        for b in &mut self.pending.blocks {
            let mut off = 0;
            while let Some((name, confidence, end)) = pending_at(b, off) {
                if !Self::is_new(&mut self.names, name, confidence) {
                    b[off + 4..off + 6].copy_from_slice(&(confidence | REPEAT).to_le_bytes());
                }
                off = end;
            }
        }
        self.checked = true;
    }

    /// Notes the words of the names added since the last call.
    pub(crate) fn flush(&mut self) {
        for b in &self.pending.blocks {
            let mut off = 0;
            while let Some((name, confidence, end)) = pending_at(b, off) {
                // Each name once (memory follows the distinct names, not the text).
                let new = if self.checked {
                    confidence & REPEAT == 0
                } else {
                    Self::is_new(&mut self.names, name, confidence)
                };
                if new {
                    note_name(
                        &mut self.known,
                        name,
                        confidence,
                        &mut self.buf,
                        &mut self.word,
                    );
                }
                off = end;
            }
        }
        self.pending.clear();
        self.checked = false;
    }

    /// True when no word was noted (names added since the last flush do not count).
    pub(crate) fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Forgets every name (the folded text in the scratch buffers too).
    pub(crate) fn clear(&mut self) {
        self.known.clear();
        self.names.clear();
        self.pending.clear();
        self.checked = false;
        crate::pseudo::wipe_buffer(&mut self.buf);
        crate::pseudo::wipe_buffer(&mut self.word);
    }
}

impl Drop for Seeds {
    fn drop(&mut self) {
        self.clear();
    }
}

impl std::fmt::Debug for Seeds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seeds")
            .field("words", &self.known.len())
            .finish_non_exhaustive()
    }
}

/// True when one of the three lines before the newline at `nl` holds a closing
/// formula ("Cordialement,") or the line right before is empty after one.
fn closing_before(text: &str, nl: usize, buf: &mut String) -> bool {
    let from = crate::text::floor_char(text, nl.saturating_sub(160));
    let from = crate::text::ceil_char(text, from);
    let window = &text[from..nl];
    // The last three lines of the window, folded at once: no closing holds a
    // newline, so one search over them is a search in each.
    let mut start = window.len();
    for _ in 0..3 {
        match memchr::memrchr(b'\n', &window.as_bytes()[..start]) {
            Some(k) => start = k,
            None => {
                start = 0;
                break;
            }
        }
    }
    let lines = window.get(start..).unwrap_or(window);
    let lines = lines
        .strip_prefix('\n')
        .filter(|_| start > 0)
        .unwrap_or(lines);
    fold_word(lines, buf);
    closings().is_match(buf.as_str())
}

/// The start of a capitalised first name (`Marie`, `Jean-Pierre`, `Hélène`) standing
/// just before `s`, separated by one space, when the dictionary knows it as a first
/// name and it is not a stop word or a title.
fn first_name_before(text: &str, s: usize) -> Option<usize> {
    let before = text.get(..s)?.strip_suffix(' ')?;
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        if c.is_alphabetic() || c == '-' {
            start = i;
        } else {
            break;
        }
    }
    let word = &before[start..];
    if word.is_empty() || word.len() > 40 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // A whole word: not glued to a digit or an apostrophe (`l'Étang`).
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '\u{2019}')
    {
        return None;
    }
    let mut folded = String::with_capacity(word.len());
    fold_word(word, &mut folded);
    let entry = dict().get_key(dict::key(&folded));
    (entry.is_first() && entry.class & (STOP | TITLE | PARTICLE) == 0).then_some(start)
}

/// True when one or two short lower-case words (particles) then a capital follow
/// from `j`: "de Gaulle", "de la Fontaine", "van der Berg".
fn particles_then_capital(b: &[u8], mut j: usize) -> bool {
    for _ in 0..2 {
        // Up to five lower-case letters or apostrophes (more: no particle).
        let mut k = 0;
        while k < 5
            && b.get(j + k)
                .is_some_and(|&c| c.is_ascii_lowercase() || c == b'\'')
        {
            k += 1;
        }
        if k == 0 || k > 4 {
            return false;
        }
        j += k;
        if b[j - 1] == b'\'' {
            // d'Estaing
            return b.get(j).is_some_and(|&c| maybe_upper(c));
        }
        if b.get(j) != Some(&b' ') {
            return false;
        }
        j += 1;
        if b.get(j).is_some_and(|&c| maybe_upper(c)) {
            return true;
        }
    }
    false
}

/// How many bytes of `b` are `x` (counted in byte lanes, a block at a time).
#[inline]
fn count_byte(b: &[u8], x: u8) -> usize {
    b.chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &y| n + u8::from(y == x))))
        .sum()
}

/// The start of the line holding `k`, searched back to `pos` at most (a line start).
#[inline]
fn line_start(b: &[u8], pos: usize, k: usize) -> usize {
    memchr::memrchr(b'\n', &b[pos..k]).map_or(pos, |j| pos + j + 1)
}

/// The start of the line after the one holding `k`, or `b.len()`.
#[inline]
fn next_line(b: &[u8], k: usize) -> usize {
    memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |e| k + e + 1)
}

/// The first tab at or after `pos` (a line start) in a line that does not start with
/// white space, or `b.len()`. A line starting with white space is no header: without
/// a `;` or `|` (found apart), its tabs make no table line, so they need no look at
/// the line.
fn next_inner_tab(b: &[u8], mut pos: usize) -> usize {
    loop {
        // Indented text: often a tab right at the line start.
        let k = if b.get(pos) == Some(&b'\t') {
            pos
        } else {
            match memchr::memchr(b'\t', &b[pos..]) {
                Some(k) => pos + k,
                None => return b.len(),
            }
        };
        if k != pos && b[k - 1] != b'\n' && !b[line_start(b, pos, k)].is_ascii_whitespace() {
            return k;
        }
        // A line starting with white space: on to the next line.
        pos = next_line(b, k);
    }
}

/// The first comma at or after `pos` (a line start) not followed by a space, in a
/// line holding no space and not starting with white space, or `b.len()`. Only such
/// a line can be a comma-separated header: other commas are passed without a look at
/// their line.
fn next_bare_comma(b: &[u8], mut pos: usize) -> usize {
    loop {
        let Some(k) = memchr::memchr(b',', &b[pos..]) else {
            return b.len();
        };
        let k = pos + k;
        if b.get(k + 1) == Some(&b' ') {
            pos = k + 1;
            continue;
        }
        let ls = line_start(b, pos, k);
        let le = memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |e| k + e);
        if !b[ls].is_ascii_whitespace() && memchr::memchr(b' ', &b[ls..le]).is_none() {
            return k;
        }
        // A line holding a space: on to the next line.
        pos = (le + 1).min(b.len());
    }
}

/// The cell `[s, e)` without surrounding spaces and quotes.
fn trim_cell(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && matches!(b[s], b' ' | b'"' | b'\t') {
        s += 1;
    }
    while e > s && matches!(b[e - 1], b' ' | b'"' | b'\t' | b'\r') {
        e -= 1;
    }
    (s, e)
}

/// An all-caps surname cell: "DUPONT", "DE LA FONTAINE", "N'DIAYE", "LEFÈVRE-MARTIN".
fn is_caps_cell(v: &str) -> bool {
    // The shape first: most cells fail it at their first lower-case letter.
    v.chars().all(|c| {
        (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, ' ' | '-' | '\'' | '\u{2019}')
    }) && (2..=40).contains(&v.chars().filter(|c| c.is_alphabetic()).count())
        && !matches!(
            v,
            "IBAN"
                | "BIC"
                | "RIB"
                | "NIR"
                | "NOM"
                | "PRENOM"
                | "PRÉNOM"
                | "OK"
                | "KO"
                | "NA"
                | "N/A"
                | "CB"
                | "EUR"
                | "TTC"
                | "HT"
                | "TVA"
                | "OUI"
                | "NON"
        )
}

fn is_name_column(folded: &str) -> bool {
    matches!(
        folded,
        "nom"
            | "prenom"
            | "prenoms"
            | "nom_usage"
            | "nom_naissance"
            | "nom de famille"
            | "nom d'usage"
            | "nom de naissance"
            | "name"
            | "first_name"
            | "last_name"
            | "firstname"
            | "lastname"
            | "surname"
            | "given_name"
            | "family_name"
            | "nom_complet"
            | "nom complet"
            | "full_name"
            | "fullname"
            | "titulaire"
            | "nom_prenom"
            | "prenom_nom"
            | "nom prenom"
            | "prenom nom"
            | "nom et prenom"
            | "beneficiaire"
            | "allocataire"
            | "assure"
            | "patient"
            | "agent"
            | "salarie"
            | "nom_titulaire"
            | "debiteur"
            | "contact"
            | "nom_marital"
            | "nom_jeune_fille"
            | "conjoint"
            | "responsable"
            | "representant"
            | "client"
    )
}

/// A quick filter for CSV header lines: some column name announcing a name.
fn csv_keys() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                "nom",
                "name",
                "titulaire",
                "ficiaire",
                "allocataire",
                "assur",
                "patient",
                "agent",
                "salari",
                "biteur",
                "contact",
                "conjoint",
                "responsable",
                "sentant",
                "client",
            ])
            .expect("static patterns")
    })
}

fn closings() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| AhoCorasick::new(words::CLOSINGS).expect("static patterns"))
}

fn labels() -> &'static HashSet<&'static str, FxBuild> {
    static L: OnceLock<HashSet<&'static str, FxBuild>> = OnceLock::new();
    L.get_or_init(|| words::LABELS.iter().copied().collect())
}

/// The chat triggers (word ends, found back to the word start): few patterns with
/// selective first bytes keep the search fast. The two "'est" come first
/// (`scan_chat` knows them by their index).
const CHAT_TRIGGERS: [&str; 16] = [
    "'est ",
    "\u{2019}est ",
    "cest ",
    "ppelle ",
    "onjour ",
    "onsoir ",
    "alut ",
    "slt ",
    "Slt ",
    "oucou ",
    "c moi ",
    " mr ",
    " mme ",
    " mlle ",
    "onsieur ",
    "adame ",
];

/// A searcher of [`CHAT_TRIGGERS`], leftmost-first: the packed searcher (Teddy)
/// where the machine has it (the automaton would run it as a prefilter, then
/// confirm each candidate again), the automaton elsewhere. Both give the same
/// matches.
enum ChatTriggers {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

/// The matches of [`ChatTriggers::find_iter`].
enum ChatMatches<'s, 'h> {
    Packed(aho_corasick::packed::FindIter<'s, 'h>),
    Automaton(aho_corasick::FindIter<'s, 'h>),
}

impl ChatTriggers {
    fn find_iter<'s, 'h>(&'s self, haystack: &'h [u8]) -> ChatMatches<'s, 'h> {
        match self {
            ChatTriggers::Packed(p) => ChatMatches::Packed(p.find_iter(haystack)),
            ChatTriggers::Automaton(a) => ChatMatches::Automaton(a.find_iter(haystack)),
        }
    }
}

impl Iterator for ChatMatches<'_, '_> {
    type Item = aho_corasick::Match;
    #[inline]
    fn next(&mut self) -> Option<aho_corasick::Match> {
        match self {
            ChatMatches::Packed(it) => it.next(),
            ChatMatches::Automaton(it) => it.next(),
        }
    }
}

fn chat_triggers() -> &'static ChatTriggers {
    static A: OnceLock<ChatTriggers> = OnceLock::new();
    A.get_or_init(|| {
        aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(CHAT_TRIGGERS)
            .build()
            .map_or_else(
                || ChatTriggers::Automaton(chat_automaton()),
                ChatTriggers::Packed,
            )
    })
}

/// The automaton of [`CHAT_TRIGGERS`] (where no packed searcher is built).
fn chat_automaton() -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(CHAT_TRIGGERS)
        .expect("static patterns")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_into;

    #[test]
    fn seeds_hold_each_name_once() {
        let mut seeds = Seeds::default();
        for _ in 0..1000 {
            seeds.add("Yann KEROUREDAN", 850);
            seeds.add("Yann KEROUREDAN", 900);
            seeds.add("Dupont", 600);
        }
        // Weak findings are not noted; one name, whatever the number of times
        // (repeats are dropped when noting, or not kept once the buffer is full).
        assert_eq!(seeds.pending.size, 2000 * (6 + 15));
        for _ in 0..2 * PENDING_SLACK / "Yann KEROUREDAN".len() {
            seeds.add("Yann KEROUREDAN", 850);
        }
        assert!(seeds.checked && seeds.pending.size <= PENDING_SLACK + 64);
        assert!(seeds.is_empty());
        seeds.flush();
        assert!(!seeds.is_empty() && seeds.pending.size == 0);
        assert_eq!(seeds.names.len(), 1);
        let known = seeds.known.clone();
        seeds.add("Yann KEROUREDAN", 850);
        seeds.add("Jean DUPONT", 850);
        seeds.add("Yann KEROUREDAN", 850);
        seeds.flush();
        assert_eq!(seeds.names.len(), 2);
        assert!(seeds.known.len() > known.len());
        // Distinct names are kept, each checked once, however many: the same
        // words as when noted one by one.
        let mut a = Seeds::default();
        let mut b = Seeds::default();
        let name = |k: usize| format!("Nom{} PRENOM{}", k % 70_000, k % 3);
        for k in 0..200_000 {
            a.add(&name(k), 850);
            if k % 50_000 == 0 {
                a.flush();
            }
        }
        a.flush();
        for k in 0..200_000 {
            b.add(&name(k), 850);
            b.flush();
        }
        assert_eq!(a.names.len(), b.names.len());
        assert_eq!(a.known, b.known);
    }

    #[test]
    fn relations_and_lists_announce_a_name() {
        assert_eq!(names("Je viendrai avec ma fille Rose."), ["Rose"]);
        assert_eq!(names("Mon frère Pierre est absent."), ["Pierre"]);
        assert_eq!(
            names("Ses fils Moussa et Ibrahim sont venus."),
            ["Moussa", "Ibrahim"]
        );
        assert_eq!(
            names("deux enfants, Aminata et Moussa, scolarisés"),
            ["Aminata", "Moussa"]
        );
        assert_eq!(names("Mme Durand et Pierre sont là."), ["Durand", "Pierre"]);
        // No possessive, no name before "et": no context.
        assert_eq!(names("Le père Noël arrive."), Vec::<&str>::new());
        assert_eq!(names("la fille Iris des marais"), Vec::<&str>::new());
        assert_eq!(names("le vin et Iris des marais"), Vec::<&str>::new());
        // A soft trigger that does not make a name leaves the other rules to decide.
        assert_eq!(
            names("Écrit par Andries E. Brouwer, A. V. Le Blanc et d'autres."),
            ["Andries E. Brouwer", "A. V. Le Blanc"]
        );
        // A very frequent first name that is also a word, capitalised inside a
        // sentence, is a name; not at a sentence start, not hyphenated into a
        // technical word, not when it is mostly something else.
        assert_eq!(
            names("J'ai croisé Pierre hier, il a vu Claire."),
            ["Pierre", "Claire"]
        );
        assert_eq!(names("Pierre est venu."), Vec::<&str>::new());
        assert_eq!(
            names("voir l'option Date-Max-Future du fichier"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("Il arrive à Noël et part avec la Marine."),
            Vec::<&str>::new()
        );
        // An ordinary word of a full name is found again alone only capitalised inside
        // a sentence.
        assert_eq!(
            names("Paul Blanc est venu. Le dossier de Blanc est complet. Blanc ou noir ?"),
            ["Paul Blanc", "Blanc"]
        );
        assert_eq!(
            names("Paul Blanc est venu.\nCOULEUR : BLANC"),
            ["Paul Blanc"]
        );
        // Not after an article: "la Marine", "l'Olivier" are things or places.
        assert_eq!(
            names("Marine Dupont est venue. La Marine nationale défile ; l'Olivier ferme."),
            ["Marine Dupont"]
        );
        assert_eq!(names("Il a vu la Claire Fontaine."), Vec::<&str>::new());
        // A firm's legal form ends the name.
        assert_eq!(
            names("représenté par Maître Claire FOURNIER de la SELARL FOURNIER & ASSOCIÉS"),
            ["Claire FOURNIER"]
        );
        // "Mme et M. Perrin": the second title is not an initial.
        assert_eq!(names("Mme et M. Perrin sont absents."), ["Perrin"]);
        assert_eq!(names("Mme M. Perrin est absente."), ["M. Perrin"]);
    }

    #[test]
    fn ranks_announce_a_name() {
        assert_eq!(names("Capitaine Morel est arrivé."), ["Morel"]);
        assert_eq!(
            names("{\"nom\":\"dupont\",\"prenom\":\"jean\",\"ville\":\"nantes\"}"),
            ["dupont", "jean"]
        );
        assert_eq!(
            names("{\"last_name\": \"le goff\", \"nom_service\": \"accueil\"}"),
            ["le goff"]
        );
        assert_eq!(
            names("{\"nombre\": \"martin\", \"name\": \"rue\"}"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("Nom : de la Fontaine\nPrénom : Jean"),
            ["de la Fontaine", "Jean"]
        );
        assert_eq!(names("{\"nom\": \"van der Berg\"}"), ["van der Berg"]);
        assert_eq!(names("Adresse : rue de la Fontaine"), Vec::<&str>::new());
        assert_eq!(
            names("Présents : Marc Olivier, Anne-Sophie Vasseur\nExcusée : Julie Perrin"),
            ["Marc Olivier", "Anne-Sophie Vasseur", "Julie Perrin"]
        );
        assert_eq!(
            names("Objet : arrêt maladie de Thomas Nguyen"),
            ["Thomas Nguyen"]
        );
        assert_eq!(
            names("atteint de la maladie de Parkinson"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("la maladie de Charcot a été décrite"),
            Vec::<&str>::new()
        );
        assert_eq!(names("puis le lieutenant Besson a parlé"), ["Besson"]);
        assert_eq!(
            names("Nous, Brigadier-chef Laurent Picard, officier de police"),
            ["Laurent Picard"]
        );
        assert_eq!(
            names("L'adjudant-chef Da Silva a relevé l'identité."),
            ["Da Silva"]
        );
        assert_eq!(
            names("le capitaine de l'équipe a marqué"),
            Vec::<&str>::new()
        );
        assert_eq!(names("Le Commissaire de la République"), Vec::<&str>::new());
    }

    fn names(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        PersonDetector::new().detect(&scan, &mut out);
        crate::resolve::resolve(&mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn unknown_names_in_a_list_of_names() {
        assert_eq!(
            names("Participants : Jean Martin, Oluwaseun Adeyemi, Thanh Nguyen."),
            ["Jean Martin", "Oluwaseun Adeyemi", "Thanh Nguyen"]
        );
        assert_eq!(
            names("Étaient là M. Paul Girard et Chidi Okonkwo."),
            ["Paul Girard", "Chidi Okonkwo"]
        );
        // Not a list item: more follows, or one word only, or a place.
        assert_eq!(
            names("M. Paul Girard, Conseil Régional de Bretagne."),
            ["Paul Girard"]
        );
        assert_eq!(names("M. Paul Girard, Rennes."), ["Paul Girard"]);
    }

    #[test]
    fn offices_before_a_name_are_not_the_name() {
        assert_eq!(
            names("Monsieur le Maire Philippe Cordier a signé."),
            ["Philippe Cordier"]
        );
        assert_eq!(names("Vu l'avis de la Juge Anne Morel."), ["Anne Morel"]);
        // An office alone is no name; "M. Le Maire" is one.
        assert!(names("Monsieur le Maire a signé.").is_empty());
        assert_eq!(names("M. Le Maire habite ici."), ["Le Maire"]);
    }

    #[test]
    fn titles_and_shapes() {
        assert_eq!(names("Bonjour Monsieur Maillard,"), ["Maillard"]);
        assert_eq!(names("Appel de M. Aimé Le Roux ce jour."), ["Aimé Le Roux"]);
        assert_eq!(names("Madame la Directrice,"), Vec::<&str>::new());
        assert_eq!(names("Monsieur le Préfet,"), Vec::<&str>::new());
        // Offices that are also surnames (Maire, Juge).
        assert_eq!(names("Monsieur le Maire,"), Vec::<&str>::new());
        assert_eq!(names("Bonjour Madame la Juge"), Vec::<&str>::new());
        assert_eq!(
            names("Signé : Le Maire, Jean-Luc Perrin"),
            ["Jean-Luc Perrin"]
        );
        assert_eq!(names("Reçu par M. Le Maire hier."), ["Le Maire"]);
        // Names before, between and after two offices.
        assert_eq!(
            names(
                "Signé : Jean Dupont. Signé : Le Maire. Signé : Paul Durand. Signé : La Juge. Signé : Anne Roux."
            ),
            ["Jean Dupont", "Paul Durand", "Anne Roux"]
        );
        assert_eq!(names("Madame Le Goff est venue."), ["Le Goff"]);
        assert_eq!(names("vu avec Jean Dupont hier"), ["Jean Dupont"]);
        assert_eq!(names("signé J.-P. Martin"), ["J.-P. Martin"]);
        assert_eq!(names("Mme PONS Hélène a appelé"), ["PONS Hélène"]);
        assert_eq!(
            names("Nom : EL IDRISSI\nPrénom : Ibrahima\n"),
            ["EL IDRISSI", "Ibrahima"]
        );
    }

    #[test]
    fn places_and_common_words() {
        assert!(names("La réunion aura lieu salle Victor Hugo.").is_empty());
        assert!(names("au lycée Jean Moulin de Paris").is_empty());
        assert!(names("La Marine nationale défile.").is_empty());
        assert!(names("La pierre de taille est belle.").is_empty());
        assert!(names("communes de l'Île-de-France").is_empty());
        assert!(names("12 rue du Docteur Roux").is_empty());
    }

    #[test]
    fn chat_and_propagation() {
        assert_eq!(
            names("slt c'est hugues texier je voudrais"),
            ["hugues texier"]
        );
        assert_eq!(names("coucou c'est moi julie, ça va ?"), ["julie"]);
        // SMS greetings before a self-introduction: two unknown words are a name.
        assert_eq!(
            names("Bjr c'est ulises zorkan jai pas recu mon virement"),
            ["ulises zorkan"]
        );
        // Only "c'est" (or "ç'est", folded) introduces: not "n'est", "qu'est".
        assert_eq!(names("bon ç'est karim benali ici"), ["karim benali"]);
        assert_eq!(names("bon C\u{2019}est karim benali ici"), ["karim benali"]);
        // (Capitalised lines: a lower-case line start is informal text, where a
        // first name in wide use is found alone anyway, see `lower`.)
        assert!(names("Ce n'est karim benali ici").is_empty());
        assert!(names("Qu'est karim benali ici").is_empty());
        // A capital after the trigger is the capitalised scan's.
        assert_eq!(names("bonjour Karim Benali, merci"), ["Karim Benali"]);
        assert_eq!(
            names("Jean DUPONT est venu. M. Dupont a signé. DUPONT part."),
            ["Jean DUPONT", "Dupont", "DUPONT"]
        );
    }

    #[test]
    fn latin1_classes_as_std() {
        for c in (0..0x800).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{:x}", c as u32);
            assert_eq!(is_upper(c), c.is_uppercase(), "{:x}", c as u32);
        }
    }

    #[test]
    fn sort_by_span_as_unstable_sort() {
        let f = |s: usize, e: usize, conf: u16, reason: Reason| {
            Finding::new(Kind::Person, s, e, conf, DETECTOR, reason)
        };
        // (case, exact: the unstable sort's order is required)
        let cases: Vec<(Vec<Finding>, bool)> = vec![
            (vec![], true),
            (vec![f(5, 9, 850, Reason::Context)], true),
            // Runs, no shared span.
            (
                (0..40)
                    .map(|k| f(k * 10, k * 10 + 4, 850, Reason::Context))
                    .chain((0..40).map(|k| f(k * 10 + 5, k * 10 + 8, 680, Reason::Propagated)))
                    .collect(),
                true,
            ),
            // The same finding twice: one order.
            (
                (0..30)
                    .map(|k| f(k * 10, k * 10 + 4, 760, Reason::Dictionary))
                    .chain((0..30).map(|k| f(k * 10, k * 10 + 4, 760, Reason::Dictionary)))
                    .collect(),
                true,
            ),
            // Different findings on one span, close to others: left to the unstable
            // sort.
            (
                (0..30)
                    .map(|k| f(k * 7, k * 7 + 4, 850, Reason::Context))
                    .chain((0..30).map(|k| f(k * 7, k * 7 + 4, 680, Reason::Propagated)))
                    .collect(),
                true,
            ),
            // Different findings on one span, far from others: any order of the
            // group.
            (
                (0..30)
                    .map(|k| f(k * 10, k * 10 + 4, 850, Reason::Context))
                    .chain((0..30).map(|k| f(k * 10, k * 10 + 4, 760, Reason::Dictionary)))
                    .collect(),
                false,
            ),
        ];
        // Spaces only: a gap of three spaces (findings 7 bytes apart) is one the
        // merge closes, one of six (findings 10 bytes apart) is not.
        let text = " ".repeat(400);
        for (case, exact) in cases {
            let mut expected = case.clone();
            expected.sort_unstable_by_key(|f| (f.span.start, f.span.end));
            let mut got = case.clone();
            sort_by_span(&text, &mut got);
            if exact {
                assert_eq!(got, expected);
            } else {
                // Sorted by span, the same findings.
                assert!(got.is_sorted_by_key(|f| (f.span.start, f.span.end)));
                let total =
                    |f: &Finding| (f.span.start, f.span.end, f.confidence, f.reason.as_str());
                let (mut g, mut e) = (got.clone(), expected.clone());
                g.sort_by_key(total);
                e.sort_by_key(total);
                assert_eq!(g, e);
            }
        }
    }

    #[test]
    fn stable_sorted_by_span_is_stable_sort() {
        let mut rng = crate::testrng::Lcg(21);
        // Offsets of a few kilobytes (one 64-bit key), of a gigabyte (128 bits) and
        // beyond 32 bits (the plain sort).
        for scale in [1usize, 1 << 22, 1 << 30] {
            for n in [0, 1, 2, 50, 700] {
                let found: Vec<Finding> = (0..n)
                    .map(|k| {
                        let s = (rng.next() as usize % 300) * scale;
                        let e = s + (rng.next() as usize % 4) * scale + 1;
                        let conf = if k % 2 == 0 { 850 } else { 680 };
                        Finding::new(Kind::Person, s, e, conf, DETECTOR, Reason::Context)
                    })
                    .collect();
                let mut expected = found.clone();
                expected.sort_by_key(|f| (f.span.start, f.span.end));
                assert_eq!(stable_sorted_by_span(&found), expected, "{scale} {n}");
            }
        }
    }

    #[test]
    fn particles_are_short() {
        let particles: Vec<&str> = words::all_classes()
            .filter(|&(_, c)| c & PARTICLE != 0)
            .map(|(w, _)| w)
            .collect();
        assert!(particles.len() > 10);
        for w in particles {
            assert!(w.len() <= MAX_PARTICLE_LEN, "{w}");
        }
        assert!(long_lower_word(b"x amoureux", 2));
        assert!(!long_lower_word(b"x della Rovere", 2));
        assert!(!long_lower_word(b"x amour", 2));
        assert!(!long_lower_word(b"x amoUreux", 2));
    }

    #[test]
    fn read_word_is_read_word_any() {
        let parts = [
            "Dupont", "JEAN", "le", "de", "M", "J", "Objet", "IBAN", "Mme", "Saint", "x", "Élise",
            "é", "\u{301}", " ", " ", ":", ".", "-", "'", "\u{2019}", ",", "2", "_", "@", "/",
            "\\", "=", "\n", "(", "\u{a0}", "Ü", "ß", "a",
        ];
        let mut rng = crate::testrng::Lcg(11);
        for _ in 0..3000 {
            let text: String = (0..rng.next() % 8).map(|_| rng.pick(&parts)).collect();
            let long = format!("{}{}", "Ab".repeat(rng.next() as usize % 40), text);
            for t in [text.as_str(), long.as_str()] {
                // One state for the fast path (its kept words warm), a new one for
                // each general read (none kept).
                let mut fast = state(t);
                for i in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                    for fold in [false, true] {
                        let mut any = state(t);
                        fast.buf.clear();
                        let (w, v) = (fast.read_word(i, fold), any.read_word_any(i, fold));
                        assert_eq!(w, v, "{t:?} at {i}");
                        if w.is_some() {
                            assert_eq!(fast.buf, any.buf, "{t:?} at {i}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn repeated_csv_headers() {
        // The same header twice (read back), then another of the same length.
        let text = "nom;prenom;ville\nDUPONT;Jean;Paris\n\nnom;prenom;ville\nMARTIN;Luc;Lyon\n\n\
                    ville;nom;prenom\nNice;BERNARD;Anne\n\nville;ref;code\nNice;AB;12\n";
        assert_eq!(
            names(text),
            ["DUPONT", "Jean", "MARTIN", "Luc", "BERNARD", "Anne"]
        );
    }

    #[test]
    fn labels_seen_answer_as_a_first_look() {
        let labels = [
            "Nom",
            "nom",
            "Prénom",
            "Ville",
            "Objet",
            "Nom de famille",
            "NOM DU TITULAIRE",
            "Date",
            "",
            "Votre nom",
            "Noms",
            "Prénom(s)",
            "e-mail",
            "Titulaire",
        ];
        let mut rng = crate::testrng::Lcg(5);
        let mut text = String::new();
        for _ in 0..400 {
            text.push_str(rng.pick(&labels));
            text.push_str(rng.pick(&[" : x\n", ": y, ", " :\t", "\" : \"z\"\n"]));
        }
        let mut st = state(&text);
        for (colon, _) in text.match_indices(':') {
            assert_eq!(
                st.is_label(colon),
                state(&text).is_label(colon),
                "at {colon}"
            );
        }
    }

    fn state(text: &str) -> State<'_> {
        State {
            text,
            buf: String::new(),
            chain: Vec::new(),
            found: Vec::new(),
            rest: Vec::new(),
            closing_buf: String::new(),
            taken: Vec::new(),
            taken_hint: std::cell::Cell::new(0),
            seeds: None,
            labels_seen: [(1, 0, false); LABELS_SEEN],
            folded_seen: [(1, 0, 0, 0, Entry::default(), 0); FOLDED_SEEN],
            folded_text: std::array::from_fn(|_| String::new()),
        }
    }

    #[test]
    fn chat_triggers_as_the_automaton() {
        let parts = [
            "c'est ",
            "C\u{2019}est ",
            "cest ",
            "m'appelle ",
            "Bonjour ",
            "bonsoir ",
            "salut ",
            "slt ",
            "Slt ",
            "coucou ",
            "c moi ",
            " mr ",
            " mme ",
            " mlle ",
            "monsieur ",
            "Madame ",
            "est",
            "mm",
            "e ",
            " ",
            "a",
            "\n",
        ];
        let automaton = chat_automaton();
        let mut rng = crate::testrng::Lcg(17);
        for n in 0..2000 {
            // Short texts (the packed searcher's slow path) and long ones.
            let len = if n % 2 == 0 { 3 } else { 40 };
            let text: String = (0..rng.next() % len).map(|_| rng.pick(&parts)).collect();
            let got: Vec<_> = chat_triggers().find_iter(text.as_bytes()).collect();
            let want: Vec<_> = automaton.find_iter(text.as_bytes()).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn quick_capital_candidates_is_a_superset() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for k in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Bytes drawn near the edges of the ranges.
            let w = u64::from_le_bytes(std::array::from_fn(|j| {
                let r = (x >> (8 * j)) as u8;
                [
                    0x40, 0x41, 0x5A, 0x5B, 0xC2, 0xC3, 0xC5, 0xC6, 0x9E, 0x9F, b'a', r,
                ][(usize::from(r) + k as usize) % 12]
            }));
            if capital_candidates(w) != 0 {
                assert!(quick_capital_candidates(w), "{w:x}");
            }
            assert_eq!(
                quick_capital_candidates(w),
                w.to_le_bytes()
                    .iter()
                    .any(|&c| (0x41..=0x5A).contains(&(c & 0x7F))),
                "{w:x}"
            );
        }
    }

    #[test]
    fn capital_candidate_bytes() {
        for k in 0..=255u8 {
            for pos in 0..8 {
                let mut w = [b'a'; 8];
                w[pos] = k;
                // 0xC3 then 'a' can be no capital: dismissed, unless its next byte
                // is outside the eight (then the caller checks).
                let expect =
                    k.is_ascii_uppercase() || (0xC4..=0xC5).contains(&k) || (k == 0xC3 && pos == 7);
                assert_eq!(next_capital_candidate(&w, 0) == pos, expect, "{k} at {pos}");
                // Tail bytes, one at a time.
                let expect = k.is_ascii_uppercase() || (0xC3..=0xC5).contains(&k);
                assert_eq!(
                    next_capital_candidate(&w[pos..pos + 1], 0) == 0,
                    expect,
                    "{k}"
                );
            }
        }
        // Capitals are found in any position; a lower-case accent may be left to the
        // caller (last byte of eight, or the last few bytes of the text), who skips it.
        let first_capital = |t: &str| {
            let b = t.as_bytes();
            let mut i = 0;
            loop {
                let k = next_capital_candidate(b, i);
                if b[k] == 0xC3 && b[k + 1] >= 0x9F {
                    i = k + 2;
                } else {
                    return k;
                }
            }
        };
        for pad in 0..9 {
            let t = format!("{}été à ŒUVRE", "a".repeat(pad));
            assert_eq!(first_capital(&t), t.find('Œ').unwrap_or(0));
            let t = format!("{}ééé É", "a".repeat(pad));
            assert_eq!(first_capital(&t), t.find('É').unwrap_or(0));
        }
        let t = "aaaaaaaaaa été aaaaaaa Élise a Bb";
        let at = |s: &str| t.find(s).unwrap_or(0);
        assert_eq!(
            next_capital_candidate(t.as_bytes(), at(" aaa")),
            at("Élise")
        );
        assert_eq!(next_capital_candidate(t.as_bytes(), at("lise")), at("Bb"));
        assert_eq!(next_capital_candidate(b"abc", 0), 3);
        assert_eq!(next_capital_candidate(b"abc", 7), 7);
    }

    #[test]
    fn latin1_fold_is_fold_char() {
        for (k, &f) in LATIN1_FOLD.iter().enumerate() {
            let c = char::from_u32(0xC0 + k as u32).unwrap_or('\0');
            let folded = fold_char(c);
            if f == 0 {
                assert!(!folded.is_ascii(), "{c}");
            } else {
                assert_eq!(char::from(f), folded, "{c}");
            }
        }
    }

    #[test]
    fn fold_word_is_fold_into() {
        let mut a = String::new();
        let mut b = String::new();
        for s in [
            "",
            "Dupont",
            "LEFÈVRE-MARTIN",
            "Œuvre Æ",
            "Ça va, Élodie ?",
            "N\u{2019}Diaye",
            "e\u{301}te\u{301}",
            "ÀÉÎÕÜ àéîõü ß Ÿ ÿ",
            "Ωμέγα ΣΊΣΥΦΟΣ",
            "İstanbul",
            "x\u{a0}y",
            "Ǆemal ǅ",
            "Straße",
            "ﬁn",
            "A\u{300}",
        ] {
            fold_word(s, &mut a);
            fold_into(s, &mut b);
            assert_eq!(a, b, "{s}");
        }
    }

    #[test]
    fn particle_names() {
        assert_eq!(names("Bonjour M. Le Van,"), ["Le Van"]);
        assert_eq!(names("Bonjour Monsieur Da Costa,"), ["Da Costa"]);
    }

    #[test]
    fn csv_header_columns() {
        let t = "nom;prenom;date\nSEZGIN;Sayın;5 février\nDE LA FONTAINE;Aimé;1973\n";
        assert_eq!(names(t), ["SEZGIN", "Sayın", "DE LA FONTAINE", "Aimé"]);
    }
}
