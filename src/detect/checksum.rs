//! Shared helpers for the checksummed identifiers (NIR, IBAN, card, SIREN/SIRET, SPI):
//! check algorithms on ASCII bytes, and a [`Walk`] that reads a number as it is
//! written in French documents (`1 85 05 78 006 084 36`, `552.008.443`,
//! `FR76 3000 6000 …`) into a stack buffer, remembering where each symbol ends and
//! which separator came before it. No allocation.

use super::space_len;
use crate::text::{char_at, char_before, fold_char, window_after, window_before};

/// Longest number a walk reads; a longer one is flagged as [`Walk::overflow`].
pub(crate) const MAX_SYMS: usize = 36;

/// The separator written before a symbol.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Gap {
    /// None: the symbol follows the previous one directly.
    None,
    /// A space-like character (space, tab, U+00A0, U+202F, U+2009, U+2007).
    Space,
    /// Punctuation: `.` or a dash (`-`, U+2010, U+2011, U+2013).
    Punct,
    /// A dash with spaces around it: `020 - 53`.
    SpacedDash,
}

/// Which separators a walk accepts between symbols.
#[derive(Clone, Copy)]
pub(crate) struct Seps {
    /// `.` and dashes.
    pub(crate) punct: bool,
    /// ` - ` (a dash between spaces).
    pub(crate) spaced_dash: bool,
}

/// Only space-like separators.
pub(crate) const SPACES: Seps = Seps {
    punct: false,
    spaced_dash: false,
};
/// Spaces, dots and dashes.
pub(crate) const PUNCT: Seps = Seps {
    punct: true,
    spaced_dash: false,
};
/// Spaces, dots, dashes and spaced dashes.
pub(crate) const ALL: Seps = Seps {
    punct: true,
    spaced_dash: true,
};

/// A number read from the text: its symbols (ASCII digits, upper-cased letters where
/// the caller allowed them), where each ends, and the separator before each.
pub(crate) struct Walk {
    pub(crate) sym: [u8; MAX_SYMS],
    /// Byte offset just after symbol `i`, relative to `start` (a number of at most
    /// [`MAX_SYMS`] symbols with separators of at most 7 bytes fits in `u16`).
    end_rel: [u16; MAX_SYMS],
    /// `gap[i]`: separator between symbol `i - 1` and symbol `i` (`gap[0]` is `None`).
    pub(crate) gap: [Gap; MAX_SYMS],
    pub(crate) len: usize,
    /// Byte offset of the first symbol.
    start: usize,
    /// More symbols followed (joined by an accepted separator) than the walk holds.
    pub(crate) overflow: bool,
}

/// Length of a dash (`-`, U+2010, U+2011, U+2012, U+2013, U+2212) at `i`.
#[inline]
fn dash_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'-' => Some(1),
        0xE2 => match (*b.get(i + 1)?, *b.get(i + 2)?) {
            (0x80, 0x90..=0x93) | (0x88, 0x92) => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// The separator at byte `i`, and its length.
#[inline(always)]
fn sep_at(b: &[u8], i: usize, seps: Seps) -> Option<(Gap, usize)> {
    if let Some(n) = space_len(b, i) {
        if seps.spaced_dash {
            if let Some(d) = dash_len(b, i + n) {
                if let Some(m) = space_len(b, i + n + d) {
                    return Some((Gap::SpacedDash, n + d + m));
                }
            }
        }
        return Some((Gap::Space, n));
    }
    if seps.punct {
        if b[i] == b'.' {
            return Some((Gap::Punct, 1));
        }
        if let Some(d) = dash_len(b, i) {
            return Some((Gap::Punct, d));
        }
    }
    None
}

impl Walk {
    /// Reads symbols from byte `start` (which should hold a digit): digits, and
    /// letters where `letter(index, byte, symbols so far)` says so (upper-cased), joined
    /// by the separators `seps` allows (one at a time), up to `max` symbols
    /// (at most [`MAX_SYMS`]).
    #[inline]
    pub(crate) fn read(
        b: &[u8],
        start: usize,
        max: usize,
        seps: Seps,
        letter: impl Fn(usize, u8, &[u8]) -> bool,
    ) -> Walk {
        let max = max.min(MAX_SYMS);
        let mut w = Walk {
            sym: [0; MAX_SYMS],
            end_rel: [0; MAX_SYMS],
            gap: [Gap::None; MAX_SYMS],
            len: 0,
            start,
            overflow: false,
        };
        let is_sym = |w: &Walk, c: u8| {
            c.is_ascii_digit() || (c.is_ascii_alphabetic() && letter(w.len, c, &w.sym[..w.len]))
        };
        let mut i = start;
        let mut gap = Gap::None;
        while i < b.len() {
            let c = b[i];
            if is_sym(&w, c) {
                if w.len == max {
                    w.overflow = gap == Gap::None || gap == Gap::Punct;
                    break;
                }
                w.sym[w.len] = c.to_ascii_uppercase();
                w.gap[w.len] = gap;
                w.end_rel[w.len] = (i + 1 - start) as u16;
                w.len += 1;
                gap = Gap::None;
                i += 1;
                // The digits glued after it (`gap` stays `None`, as initialised); a
                // digit beyond `max` is met by the outer loop, which sets `overflow`.
                while w.len < max {
                    match b.get(i) {
                        Some(&d) if d.is_ascii_digit() => {
                            w.sym[w.len] = d;
                            w.end_rel[w.len] = (i + 1 - start) as u16;
                            w.len += 1;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                continue;
            }
            if gap != Gap::None || w.len == 0 {
                break;
            }
            let Some((g, n)) = sep_at(b, i, seps) else {
                break;
            };
            match b.get(i + n) {
                Some(&c) if is_sym(&w, c) => {
                    gap = g;
                    i += n;
                }
                _ => break,
            }
        }
        w
    }

    /// Byte offset just after symbol `i`.
    #[inline]
    pub(crate) fn end(&self, i: usize) -> usize {
        self.start + usize::from(self.end_rel[i])
    }

    /// The first `n` symbols.
    #[inline]
    pub(crate) fn syms(&self, n: usize) -> &[u8] {
        &self.sym[..n]
    }

    /// True when the first `n` symbols can be a whole identifier: they end the number
    /// (nothing alphanumeric glued after it, not a decimal part), or a space-like
    /// separator comes after them (a following number written apart).
    #[inline]
    pub(crate) fn ends_token(&self, text: &str, n: usize) -> bool {
        if n == 0 || n > self.len {
            return false;
        }
        if n < self.len {
            return matches!(self.gap[n], Gap::Space | Gap::SpacedDash);
        }
        if self.overflow {
            return false;
        }
        let b = text.as_bytes();
        let e = self.end(n - 1);
        if char_at(text, e).is_some_and(alnum) {
            return false;
        }
        // `123 456 789,50` or `…789.5`: an amount, a decimal part follows (a comma
        // followed by a long number is the next CSV cell).
        if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        if b.get(e) == Some(&b',') {
            let digits = b[e + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=3).contains(&digits) {
                return false;
            }
        }
        // `…789/2` or `…789_12`: part of a longer reference.
        if matches!(b.get(e), Some(b'/' | b'_'))
            && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            return false;
        }
        true
    }

    /// True when the first `n` symbols are the whole number: the walk started at the
    /// beginning of the number ([`start_kind`] is [`Start::Clean`]) and they end it.
    pub(crate) fn whole(&self, n: usize) -> bool {
        n == self.len && !self.overflow
    }

    /// The symbol groups of the first `n` symbols, as lengths (at most 24 groups;
    /// returns the count). A group is a run of symbols with no separator inside.
    pub(crate) fn groups(&self, n: usize, out: &mut [u8; 24]) -> usize {
        let mut k = 0;
        let mut cur = 0u8;
        for i in 0..n.min(self.len) {
            if i > 0 && self.gap[i] != Gap::None {
                if k == out.len() {
                    return k;
                }
                out[k] = cur;
                k += 1;
                cur = 0;
            }
            cur = cur.saturating_add(1);
        }
        if n > 0 && k < out.len() {
            out[k] = cur;
            k += 1;
        }
        k
    }
}

/// Cheap test before a walk: can a number whose first digit run is `[s, e)` reach
/// `min` symbols? True when the run is long enough, or when it is followed by a
/// separator `seps` accepts and a digit, or (when `letters`) by a letter.
/// Most digit runs in prose (years, postcodes, times, dates with `/`) fail it at once.
#[inline]
pub(crate) fn can_reach(
    b: &[u8],
    s: usize,
    e: usize,
    min: usize,
    seps: Seps,
    letters: bool,
) -> bool {
    if e - s >= min {
        return true;
    }
    match b.get(e) {
        Some(c) if c.is_ascii_alphabetic() => letters,
        Some(_) => match sep_at(b, e, seps) {
            Some((_, n)) => b.get(e + n).is_some_and(u8::is_ascii_digit),
            None => false,
        },
        None => false,
    }
}

/// The digits of the number that starts at digit run `i`, its groups joined by one
/// separator each that `seps` accepts (what a [`Walk`] of digits reads), counted up
/// to at least `cap`: read from the digit runs, without a walk.
#[inline]
pub(crate) fn chain_digits(scan: &super::Scan<'_>, i: usize, seps: Seps, cap: usize) -> usize {
    let runs = &scan.digit_runs;
    let b = scan.bytes();
    let mut j = i;
    let mut n = runs[i].1 - runs[i].0;
    while n < cap {
        let e = runs[j].1;
        if e >= b.len() {
            break;
        }
        let Some((_, l)) = sep_at(b, e, seps) else {
            break;
        };
        match runs.get(j + 1) {
            Some(&(s2, e2)) if s2 == e + l => {
                n += e2 - s2;
                j += 1;
            }
            _ => break,
        }
    }
    n
}

/// True when the number that starts at digit run `i` (groups joined as in
/// [`chain_digits`]) has a group ending after exactly `at` digits, or reaches `min`
/// digits: where a walk of it can end a token at `at` symbols
/// ([`Walk::ends_token`]), or hold `min` symbols.
#[inline(never)]
pub(crate) fn chain_ends_at_or_reaches(
    scan: &super::Scan<'_>,
    i: usize,
    seps: Seps,
    at: usize,
    min: usize,
) -> bool {
    let runs = &scan.digit_runs;
    let b = scan.bytes();
    let mut j = i;
    let mut n = runs[i].1 - runs[i].0;
    loop {
        if n == at || n >= min {
            return true;
        }
        let e = runs[j].1;
        if e >= b.len() {
            return false;
        }
        let Some((_, l)) = sep_at(b, e, seps) else {
            return false;
        };
        match runs.get(j + 1) {
            Some(&(s2, e2)) if s2 == e + l => {
                n += e2 - s2;
                j += 1;
            }
            _ => return false,
        }
    }
}

/// How a number starts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Start {
    /// At the beginning of a token: nothing numeric or alphabetic before it.
    Clean,
    /// After a space that follows another number (`… 12 1 85 05 …`): a window inside
    /// a longer sequence of numbers. Acceptable for strong checks only.
    AfterNumber,
    /// Not a token start (a letter or digit glued before, a decimal part, a phone
    /// prefix, the tail of `12.345` or `2024-0001`).
    No,
}

/// The answer of [`start_kind`] in its commonest cases, from two bytes:
/// [`Start::No`] after an ASCII letter or digit, `+` or `_`, or after `.`, `-` or `/`
/// that follows one (`12.03.1985`, `06-12-…`), and [`Start::AfterNumber`] after an
/// ASCII space that follows a digit (the second group of a phone number).
/// `None`: ask [`start_kind`].
#[inline]
pub(crate) fn quick_start(b: &[u8], start: usize) -> Option<Start> {
    let prev = *b.get(start.checked_sub(1)?)?;
    match START_CLASS[usize::from(prev)] {
        PREV_WORD => Some(Start::No),
        PREV_SPACE if start >= 2 && b[start - 2].is_ascii_digit() => Some(Start::AfterNumber),
        PREV_JOINER if start >= 2 && b[start - 2].is_ascii_alphanumeric() => Some(Start::No),
        _ => None,
    }
}

/// Classes of the byte before a number, for [`quick_start`].
const PREV_OTHER: u8 = 0;
const PREV_WORD: u8 = 1;
const PREV_SPACE: u8 = 2;
const PREV_JOINER: u8 = 3;
static START_CLASS: [u8; 256] = {
    let mut t = [PREV_OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() || b == b'+' || b == b'_' {
            PREV_WORD
        } else if b == b' ' {
            PREV_SPACE
        } else if b == b'.' || b == b'-' || b == b'/' {
            PREV_JOINER
        } else {
            PREV_OTHER
        };
        c += 1;
    }
    t
};

/// Classifies the start of a number at byte `start`.
#[inline]
pub(crate) fn start_kind(text: &str, start: usize) -> Start {
    let b = text.as_bytes();
    let Some(prev) = prev_char(text, start) else {
        return Start::Clean;
    };
    if alnum(prev) || prev == '+' || prev == '_' {
        return Start::No;
    }
    let p = start - prev.len_utf8();
    // `12.345…` / `2024-0001…` / `12/03…` / `FAC-2024…`: the tail of something else.
    if matches!(prev, '.' | '-' | '/' | '\u{2010}' | '\u{2011}' | '\u{2013}')
        && prev_char(text, p).is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Start::No;
    }
    // `0,295…`: a decimal part. A comma after a word or a long number is a CSV cell.
    if prev == ',' && short_number_before(b, p) {
        return Start::No;
    }
    if space_len(b, p).is_some() {
        // What is before the space?
        match prev_char(text, p) {
            Some(c) if c.is_ascii_digit() => return Start::AfterNumber,
            Some('-' | '\u{2013}') => {
                // `12 - 1 85 …`: a spaced dash after a number.
                let q = p - prev_char(text, p).map_or(1, char::len_utf8);
                if space_len(b, q.saturating_sub(1)).is_some()
                    && prev_char(text, q.saturating_sub(1)).is_some_and(|c| c.is_ascii_digit())
                {
                    return Start::AfterNumber;
                }
            }
            _ => {}
        }
    }
    Start::Clean
}

/// `char::is_alphanumeric` without the Unicode table lookup for ASCII and for the
/// spaces, dashes and invisible characters written inside numbers (U+00A0, U+00AD,
/// General Punctuation U+2000–U+206F, U+2212, U+3000, U+FEFF), the usual neighbours
/// of a number.
#[inline]
pub(crate) fn alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        // No letter or digit in General Punctuation (every Unicode space, dash and
        // invisible joiner); answering without the slow Unicode table lookup keeps
        // text full of such separators fast.
        '\u{a0}' | '\u{ad}' | '\u{2000}'..='\u{206f}' | '\u{2212}' | '\u{3000}' | '\u{feff}' => {
            false
        }
        _ => c.is_alphanumeric(),
    }
}

/// The character before byte `i`, decoding only when it is not ASCII.
#[inline]
fn prev_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i.checked_sub(1)?) {
        Some(&c) if c < 0x80 => Some(char::from(c)),
        _ => char_before(text, i),
    }
}

/// True when the bytes before `p` are a number of at most three digits that starts a
/// token (`0,` / `12,` / `1 234,`: the integer part of a decimal).
fn short_number_before(b: &[u8], p: usize) -> bool {
    let digits = b[..p]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=3).contains(&digits)
}

/// Words that make a number a reference rather than an identifier of a person (order,
/// invoice, parcel, product, file numbers), folded.
const REFERENCE_WORDS: Words = Words::new(&[
    "commande",
    "facture",
    "reference",
    "ref",
    "ref.",
    "suivi",
    "colis",
    "dossier",
    "contrat",
    "ticket",
    "serie",
    "lot",
    "ean",
    "isbn",
    "gtin",
    "imei",
    "code-barres",
    "code barre",
    "transaction",
    "bordereau",
    "recepisse",
    "affaire",
    "rg",
    "parquet",
]);

/// True when a reference word comes shortly before `pos`: without a positive label,
/// a weakly checked number (Luhn, 1 in 10) there is not reported.
pub(crate) fn reference_before(text: &str, pos: usize) -> bool {
    context_before(text, pos, 32, &REFERENCE_WORDS)
}

/// Luhn check over ASCII digits.
#[inline]
pub(crate) fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &c) in d.iter().rev().enumerate() {
        let mut v = u32::from(c.wrapping_sub(b'0'));
        if v > 9 {
            return false;
        }
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !d.is_empty() && sum % 10 == 0
}

/// The ASCII digits as an integer (up to 19 digits), `None` for a non-digit.
#[inline]
pub(crate) fn to_u64(d: &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for &c in d {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(n)
}

/// Remainder mod 97 of a string of ASCII digits and letters, letters counting as two
/// digits (A = 10 … Z = 35), as in ISO 7064 mod 97-10. `None` for another byte.
#[inline]
pub(crate) fn mod97(s: &[u8]) -> Option<u32> {
    // Eight symbols (at most 16 decimal digits) are added to a remainder below 97
    // before each reduction: 97 * 10^16 fits in a u64. No branch per symbol.
    let mut r = 0u64;
    for chunk in s.chunks(8) {
        for &c in chunk {
            let (v, scale) = match c {
                b'0'..=b'9' => (u64::from(c - b'0'), 10),
                b'A'..=b'Z' => (u64::from(c - b'A') + 10, 100),
                _ => return None,
            };
            r = r * scale + v;
        }
        r %= 97;
    }
    Some(r as u32)
}

/// True when all bytes are the same digit (`000000000`, a placeholder).
#[inline]
pub(crate) fn all_same(d: &[u8]) -> bool {
    d.iter().all(|&c| c == d[0])
}

/// True when the folded text just before `pos` (up to `window` bytes) contains one of
/// the `words` (lower-case ASCII, no accents) as a whole word.
#[inline]
pub(crate) fn context_before(text: &str, pos: usize, window: usize, words: &Words) -> bool {
    let mut f = Folded::EMPTY;
    f.fold(window_before(text, pos, window));
    f.has_word(words)
}

/// True when the folded text just after `pos` (up to `window` bytes) contains one of
/// the `words` as a whole word.
#[inline]
pub(crate) fn context_after(text: &str, pos: usize, window: usize, words: &Words) -> bool {
    let mut f = Folded::EMPTY;
    f.fold(window_after(text, pos, window));
    f.has_word(words)
}

/// A short window of text folded to ASCII on the stack: lower case, French accents
/// removed, typographic apostrophes to `'`, other letters to a placeholder byte
/// (0x80), other characters to a space. Matching context words on it is a few byte
/// comparisons, without the per-character folding of `text::has_word_folded`.
struct Folded {
    buf: [u8; 160],
    len: usize,
}

impl Folded {
    /// Nothing folded yet.
    const EMPTY: Folded = Folded {
        buf: [0; 160],
        len: 0,
    };

    /// Folds `s` into an empty buffer (in place: the caller's buffer is not copied
    /// on return, as a returned `Folded` would be).
    fn fold(&mut self, s: &str) {
        let f = self;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // One byte is always kept free (room for `oe`/`ae`), as for every character.
            if f.len + 2 > f.buf.len() {
                break;
            }
            // A run of ASCII, copied and lower-cased in bulk.
            let room = f.buf.len() - 1 - f.len;
            let run = copy_lower_ascii(&mut f.buf[f.len..f.len + room], &b[i..]);
            if run > 0 {
                f.len += run;
                i += run;
                continue;
            }
            // `i` is on a character boundary. A Latin-1 letter folding to one ASCII
            // letter (`é`, `À`, `ç`…: two bytes, 0xC3 then 0x80..=0xBF) from a table.
            if b[i] == 0xC3 {
                if let Some(&x) = b.get(i + 1) {
                    let folded = LATIN1_FOLD[usize::from(x & 0x3F)];
                    if x & 0xC0 == 0x80 && folded != 0 {
                        f.buf[f.len] = folded;
                        f.len += 1;
                        i += 2;
                        continue;
                    }
                }
            }
            // Only whole characters are consumed.
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if ('\u{300}'..='\u{36f}').contains(&c) {
                continue;
            }
            match fold_char(c) {
                'œ' => f.push2(b"oe"),
                'æ' => f.push2(b"ae"),
                d if d.is_ascii() => {
                    f.buf[f.len] = d as u8;
                    f.len += 1;
                }
                d => {
                    f.buf[f.len] = if d.is_alphanumeric() { 0x80 } else { b' ' };
                    f.len += 1;
                }
            }
        }
    }

    fn push2(&mut self, two: &[u8; 2]) {
        self.buf[self.len..self.len + 2].copy_from_slice(two);
        self.len += 2;
    }

    fn has_word(&self, words: &Words) -> bool {
        let b = &self.buf[..self.len];
        let is_word = |c: u8| WORD_BYTE[usize::from(c)];
        let matches_at = |i: usize, w: &[u8]| {
            // Byte by byte (most compares stop at the first or second byte), not a
            // call to `memcmp`.
            let Some(at) = b.get(i..i + w.len()) else {
                return false;
            };
            if at.iter().zip(w).any(|(x, y)| x != y) {
                return false;
            }
            let end = i + w.len();
            !is_word(w[w.len() - 1]) || end == b.len() || !is_word(b[end])
        };
        // `i` is always a position where a word may start: 0, or after a byte that
        // is not a word byte.
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if words.may_start(c, b.get(i + 1).copied().unwrap_or(0)) {
                for w in words.starting_with(c) {
                    if matches_at(i, w.as_bytes()) {
                        return true;
                    }
                }
            }
            if is_word(c) {
                // The rest of this word, then the byte after it (preceded by a word
                // byte): no word starts there.
                i += 1;
                while i < b.len() && is_word(b[i]) {
                    i += 1;
                }
            }
            i += 1;
        }
        false
    }
}

/// A list of context words (lower-case ASCII, no accents), with a filter on their
/// first two bytes computed at compile time: most word starts of a window match no
/// word's first two bytes, and are rejected by one bit test.
pub(crate) struct Words {
    list: &'static [&'static str],
    /// Bit [`pair`] of each word's first two bytes (every bit when a word has only
    /// one byte).
    pairs: [u64; 4],
    /// For each byte, bit k set when word k starts with it.
    by_first: [u64; 256],
}

/// A hash of two bytes, 0..256.
#[inline]
const fn pair(a: u8, b: u8) -> usize {
    (a as usize * 7 + b as usize) & 255
}

impl Words {
    /// The words, which must not be empty.
    pub(crate) const fn new(list: &'static [&'static str]) -> Words {
        assert!(list.len() <= 64, "at most 64 words");
        let mut pairs = [0u64; 4];
        let mut by_first = [0u64; 256];
        let mut k = 0;
        while k < list.len() {
            let w = list[k].as_bytes();
            by_first[w[0] as usize] |= 1 << k;
            if w.len() < 2 {
                pairs = [u64::MAX; 4];
            } else {
                let p = pair(w[0], w[1]);
                pairs[p >> 6] |= 1 << (p & 63);
            }
            k += 1;
        }
        Words {
            list,
            pairs,
            by_first,
        }
    }

    /// The words that start with the byte `first`, in list order.
    #[inline]
    pub(crate) fn starting_with(&self, first: u8) -> impl Iterator<Item = &'static str> + '_ {
        let mut bits = self.by_first[usize::from(first)];
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            Some(self.list[k])
        })
    }

    /// False when no word starts with the bytes `a`, `b`.
    #[inline]
    pub(crate) fn may_start(&self, a: u8, b: u8) -> bool {
        let p = pair(a, b);
        self.pairs[p >> 6] & (1 << (p & 63)) != 0
    }
}

/// [`fold_char`] of U+00C0 + k, for the letters that fold to one ASCII letter; 0 for
/// the others (`æ`, `ß`, `×`…), which take the general path.
static LATIN1_FOLD: [u8; 64] =
    *b"aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";

/// Word bytes of a [`Folded`] buffer: ASCII letters and digits, and the placeholder
/// 0x80 for other letters.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c == 0x80;
        c += 1;
    }
    t
};

/// Copies the ASCII prefix of `src` (at most `dst.len()` bytes) into `dst`,
/// lower-cased, eight bytes at a time; returns its length. Up to seven bytes of
/// `dst` after the prefix may be overwritten too.
#[inline]
fn copy_lower_ascii(dst: &mut [u8], src: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let n = dst.len().min(src.len());
    let mut i = 0;
    while i + 8 <= n {
        let w = u64::from_le_bytes(src[i..i + 8].try_into().expect("8 bytes"));
        // High bit where the byte is `A`..=`Z`. A carry out of a byte (from a byte of
        // 0x80 and up) only spoils the bytes after it: the ASCII bytes before the
        // first non-ASCII one are right.
        let upper = w.wrapping_add(LO * (0x80 - 0x41)) & !w.wrapping_add(LO * (0x80 - 0x5b)) & HI;
        dst[i..i + 8].copy_from_slice(&(w | (upper >> 2)).to_le_bytes());
        let non_ascii = w & HI;
        if non_ascii != 0 {
            // The bytes written past the ASCII ones are not counted (the caller
            // overwrites them or ignores them).
            return i + non_ascii.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < n && src[i].is_ascii() {
        dst[i] = src[i].to_ascii_lowercase();
        i += 1;
    }
    i
}

/// True when an amount's currency follows `pos` (`€`, `EUR`, `euros`, `$`): the
/// number is a sum of money.
pub(crate) fn currency_after(text: &str, pos: usize) -> bool {
    let rest = window_after(text, pos, 12);
    let rest = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
    if rest.starts_with(['€', '$', '£']) {
        return true;
    }
    ["euros", "euro", "eur"].iter().any(|w| {
        super::prefix_folded_len(rest, w)
            .is_some_and(|n| !char_at(rest, n).is_some_and(char::is_alphanumeric))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn alnum_agrees_with_the_standard_library() {
        let chars = ('\0'..='\u{3100}').chain('\u{fe00}'..='\u{ffff}');
        for c in chars {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{:?}", c);
        }
    }

    use super::*;

    fn w(text: &str, max: usize, seps: Seps) -> (Vec<u8>, Vec<Gap>) {
        let w = Walk::read(text.as_bytes(), 0, max, seps, |_, _, _| false);
        (w.sym[..w.len].to_vec(), w.gap[..w.len].to_vec())
    }

    #[test]
    fn walks_numbers_as_written() {
        assert_eq!(w("1 85 05", 40, ALL).0, b"18505");
        assert_eq!(w("1\u{a0}85\u{202f}05", 40, SPACES).0, b"18505");
        assert_eq!(w("552.008.443", 40, SPACES).0, b"552");
        assert_eq!(w("552.008.443", 40, PUNCT).0, b"552008443");
        assert_eq!(w("020 - 53", 40, PUNCT).0, b"020");
        assert_eq!(w("020 - 53", 40, ALL).0, b"02053");
        assert_eq!(w("020 – 53", 40, ALL).1[3], Gap::SpacedDash);
        assert_eq!(w("12  34", 40, ALL).0, b"12");
        assert_eq!(w("12 -34", 40, ALL).0, b"12");
        assert_eq!(w("12. Le", 40, ALL).0, b"12");
        let walk = Walk::read(b"123456", 0, 4, ALL, |_, _, _| false);
        assert!(walk.overflow && walk.len == 4);
        let walk = Walk::read(b"1234 56", 0, 4, ALL, |_, _, _| false);
        assert!(!walk.overflow && walk.len == 4);
    }

    #[test]
    fn chains_of_runs_count_what_a_walk_reads() {
        let alphabet: &[&str] = &[
            "1", "23", "456", " ", ".", "-", "\u{2013}", "\u{a0}", "\u{202f}", "a", ",", " - ",
            "\t",
        ];
        let mut rng = crate::testrng::Lcg(3);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..14 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = crate::detect::Scan::new(&t, Vec::new());
            for (i, &(s, _)) in scan.digit_runs.iter().enumerate() {
                for seps in [SPACES, PUNCT, ALL] {
                    for cap in [1, 5, 9, 12, 13] {
                        let w = Walk::read(t.as_bytes(), s, cap, seps, |_, _, _| false);
                        assert_eq!(chain_digits(&scan, i, seps, cap).min(cap), w.len, "{t:?}");
                    }
                    for (at, min) in [(9, 14), (5, 12), (2, 3)] {
                        let w = Walk::read(t.as_bytes(), s, min, seps, |_, _, _| false);
                        let oracle =
                            w.len >= min || w.len == at || (w.len > at && w.gap[at] != Gap::None);
                        assert_eq!(
                            chain_ends_at_or_reaches(&scan, i, seps, at, min),
                            oracle,
                            "{t:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn latin1_table_folds_as_fold_char() {
        for k in 0..64u32 {
            let c = char::from_u32(0xC0 + k).expect("a char");
            let t = LATIN1_FOLD[k as usize];
            if t != 0 {
                assert_eq!(fold_char(c), char::from(t), "{c}");
            } else {
                assert!(!fold_char(c).is_ascii_lowercase() || c == 'ÿ', "{c}");
            }
        }
    }

    #[test]
    fn token_ends() {
        let t = "1 234 567,89 €";
        let walk = Walk::read(t.as_bytes(), 0, 40, ALL, |_, _, _| false);
        assert!(!walk.ends_token(t, walk.len));
        assert!(walk.ends_token(t, 4)); // `1 234` then a space
        assert!(!walk.ends_token(t, 3)); // inside `234`
        let t = "185057800608436,0612345678";
        let walk = Walk::read(t.as_bytes(), 0, 40, ALL, |_, _, _| false);
        assert!(walk.ends_token(t, 15));
        let t = "552008443abc";
        let walk = Walk::read(t.as_bytes(), 0, 40, ALL, |_, _, _| false);
        assert!(!walk.ends_token(t, 9));
        let mut g = [0; 24];
        let t = "732 829 320 00074";
        let walk = Walk::read(t.as_bytes(), 0, 40, ALL, |_, _, _| false);
        let k = walk.groups(14, &mut g);
        assert_eq!(&g[..k], &[3, 3, 3, 5]);
    }

    #[test]
    fn starts() {
        assert_eq!(start_kind("n° 123", 4), Start::Clean);
        assert!(can_reach(b"12 34", 0, 2, 9, SPACES, false));
        assert!(!can_reach(b"12/34", 0, 2, 9, ALL, false));
        assert!(!can_reach(b"75011 Paris", 0, 5, 9, ALL, false));
        assert!(can_reach(b"253072B07", 0, 6, 13, ALL, true));
        assert!(can_reach(b"552008443", 0, 9, 9, SPACES, false));
        assert!(!can_reach(b"12", 0, 2, 9, ALL, false));
        assert_eq!(start_kind("a123", 1), Start::No);
        assert_eq!(start_kind("12,345", 3), Start::No);
        assert_eq!(start_kind("Dupont,185", 7), Start::Clean);
        assert_eq!(start_kind("0612345678,185", 11), Start::Clean);
        assert_eq!(start_kind("FAC-2024", 4), Start::No);
        assert_eq!(start_kind("+33 6", 1), Start::No);
        assert_eq!(start_kind("12 345", 3), Start::AfterNumber);
        assert_eq!(start_kind("(123", 1), Start::Clean);
        assert_eq!(start_kind("é123", 2), Start::No);
        for (t, i) in [
            ("a123", 1),
            ("+33 6", 1),
            ("x_1", 2),
            ("12 345", 3),
            ("9 1", 2),
            ("n° 123", 4),
            ("(123", 1),
            ("12,345", 3),
            ("123", 0),
            ("12.03.1985", 3),
            ("06-12", 3),
            ("12/03", 3),
            ("FAC-2024", 4),
            (" .5", 2),
            ("x -1", 3),
        ] {
            if let Some(k) = quick_start(t.as_bytes(), i) {
                assert_eq!(k, start_kind(t, i), "{t}");
            }
        }
        assert_eq!(quick_start(b"12 345", 3), Some(Start::AfterNumber));
        assert_eq!(quick_start(b"(123", 1), None);
    }

    fn mod97_slow(s: &[u8]) -> u32 {
        s.iter().fold(0, |r, &c| match c {
            b'0'..=b'9' => (r * 10 + u32::from(c - b'0')) % 97,
            _ => (r * 100 + u32::from(c - b'A') + 10) % 97,
        })
    }

    #[test]
    fn checks() {
        assert!(luhn(b"4242424242424242"));
        assert!(!luhn(b"4242424242424241"));
        assert!(luhn(b"552008443"));
        assert!(!luhn(b"55200844a"));
        assert!(!luhn(b""));
        assert_eq!(mod97(b"30006000011234567890189FR76"), Some(1));
        assert_eq!(mod97(b"a"), None);
        assert_eq!(
            mod97(b"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"),
            Some(mod97_slow(b"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"))
        );
        for s in [
            &b"99999999999999999999999999999999"[..],
            b"9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z",
            b"1",
            b"",
        ] {
            assert_eq!(mod97(s), Some(mod97_slow(s)));
        }
        assert_eq!(to_u64(b"0123"), Some(123));
        assert_eq!(to_u64(b"99999999999999999999"), None);
        assert!(all_same(b"000000000") && !all_same(b"000000001"));
        assert!(currency_after("123 456 789 € TTC", 11));
        assert!(currency_after("123 456 789 euros", 11));
        assert!(!currency_after("123 456 789 est", 11));
    }

    #[test]
    fn ascii_lower_copy() {
        let src: Vec<u8> = (0..=255u8)
            .chain(b"AZaz@[`{ MIXED Case 09".iter().copied())
            .collect();
        for start in 0..src.len() {
            for room in [0, 3, 8, 17, 200] {
                let mut dst = vec![0u8; room];
                let n = copy_lower_ascii(&mut dst, &src[start..]);
                let expect = src[start..]
                    .iter()
                    .take(room)
                    .take_while(|c| c.is_ascii())
                    .count();
                assert_eq!(n, expect);
                assert_eq!(dst[..n], src[start..start + n].to_ascii_lowercase()[..]);
            }
        }
    }

    #[test]
    fn folded_context() {
        let t = "N° de Sécurité sociale : ";
        assert!(context_before(
            t,
            t.len(),
            64,
            &Words::new(&["securite sociale"])
        ));
        assert!(!context_before(
            t,
            t.len(),
            64,
            &Words::new(&["securite socia"])
        ));
        assert!(!context_before(
            t,
            t.len(),
            64,
            &Words::new(&["ecurite sociale"])
        ));
        assert!(context_before(
            "R.C.S. Paris",
            12,
            64,
            &Words::new(&["r.c.s."])
        ));
        assert!(context_before(
            "Œuvre d’art",
            "Œuvre d’art".len(),
            64,
            &Words::new(&["oeuvre d'art"])
        ));
        assert!(!context_before("naïssance", 10, 64, &Words::new(&["na"])));
        assert!(context_after("x 552 RCS", 5, 24, &Words::new(&["rcs"])));
        let long = "é".repeat(200);
        assert!(!context_before(&long, long.len(), 300, &Words::new(&["e"])));
        assert!(context_before(
            &format!("{long} e"),
            long.len() + 2,
            300,
            &Words::new(&["e"])
        ));
    }
}
