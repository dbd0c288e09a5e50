//! BIRTH_DATE: a date, in any common French form, that the context says is a date of
//! birth.
//!
//! Dates are parsed from `Scan::digit_runs`: `12/03/1985`, `12-03-1985`, `12.03.1985`,
//! `12 03 1985`, `12/03/85`, `1985-03-12`, `12 mars 1985`, `1er mars 1985`,
//! `12 mar. 1985`, `12 MARS 1985`, and, after `né(e) en` or a birth label, a month and
//! year (`mars 1985`) or a year alone (`1985`). The calendar is checked (no 31/02, 29/02
//! only in leap years, years 1880–2030 when written with four digits).
//!
//! A date is reported only when one of these says it is a birth date:
//! - a *born* word right before it: `né le`, `née le`, `né(e) le`, `Né le :`, `NÉE LE`,
//!   `né à Lyon (69) le`, `née Martin le`, `né en`, `born`; the words between are
//!   limited to a place (`à …`, `au …`, `en …`), a maiden name, a weekday;
//! - a birth label shortly before it, with nothing but punctuation and a few label
//!   words between: `date de naissance :`, `Date et lieu de naissance`, `DN :`,
//!   `DDN`, `naissance :`, `date_naissance": "`, `date of birth`, `DOB`; labels
//!   followed by an issuing verb (`acte de naissance établi le …`) do not count;
//! - a delimited table (CSV `;`, `,`, tab, `|`) whose header cell for the date's column
//!   names a birth date (`date_naissance`, `Date de naissance`, `DDN`, `birth`).
//!
//! The span is the date alone (no `le`, no weekday).

use super::prefix_folded_len;
use super::space_len;
use super::{Detector, Scan};
use crate::text::fold_char;
use crate::{Finding, Kind, Reason};

pub(crate) struct BirthDateDetector;

impl BirthDateDetector {
    pub(crate) fn new() -> BirthDateDetector {
        BirthDateDetector
    }
}

/// Month names and abbreviations (folded), longest first where one is a prefix of
/// another, with the month number.
const MONTHS: &[(&str, u8)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Born words (folded). Matched as whole words.
const BORN: &[&str] = &[
    "ne(e)", "ne(e)s", "ne-e", "ne·e", "nee", "nes", "nees", "ne", "born",
];

/// Birth labels (folded). Matched as whole words.
const LABELS: &[&str] = &[
    "naissance",
    "naiss.",
    "naiss",
    "datenaissance",
    "datenaiss",
    "datenais",
    "date_naissance",
    "ddn",
    "dn",
    "d.n.",
    "birth",
    "birthdate",
    "birthday",
    "dateofbirth",
    "dob",
    "d.o.b.",
    "date of birth",
];

/// Words that, between a label and a date, make the date something else (issue date
/// of a birth certificate…). Folded, matched as word prefixes.
const LABEL_STOP: &[&str] = &[
    "delivr",
    "etabli",
    "emis",
    "fait",
    "sign",
    "enregistr",
    "transcri",
    "redig",
    "expir",
    "valable",
    "depuis",
    "jusqu",
    "deces",
    "decede",
    "mariage",
    "marie",
    "recu",
    "envoy",
    "demande",
    "copie",
    "extrait",
    "mis a jour",
    "modifi",
];

#[inline]
fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn valid_date(d: u32, m: u32, y: Option<u32>) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let max = match m {
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= max
}

fn num(b: &[u8]) -> u32 {
    b.iter().fold(0, |a, &d| a * 10 + u32::from(d - b'0'))
}

/// Year from a 2- or 4-digit run; four-digit years must be plausible birth years.
fn year(b: &[u8]) -> Option<Option<u32>> {
    match b.len() {
        2 => Some(None),
        4 => {
            let y = num(b);
            (1880..=2030).contains(&y).then_some(Some(y))
        }
        _ => None,
    }
}

/// True when the character before `i` is a word character (glued token).
#[inline(always)]
fn word_before(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => false,
        Some(c) if c < 0x80 => c.is_ascii_alphanumeric() || c == b'_',
        Some(_) => alnum_before(text, i),
    }
}

#[inline(never)]
fn alnum_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

#[inline(always)]
fn word_after(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric() || c == b'_',
        Some(_) => alnum_at(text, i),
    }
}

#[inline(never)]
fn alnum_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Skips spaces (ASCII, no-break, narrow) starting at `i`; at most 3.
#[inline]
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    for _ in 0..3 {
        match space_len(b, i) {
            Some(l) => i += l,
            None => break,
        }
    }
    i
}

/// True when `key` is the first three letters of one of [`MONTHS`].
#[inline]
/// The entries of [`MONTHS`] whose first three letters are `key`, in table order.
fn month_range(key: [char; 3]) -> Option<std::ops::Range<usize>> {
    Some(match key {
        ['j', 'a', 'n'] => 0..3,
        ['f', 'e', 'v'] => 3..6,
        ['m', 'a', 'r'] => 6..8,
        ['a', 'v', 'r'] => 8..10,
        ['m', 'a', 'i'] => 10..11,
        ['j', 'u', 'i'] => 11..14,
        ['a', 'o', 'u'] => 14..15,
        ['s', 'e', 'p'] => 15..18,
        ['o', 'c', 't'] => 18..20,
        ['n', 'o', 'v'] => 20..22,
        ['d', 'e', 'c'] => 22..24,
        _ => return None,
    })
}

/// A month name starting at byte `i`: (month, end offset, after an optional `.`).
fn month_at(text: &str, i: usize) -> Option<(u8, usize)> {
    let rest = text.get(i..)?;
    // An ASCII first byte is the first letter, lower-cased: most are no month's.
    if let Some(&c) = rest.as_bytes().first() {
        if c.is_ascii()
            && !matches!(
                c.to_ascii_lowercase(),
                b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
            )
        {
            return None;
        }
    }
    // The first three letters, folded, select at most three names.
    let mut key = ['\0'; 3];
    match rest.as_bytes() {
        // Three ASCII bytes (the common case): folding is lower-casing.
        [a, b, c, ..] if (a | b | c) < 0x80 => {
            key = [a, b, c].map(|&x| char::from(x.to_ascii_lowercase()));
        }
        _ => {
            // Combining marks (NFD accents: `fe\u{301}vrier`) are skipped.
            let letters = rest
                .chars()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c));
            for (k, c) in letters.take(3).enumerate() {
                key[k] = fold_char(c);
            }
        }
    }
    for &(name, m) in &MONTHS[month_range(key)?] {
        if let Some(len) = prefix_folded_len(rest, name) {
            let end = i + len;
            if word_after(text, end) {
                continue;
            }
            let end = if text.as_bytes().get(end) == Some(&b'.') {
                end + 1
            } else {
                end
            };
            return Some((m, end));
        }
    }
    None
}

/// A full date (day, month, year) starting at digit run `i`: (start, end, index of the
/// last run used).
fn parse_date(scan: &Scan<'_>, i: usize) -> Option<(usize, usize, usize)> {
    let text = scan.text;
    let b = scan.bytes();
    let runs = &scan.digit_runs;
    let (s, e) = runs[i];
    if word_before(text, s) {
        return None;
    }
    let len = e - s;
    let sep = *b.get(e)?;
    // Numeric: d/m/y, y-m-d.
    if matches!(sep, b'/' | b'-' | b'.' | b' ') {
        if let (Some(&(s2, e2)), Some(&(s3, e3))) = (runs.get(i + 1), runs.get(i + 2)) {
            if s2 == e + 1 && b[e2] == sep && s3 == e2 + 1 {
                let (l2, l3) = (e2 - s2, e3 - s3);
                let cont = b.get(e3) == Some(&sep) && b.get(e3 + 1).is_some_and(u8::is_ascii_digit);
                let glued_before = s >= 2 && b[s - 1] == sep && b[s - 2].is_ascii_digit();
                // ISO date-time (`1985-03-12T00:00:00Z`): the date part.
                let iso_time = len == 4
                    && b.get(e3) == Some(&b'T')
                    && b.get(e3 + 1).is_some_and(u8::is_ascii_digit);
                if (!word_after(text, e3) || iso_time) && !cont && !glued_before {
                    if (1..=2).contains(&len)
                        && (1..=2).contains(&l2)
                        && (sep != b' ' || (len == 2 && l2 == 2 && l3 == 4))
                    {
                        if let Some(y) = year(&b[s3..e3]) {
                            if valid_date(num(&b[s..e]), num(&b[s2..e2]), y) {
                                return Some((s, e3, i + 2));
                            }
                        }
                    }
                    if len == 4 && l2 == 2 && l3 == 2 && matches!(sep, b'-' | b'/' | b'.') {
                        if let Some(y) = year(&b[s..e]) {
                            if valid_date(num(&b[s3..e3]), num(&b[s2..e2]), y) {
                                return Some((s, e3, i + 2));
                            }
                        }
                    }
                }
            }
        }
    }
    // Long form: 12 mars 1985, 1er mars 1985.
    if (1..=2).contains(&len) {
        // Day 1 (`1` or `01`) may be written `1er`.
        let first = matches!(&b[s..e], b"1" | b"01");
        let mut p = e;
        if first && b[p..].starts_with(b"er") {
            p += 2;
        } else if first && text[p..].starts_with("ᵉʳ") {
            p += "ᵉʳ".len();
        }
        let p2 = skip_spaces(b, p);
        // A month name does not start with a digit (the next number of a list).
        if p2 > p && !b.get(p2).is_some_and(u8::is_ascii_digit) {
            if let Some((m, me)) = month_at(text, p2) {
                let d = num(&b[s..e]);
                let ys = skip_spaces(b, me);
                if ys > me || b.get(me.wrapping_sub(1)) == Some(&b'.') {
                    // The year is the next digit run.
                    let j = i + 1;
                    if let Some(&(s3, e3)) = runs.get(j) {
                        // `3 mars 1980`, and `3 mars 80` (the context decides).
                        if s3 == ys && matches!(e3 - s3, 2 | 4) && !word_after(text, e3) {
                            let y = year(&b[s3..e3])?;
                            if valid_date(d, u32::from(m), y) {
                                return Some((s, e3, j));
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

/// Kind of evidence found before a date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Trigger {
    Born,
    Label,
}

/// The bytes `last_trigger` looks at: `;`, digits, and the first letters of the
/// triggers (`n`, `b`, `d`, either case).
static TRIGGER_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(
            c as u8,
            b';' | b'0'..=b'9' | b'n' | b'N' | b'b' | b'B' | b'd' | b'D'
        );
        c += 1;
    }
    t
};

/// The last trigger word in `window` (whole word): its kind and end offset.
fn last_trigger(window: &str) -> Option<(Trigger, usize)> {
    let wb = window.as_bytes();
    // Every trigger starts with an ASCII n, b or d: walk back over those bytes only.
    // Stop where no gap rule could pass any more: at a `;` (a CSV cell boundary) or
    // past three digits (another number between the trigger and the date).
    let mut digits = 0;
    let mut i = wb.len();
    // Eight bytes at a time: a word holding none of those bytes is skipped whole,
    // and only its flagged bytes are looked at, last first.
    while i >= 8 {
        let w = u64::from_le_bytes(wb[i - 8..i].try_into().expect("8 bytes"));
        let mut m = trigger_flags(w);
        while m != 0 {
            let k = (63 - m.leading_zeros() as usize) / 8;
            m &= !(0xFF << (8 * k));
            if let Some(found) = trigger_at(window, i - 8 + k, &mut digits) {
                return found;
            }
        }
        i -= 8;
    }
    for p in (0..i).rev() {
        if let Some(found) = trigger_at(window, p, &mut digits) {
            return found;
        }
    }
    None
}

/// A superset of the bytes of `w` that [`TRIGGER_BYTE`] holds (`;`, digits, `n`, `b`,
/// `d`, either case): the high bit of each such byte (and maybe of others).
#[inline(always)]
fn trigger_flags(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Lower-cased letters; `;` and digits already have bit 0x20. A byte below
    // `x` after the subtraction borrows: its high bit is set, and maybe those of
    // the bytes above it (a superset, never a byte missed).
    let x = w | (LO * 0x20);
    // 0x30..=0x3b: digits, `:` and `;`.
    let r = x ^ (LO * 0x30);
    let range = r.wrapping_sub(LO * 0x0c) & !r;
    let n = x ^ (LO * b'n' as u64);
    let n = n.wrapping_sub(LO) & !n;
    // `b` and `d` (and the backquote and `f`): 0x60 once bits 0x06 are cleared.
    let bd = (x & !(LO * 0x06)) ^ (LO * 0x60);
    let bd = bd.wrapping_sub(LO) & !bd;
    (range | n | bd) & HI
}

/// Looks at byte `i` of the backward walk of [`last_trigger`]: `Some(answer)` when
/// the walk ends there (a trigger, or a reason to stop), `None` to go on.
#[inline(always)]
fn trigger_at(window: &str, i: usize, digits: &mut u32) -> Option<Option<(Trigger, usize)>> {
    let wb = window.as_bytes();
    // Most bytes are none of `;`, a digit or a trigger's first letter.
    if !TRIGGER_BYTE[usize::from(wb[i])] {
        return None;
    }
    match wb[i] {
        b';' => return Some(None),
        b'0'..=b'9' => {
            *digits += 1;
            return (*digits > 3).then_some(None);
        }
        _ => {}
    }
    let f = wb[i].to_ascii_lowercase();
    // Second byte of every trigger: né/ne/nai…, born/birth, ddn/dn/d.n./date/dob.
    let second = wb.get(i + 1).map_or(0, u8::to_ascii_lowercase);
    let plausible = match f {
        b'n' => matches!(second, b'e' | b'a' | 0xC3),
        b'b' => matches!(second, b'o' | b'i'),
        b'd' => matches!(second, b'd' | b'n' | b'.' | b'a' | b'o'),
        _ => false,
    };
    if !plausible || word_before(window, i) {
        return None;
    }
    trigger_word_at(window, i, f, second).map(Some)
}

/// The first of [`BORN`], then [`LABELS`], that starts with `f` and matches at `i`
/// as a whole word. `second` is the byte after `f`, lower-cased: an ASCII one that
/// is not the word's second letter rules the word out (every word has two letters
/// or more).
#[inline(never)]
fn trigger_word_at(window: &str, i: usize, f: u8, second: u8) -> Option<(Trigger, usize)> {
    for (list, kind) in [(BORN, Trigger::Born), (LABELS, Trigger::Label)] {
        for w in list {
            let wb = w.as_bytes();
            if wb[0] != f || (second < 0x80 && wb[1] != second) {
                continue;
            }
            if let Some(len) = prefix_folded_len(&window[i..], w) {
                let end = i + len;
                let last_alnum = w.chars().next_back().is_some_and(char::is_alphanumeric);
                if last_alnum && word_after(window, end) {
                    continue;
                }
                return Some((kind, end));
            }
        }
    }
    None
}

fn words(gap: &str) -> impl Iterator<Item = &str> {
    gap.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | ',' | '"' | '\'' | '=' | '|' | '-' | '–' | '\u{2019}'
            )
    })
    .filter(|w| !w.is_empty())
}

/// The words of `gap` in a stack buffer (no allocation); `None` when there are more
/// than the buffer holds.
fn words_into<'a, 'b>(gap: &'a str, buf: &'b mut [&'a str]) -> Option<&'b [&'a str]> {
    let mut n = 0;
    for w in words(gap) {
        *buf.get_mut(n)? = w;
        n += 1;
    }
    Some(&buf[..n])
}

fn is_word(w: &str, folded: &str) -> bool {
    prefix_folded_len(w, folded) == Some(w.len())
}

/// The words between a born word and the date are a place, a maiden name, a weekday,
/// `le`/`en`.
fn born_gap_ok(gap: &str) -> bool {
    if gap.len() > 70 || (gap.contains(['.', ';', '!', '?']) && !gap.contains("St.")) {
        return false;
    }
    if gap.bytes().filter(u8::is_ascii_digit).count() > 3 {
        return false;
    }
    let mut buf = [""; 12];
    let Some(ws) = words_into(gap, &mut buf) else {
        return false;
    };
    let mut n = ws.len();
    // Trailing: weekday, then le / en / l'.
    if n > 0 && WEEKDAYS.iter().any(|d| is_word(ws[n - 1], d)) {
        n -= 1;
    }
    if n > 0
        && (is_word(ws[n - 1], "on")
            || is_word(ws[n - 1], "le")
            || is_word(ws[n - 1], "en")
            || is_word(ws[n - 1], "l"))
    {
        n -= 1;
    } else if n == ws.len() && n > 0 {
        // No `le`: the date follows the born word or a label colon directly.
        return is_word(ws[0], "(e)") && n == 1;
    }
    let head = &ws[..n];
    match head.first() {
        None => true,
        Some(w) if is_word(w, "(e)") && n == 1 => true,
        Some(w)
            if ["a", "au", "aux", "en", "dans", "(e)"]
                .iter()
                .any(|p| is_word(w, p)) =>
        {
            n <= 8
        }
        // Maiden name: one to three capitalised words.
        Some(_) => {
            n <= 3
                && head
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        }
    }
}

/// Between a birth label and the date: punctuation and a few words, no issue verb.
fn label_gap_ok(gap: &str) -> bool {
    if gap.len() > 48 || gap.contains(';') || gap.contains("\n\n") {
        return false;
    }
    if gap.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if let Some(p) = gap.find(". ") {
        if gap[p + 2..].chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    let ws = words(gap);
    let mut count = 0;
    for w in ws {
        count += 1;
        if LABEL_STOP.iter().any(|s| prefix_folded_len(w, s).is_some()) {
            return false;
        }
    }
    count <= 6
}

/// Per-text cache for the table-header check: the current block of lines and the
/// birth column found in its header.
#[derive(Default)]
struct TableCache {
    /// Start of the block (first line).
    block_start: usize,
    /// No blank line between `block_start` and `scanned_to`.
    scanned_to: usize,
    valid: bool,
    /// Birth columns of the block's header for `delim` (bit per column, first 64).
    /// Header of the block for each of `DELIMS`: (header line start, birth columns).
    headers: [Option<(usize, u64)>; 4],
    /// Row cursor: delimiters counted in `[row_start, row_pos)`, so that the column of
    /// successive dates on one long line costs amortised linear time, not quadratic.
    row_start: usize,
    row_pos: usize,
    row_cols: [u32; 4],
    /// The last header line read (start, end, delimiter) and its birth columns: the
    /// blocks of a text often repeat one table header.
    last_header: Option<(usize, usize, u8, u64)>,
}

impl TableCache {
    /// Start of the line holding `s` and the delimiter counts before `s` on it.
    fn row(&mut self, b: &[u8], s: usize) -> (usize, [u32; 4]) {
        if self.row_pos > s {
            // Not in text order (rare): start over from the line.
            self.row_start = memchr::memrchr(b'\n', &b[..s]).map_or(0, |p| p + 1);
            self.row_pos = self.row_start;
            self.row_cols = [0; 4];
        }
        let mut from = self.row_pos;
        if let Some(p) = memchr::memrchr(b'\n', &b[from..s]) {
            self.row_start = from + p + 1;
            self.row_cols = [0; 4];
            from = self.row_start;
        }
        for &c in &b[from..s] {
            // The index of `c` in `DELIMS`.
            let k = match c {
                b';' => 0,
                b',' => 1,
                b'\t' => 2,
                b'|' => 3,
                _ => continue,
            };
            self.row_cols[k] += 1;
        }
        self.row_pos = s;
        (self.row_start, self.row_cols)
    }
}

const DELIMS: &[u8] = b";,\t|";

fn cell_delim(b: &[u8], s: usize, e: usize) -> Option<u8> {
    let mut i = s;
    while i > 0 && matches!(b[i - 1], b' ' | b'"' | b'\'') {
        i -= 1;
    }
    let before = if i == 0 { b'\n' } else { b[i - 1] };
    let mut j = e;
    while j < b.len() && matches!(b[j], b' ' | b'"' | b'\'') {
        j += 1;
    }
    let after = if j >= b.len() { b'\n' } else { b[j] };
    let after = if after == b'\r' { b'\n' } else { after };
    match (before, after) {
        (x, y) if DELIMS.contains(&x) && (y == x || y == b'\n') => Some(x),
        (b'\n', y) if DELIMS.contains(&y) => Some(y),
        _ => None,
    }
}

/// True when the date at `[s, e)` is in a delimited table whose header names a birth
/// date for its column.
fn in_birth_column(text: &str, s: usize, e: usize, cache: &mut TableCache) -> bool {
    let b = text.as_bytes();
    let Some(delim) = cell_delim(b, s, e) else {
        return false;
    };
    let k = DELIMS.iter().position(|&d| d == delim).unwrap_or(0);
    let (line_start, cols) = cache.row(b, s);
    let col = cols[k] as usize;
    // Find the block (contiguous non-blank lines) start, with the cache.
    let same_block = cache.valid
        && cache.scanned_to <= line_start
        && cache.block_start <= cache.scanned_to
        && !has_blank_line(&b[cache.scanned_to..line_start]);
    if !same_block {
        cache.block_start = block_start(b, line_start);
        cache.valid = true;
        cache.headers = [None; 4];
    }
    let (header_start, birth_cols) = *cache.headers[k].get_or_insert_with(|| {
        header_birth_cols(text, cache.block_start, delim, &mut cache.last_header)
    });
    cache.scanned_to = line_start;
    header_start < line_start && col < 64 && birth_cols & (1 << col) != 0
}

/// The columns of the header line starting at `hs` whose cell names a birth date.
fn header_birth_cols(
    text: &str,
    mut hs: usize,
    delim: u8,
    last: &mut Option<(usize, usize, u8, u64)>,
) -> (usize, u64) {
    let b = text.as_bytes();
    let mut he = memchr::memchr(b'\n', &b[hs..]).map_or(b.len(), |p| hs + p);
    // The header is the block's first line holding the delimiter (a title or a
    // sentence may come first, with no blank line before the table).
    for _ in 0..8 {
        if memchr::memchr(delim, &b[hs..he]).is_some() || he >= b.len() {
            break;
        }
        hs = he + 1;
        he = memchr::memchr(b'\n', &b[hs..]).map_or(b.len(), |p| hs + p);
    }
    // The same line as the last header read: the same columns.
    if let Some((ls, le, ld, cols)) = *last {
        if ld == delim && b[ls..le] == b[hs..he] {
            return (hs, cols);
        }
    }
    let mut cols = 0u64;
    for (k, cell) in text[hs..he].split(delim as char).enumerate().take(64) {
        if header_names_birth(cell) {
            cols |= 1 << k;
        }
    }
    *last = Some((hs, he, delim, cols));
    (hs, cols)
}

/// The header words of [`header_names_birth`] (lower-case ASCII, matched ignoring
/// ASCII case); the last two only say that a born phrase may follow.
const HEADER_WORDS: [&[u8]; 6] = [b"naiss", b"birth", b"dob", b"ddn", b"(e)", b" le"];

/// True when a header cell (with no digit) names a birth date: one pass over the
/// cell, trying only the header words that start with each byte.
fn header_names_birth(cell: &str) -> bool {
    let cb = cell.as_bytes();
    // Bit k: `HEADER_WORDS[k]` occurs.
    let mut found = 0u8;
    for (p, &c) in cb.iter().enumerate() {
        let mut ks = HEADER_FIRST[usize::from(c)];
        if ks == 0 {
            continue;
        }
        if ks == DIGIT {
            return false;
        }
        while ks != 0 {
            let k = ks.trailing_zeros() as usize;
            ks &= ks - 1;
            let w = HEADER_WORDS[k];
            if cb
                .get(p..p + w.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
            {
                found |= 1 << k;
            }
        }
    }
    found & 0b1111 != 0
        || (found & 0b11_0000 != 0
            && (crate::text::contains_folded(cell, "ne(e)")
                || crate::text::contains_folded(cell, "ne le")))
}

/// [`HEADER_FIRST`] of an ASCII digit.
const DIGIT: u8 = 0x80;

/// For each byte: bit k set when `HEADER_WORDS[k]` starts with it (either case), or
/// [`DIGIT`].
static HEADER_FIRST: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_digit() {
            t[c] = DIGIT;
        } else {
            let mut k = 0;
            while k < HEADER_WORDS.len() {
                if HEADER_WORDS[k][0] == b.to_ascii_lowercase() {
                    t[c] |= 1 << k;
                }
                k += 1;
            }
        }
        c += 1;
    }
    t
};

/// Start of the block of non-blank lines that contains the line starting at
/// `line_start`, walking back line by line.
fn block_start(b: &[u8], line_start: usize) -> usize {
    let mut pos = line_start;
    while pos > 0 {
        // `pos - 1` is the '\n' ending the previous line.
        let prev = memchr::memrchr(b'\n', &b[..pos - 1]).map_or(0, |p| p + 1);
        if b[prev..pos - 1].iter().all(|c| c.is_ascii_whitespace()) {
            return pos;
        }
        pos = prev;
    }
    0
}

fn has_blank_line(b: &[u8]) -> bool {
    memchr::memchr_iter(b'\n', b).any(|p| match b.get(p + 1) {
        Some(b'\n') => true,
        Some(b'\r') => b.get(p + 2) == Some(&b'\n'),
        _ => false,
    })
}

/// `text::window_before(text, s, 96)` for `s` on a character boundary (a digit, a
/// word start): the window starts at the first boundary at most 96 bytes before.
#[inline]
fn window_96(text: &str, s: usize) -> &str {
    let b = text.as_bytes();
    let mut ws = s.saturating_sub(96);
    while ws < s && (0x80..0xC0).contains(&b[ws]) {
        ws += 1;
    }
    &text[ws..s]
}

/// Evidence before `[s, e)`: a born word or a birth label within reach.
fn context_before(text: &str, s: usize, year_only: bool) -> Option<Trigger> {
    let window = window_96(text, s);
    let (kind, end) = last_trigger(window)?;
    let gap = &window[end..];
    match kind {
        Trigger::Born => {
            if year_only {
                let mut buf = [""; 3];
                let ws = words_into(gap, &mut buf)?;
                return (ws.len() == 1 && is_word(ws[0], "en")
                    || ws.len() == 2 && is_word(ws[0], "(e)") && is_word(ws[1], "en"))
                .then_some(kind);
            }
            born_gap_ok(gap).then_some(kind)
        }
        Trigger::Label => label_gap_ok(gap).then_some(kind),
    }
}

/// False when [`parse_date`] surely finds no date starting at digit run `i` (most
/// runs): every full date starts with a run of 1 or 2 digits followed by a separator
/// (`/`, `-`, `.`, then the next run and the same separator), `er`/`ᵉʳ` or a space
/// (then a digit or a month name's first letter), or with a year of 4 digits
/// followed by `-`, `/` or `.` (and the next run).
fn may_start(scan: &Scan<'_>, i: usize) -> bool {
    let b = scan.bytes();
    let runs = &scan.digit_runs;
    let (rs, re) = runs[i];
    // `d/m/y`, `y-m-d`: the next run right after the separator, followed by it again
    // and by the third run (what the numeric forms of `parse_date` need).
    let linked = |sep: u8| match (runs.get(i + 1), runs.get(i + 2)) {
        (Some(&(s2, e2)), Some(&(s3, _))) => s2 == re + 1 && b[e2] == sep && s3 == e2 + 1,
        _ => false,
    };
    match (re - rs, b.get(re).copied()) {
        // A group of a spaced number (`06 12 34 …`, `1 85 05 …`): only `dd mm yyyy`
        // is a date there (no month name starts with a digit).
        (1 | 2, Some(b' ')) if b.get(re + 1).is_some_and(u8::is_ascii_digit) => {
            re - rs == 2
                && runs.get(i + 1).is_some_and(|r| r.1 - r.0 == 2)
                && runs.get(i + 2).is_some_and(|r| r.1 - r.0 == 4)
        }
        // A space then an ASCII byte that is no space and starts no month name:
        // `12 rue`, `9 h 15`.
        (1 | 2, Some(b' ')) => !b.get(re + 1).is_some_and(|&c| {
            c < 0x80
                && !matches!(c, b' ' | b'\t')
                && !matches!(
                    c.to_ascii_lowercase(),
                    b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
                )
        }),
        (1 | 2 | 4, Some(sep @ (b'/' | b'-' | b'.'))) => linked(sep),
        (1 | 2, Some(b'\t' | b'e' | 0xE1 | 0xC2 | 0xE2 | 0xE3 | 0xEF)) => true,
        _ => false,
    }
}

impl Detector for BirthDateDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let mut cache = TableCache::default();
        let mut i = 0;
        while i < runs.len() {
            let (rs, re) = runs[i];
            let may_start = may_start(scan, i);
            if !may_start && re - rs != 4 {
                i += 1;
                continue;
            }
            if let Some((s, e, last)) = may_start.then(|| parse_date(scan, i)).flatten() {
                i = last + 1;
                if let Some(t) = context_before(text, s, false) {
                    let conf = if t == Trigger::Born { 960 } else { 950 };
                    out.push(Finding::new(
                        Kind::BirthDate,
                        s,
                        e,
                        conf,
                        "birth_date",
                        Reason::Context,
                    ));
                } else if in_birth_column(text, s, e, &mut cache) {
                    out.push(Finding::new(
                        Kind::BirthDate,
                        s,
                        e,
                        900,
                        "birth_date",
                        Reason::Context,
                    ));
                }
                continue;
            }
            i += 1;
            // Month + year or year alone: `né en mars 1985`, `né en 1985`.
            // Cheap gate: a space before, and a letter or `.` before the space.
            let spaced = || {
                rs >= 2
                    && (b[rs - 1] == b' ' || (rs >= 3 && matches!(b[rs - 1], 0xA0 | 0xAF)))
                    && !b[rs - 2].is_ascii_digit()
            };
            if re - rs != 4 || !spaced() || word_after(text, re) {
                continue;
            }
            if year(&b[rs..re]).flatten().is_none() {
                continue;
            }
            // Month word just before?
            let before = crate::text::window_before(text, rs, 16);
            let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            let mut start = rs;
            if trimmed.len() < before.len() {
                let wstart = trimmed
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let off = rs - before.len();
                if month_at(text, off + wstart).is_some_and(|(_, me)| me == off + trimmed.len()) {
                    start = off + wstart;
                }
            }
            // A year alone only after `en` (`né en 1985`) or a label colon
            // (`Année de naissance : 1985`).
            let alone = start == rs;
            let after_en = alone
                && trimmed
                    .rsplit([' ', '\u{a0}'])
                    .next()
                    .is_some_and(|w| is_word(w, "en"));
            let after_colon = alone && trimmed.ends_with(':');
            if alone && !after_en && !after_colon {
                continue;
            }
            let found = if after_colon {
                context_before(text, start, false).is_some()
            } else {
                context_before(text, start, true) == Some(Trigger::Born)
                    || (!alone && context_before(text, start, false) == Some(Trigger::Label))
            };
            if found {
                out.push(Finding::new(
                    Kind::BirthDate,
                    start,
                    re,
                    850,
                    "birth_date",
                    Reason::Context,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte walk that `last_trigger` replaced, for the comparison test.
    fn last_trigger_plain(window: &str) -> Option<(Trigger, usize)> {
        let wb = window.as_bytes();
        // Every trigger starts with an ASCII n, b or d: walk back over those bytes only.
        // Stop where no gap rule could pass any more: at a `;` (a CSV cell boundary) or
        // past three digits (another number between the trigger and the date).
        let mut digits = 0;
        for i in (0..wb.len()).rev() {
            // Most bytes are none of `;`, a digit or a trigger's first letter.
            if !TRIGGER_BYTE[usize::from(wb[i])] {
                continue;
            }
            match wb[i] {
                b';' => return None,
                b'0'..=b'9' => {
                    digits += 1;
                    if digits > 3 {
                        return None;
                    }
                    continue;
                }
                _ => {}
            }
            let f = wb[i].to_ascii_lowercase();
            // Second byte of every trigger: né/ne/nai…, born/birth, ddn/dn/d.n./date/dob.
            let second = wb.get(i + 1).map_or(0, u8::to_ascii_lowercase);
            let plausible = match f {
                b'n' => matches!(second, b'e' | b'a' | 0xC3),
                b'b' => matches!(second, b'o' | b'i'),
                b'd' => matches!(second, b'd' | b'n' | b'.' | b'a' | b'o'),
                _ => false,
            };
            if !plausible || word_before(window, i) {
                continue;
            }
            for (list, kind) in [(BORN, Trigger::Born), (LABELS, Trigger::Label)] {
                for w in list {
                    if w.as_bytes()[0] != f {
                        continue;
                    }
                    if let Some(len) = prefix_folded_len(&window[i..], w) {
                        let end = i + len;
                        let last_alnum = w.chars().next_back().is_some_and(char::is_alphanumeric);
                        if last_alnum && word_after(window, end) {
                            continue;
                        }
                        return Some((kind, end));
                    }
                }
            }
        }
        None
    }

    /// The header cell test that `header_names_birth` replaced.
    fn header_names_birth_plain(cell: &str) -> bool {
        if cell.bytes().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let cb = cell.as_bytes();
        let has = |needle: &[u8]| {
            cb.windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
        };
        let born = || {
            (has(b"(e)") || has(b" le"))
                && (crate::text::contains_folded(cell, "ne(e)")
                    || crate::text::contains_folded(cell, "ne le"))
        };
        has(b"naiss") || has(b"birth") || has(b"dob") || has(b"ddn") || born()
    }

    #[test]
    fn header_cell_test_agrees_with_the_plain_one() {
        let alphabet: &[&str] = &[
            "naiss",
            "NAISS",
            "nai",
            "ss",
            "birth",
            "Bir",
            "th",
            "dob",
            "DO",
            "b",
            "ddn",
            "dd",
            "n",
            "(e)",
            "(E",
            ")",
            " le",
            " LE",
            "l",
            "e",
            "né",
            "ne",
            "NÉ(E)",
            "ne\u{301}",
            " ",
            "1",
            "x",
            "é",
            "date",
        ];
        let mut rng = crate::testrng::Lcg(57);
        let mut seen = [0; 2];
        let mut t = String::new();
        for _ in 0..40000 {
            t.clear();
            for _ in 0..rng.next() % 10 {
                t.push_str(rng.pick(alphabet));
            }
            let got = header_names_birth(&t);
            assert_eq!(got, header_names_birth_plain(&t), "{t:?}");
            seen[usize::from(got)] += 1;
        }
        assert!(seen[0] > 5000 && seen[1] > 5000, "{seen:?}");
    }

    /// The start test that `may_start` sharpened.
    fn may_start_plain(scan: &Scan<'_>, i: usize) -> bool {
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let (rs, re) = runs[i];
        // Every full date starts with a run of 1 or 2 digits followed by a
        // separator (`/`, `-`, `.`), `er`/`ᵉʳ` or a space, or with a year of 4
        // digits followed by `-`, `/` or `.`; a month and year ends with 4 digits.
        match re - rs {
            // A group of a spaced number (`06 12 34 …`, `1 85 05 …`): only
            // `dd mm yyyy` is a date there (no month name starts with a digit).
            1 | 2 if b.get(re) == Some(&b' ') && b.get(re + 1).is_some_and(u8::is_ascii_digit) => {
                re - rs == 2
                    && runs.get(i + 1).is_some_and(|r| r.1 - r.0 == 2)
                    && runs.get(i + 2).is_some_and(|r| r.1 - r.0 == 4)
            }
            1 | 2 => matches!(
                b.get(re),
                Some(b'/' | b'-' | b'.' | b' ' | b'\t' | b'e' | 0xE1 | 0xC2 | 0xE2 | 0xE3 | 0xEF)
            ),
            4 => matches!(b.get(re), Some(b'-' | b'/' | b'.')),
            _ => false,
        }
    }

    #[test]
    fn sharper_start_test_loses_no_date() {
        let alphabet: &[&str] = &[
            "1",
            "12",
            "03",
            "1985",
            "85",
            "/",
            "-",
            ".",
            " ",
            " ",
            "\t",
            "er",
            "ᵉʳ",
            "\u{a0}",
            "mars",
            "févr.",
            "fe\u{301}vrier",
            "rue",
            "h",
            "é",
            "j",
            "D",
            ",",
            "\u{3000}",
            "12/03/1985",
            "1er mars 1985",
            "3 MARS 85",
            "1985-03-12",
            "03.12.1985",
            "12 03 1985",
            "29/02/1984",
            "1ᵉʳ avril 1990",
            "12\u{a0}déc. 1960",
            "31-04-1985",
            "12/03/85",
        ];
        let mut rng = crate::testrng::Lcg(97);
        let (mut skipped, mut dates) = (0, 0);
        let mut t = String::new();
        for _ in 0..30000 {
            t.clear();
            for _ in 0..rng.next() % 12 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = Scan::new(&t, Vec::new());
            for i in 0..scan.digit_runs.len() {
                let plain = may_start_plain(&scan, i);
                let sharp = may_start(&scan, i);
                assert!(!sharp || plain, "{t:?} {i}");
                let date = plain && parse_date(&scan, i).is_some();
                dates += usize::from(date);
                if plain && !sharp {
                    skipped += 1;
                    assert!(!date, "{t:?} {i}");
                }
            }
        }
        assert!(skipped > 2000 && dates > 5000, "{skipped} {dates}");
    }

    #[test]
    fn repeated_and_changed_table_headers() {
        let text = "nom;date_naissance;ville\nDupont;12/03/1985;Paris\n\n\
                    nom;ville;date_rdv\nMartin;Lyon;04/05/1990\n\n\
                    nom;date_naissance;ville\nDurand;01/02/1970;Nice\n\n\
                    nom;ville;date_naissance\nPetit;Brest;03/04/1960\n\n\
                    nom,date_naissance,ville\nRoux,05/06/1950,Metz\n";
        assert_eq!(
            dates(text),
            ["12/03/1985", "01/02/1970", "03/04/1960", "05/06/1950"]
        );
    }

    #[test]
    fn window_agrees_with_the_text_one() {
        let alphabet: &[&str] = &["a", "é", "€", "😀", " ", "1", "\u{301}"];
        let mut rng = crate::testrng::Lcg(83);
        let mut t = String::new();
        for _ in 0..2000 {
            t.clear();
            for _ in 0..rng.next() % 80 {
                t.push_str(rng.pick(alphabet));
            }
            for s in (0..=t.len()).filter(|&s| t.is_char_boundary(s)) {
                assert_eq!(window_96(&t, s), crate::text::window_before(&t, s, 96));
            }
        }
    }

    #[test]
    fn trigger_search_agrees_with_the_byte_walk() {
        let alphabet: &[&str] = &[
            "né",
            "Né",
            "NÉE",
            "née",
            "ne",
            "nee",
            "ne(e)",
            "ne-e",
            "ne·e",
            "nes",
            "naissance",
            "naiss.",
            "Date",
            "date de naissance",
            "DN",
            "d.n.",
            "ddn",
            "dob",
            "D.O.B.",
            "born",
            "Birth",
            "birthday",
            "date of birth",
            "date_naissance",
            " ",
            " ",
            ":",
            ";",
            "1",
            "12",
            "é",
            "\u{301}",
            "le",
            "a",
            "x",
            "\u{a0}",
            "_",
            "b",
            "d",
            "n",
            "N",
            "D",
            "B",
            "\x10",
            "\x1b",
            "f",
            "`",
            "o",
            "e",
            "(",
            "ꝏ",
            "\u{2019}",
        ];
        let mut rng = crate::testrng::Lcg(41);
        let mut seen = [0; 3];
        let mut t = String::new();
        for _ in 0..40000 {
            t.clear();
            for _ in 0..rng.next() % 40 {
                t.push_str(rng.pick(alphabet));
            }
            let got = last_trigger(&t);
            assert_eq!(got, last_trigger_plain(&t), "{t:?}");
            seen[match got {
                None => 0,
                Some((Trigger::Born, _)) => 1,
                Some((Trigger::Label, _)) => 2,
            }] += 1;
        }
        assert!(seen.iter().all(|&n| n > 5000), "{seen:?}");
    }

    #[test]
    fn month_ranges_hold_the_months_of_their_prefix() {
        for (k, &(name, _)) in MONTHS.iter().enumerate() {
            let key: Vec<char> = name.chars().take(3).collect();
            let r = month_range([key[0], key[1], key[2]]).expect("a month prefix");
            assert!(r.contains(&k), "{name}");
            for &(other, _) in &MONTHS[r] {
                assert_eq!(&other[..3], &name[..3]);
            }
        }
    }

    fn dates(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        BirthDateDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn month_prefixes_cover_the_month_names() {
        for (name, _) in MONTHS {
            let k: Vec<char> = name.chars().take(3).collect();
            assert!(month_range([k[0], k[1], k[2]]).is_some(), "{name}");
        }
        assert!(month_range(['r', 'u', 'e']).is_none());
    }

    #[test]
    fn forms() {
        for d in [
            "12/03/1985",
            "12-03-1985",
            "12.03.1985",
            "12 03 1985",
            "12/03/85",
            "1985-03-12",
            "12 mars 1985",
            "1er mars 1985",
            "12 mar. 1985",
            "12 mars 85",
            "1er mai 80",
            "12 MARS 1985",
            "3 février 1954",
            "3 fevrier 1954",
            "29/02/2000",
            "3/5/1985",
            "12\u{a0}août\u{a0}1985",
            // NFD accents (combining marks), as some PDF and macOS text has them.
            "3 fe\u{301}vrier 1954",
            "12 aou\u{302}t 1985",
            "1er de\u{301}cembre 1985",
        ] {
            assert_eq!(dates(&format!("Né le {d} à Lyon")), [d], "{d}");
            assert_eq!(dates(&format!("Date de naissance : {d}\n")), [d], "{d}");
        }
    }

    #[test]
    fn contexts() {
        for (t, want) in [
            ("Mme X, née le 28/08/1968, immatriculée", "28/08/1968"),
            ("né(e) le : 01/02/1990", "01/02/1990"),
            ("NÉ(E) LE 01/02/1990", "01/02/1990"),
            ("NEE LE 01/02/1990", "01/02/1990"),
            ("né à Saint-Étienne (42) le 3 mars 1950", "3 mars 1950"),
            ("née Martin le 3 mars 1950", "3 mars 1950"),
            ("né le mardi 12 mars 1985", "12 mars 1985"),
            ("DN : 12/03/85", "12/03/85"),
            (
                "Date et lieu de naissance : 12/03/1985 à Lyon",
                "12/03/1985",
            ),
            ("{\"date_naissance\": \"1985-03-12\"}", "1985-03-12"),
            ("{\"dateNaissance\":\"1985-03-12\"}", "1985-03-12"),
            (
                "Lieu et date de naissance : Lyon, le 12/03/1985",
                "12/03/1985",
            ),
            ("il est né en 1985 à Lyon", "1985"),
            ("née en mars 1985", "mars 1985"),
            ("Année de naissance : 1985\n", "1985"),
            ("Date de naissance : mars 1985\n", "mars 1985"),
            ("Date of birth: 1985-03-12", "1985-03-12"),
            ("Born on 12/03/1985 in Lyon", "12/03/1985"),
            ("{\"birthDate\":\"1985-03-12T00:00:00Z\"}", "1985-03-12"),
            ("DateNaiss=12/03/1985", "12/03/1985"),
        ] {
            assert_eq!(dates(t), [want], "{t}");
        }
    }

    #[test]
    fn not_birth_dates() {
        for t in [
            "rendez-vous le 12/03/2025",
            "courrier du 12 mars 2024",
            "né le 31/02/1985",
            "né le 29/02/1985",
            "né le 12/13/1985",
            "acte de naissance établi le 12/03/2024",
            "né le 12/03/1985. Le rendez-vous est fixé au 14/03/2025",
            "je ne serai pas présent le 12/03/2025",
            "Année : 2024, exercice : 2023",
            "né le 12/03/19850",
            "le 1.12.03.1985",
            "Date de naissance : 12/03/1985 ; date d'entrée : 01/09/2020",
        ] {
            let got = dates(t);
            assert!(
                got.len() <= 1
                    && got
                        .iter()
                        .all(|d| !d.contains("2025") && !d.contains("2024") && !d.contains("2020")),
                "{t}: {got:?}"
            );
            if t.contains("31/02")
                || t.contains("29/02")
                || t.contains("12/13")
                || t.contains("19850")
            {
                assert!(got.is_empty(), "{t}: {got:?}");
            }
        }
    }

    #[test]
    fn nfd_context_words() {
        for t in [
            "ne\u{301}e le 3 fe\u{301}vrier 1980",
            "ne\u{301} le 03/02/1980",
            "Ne\u{301}(e) le 03/02/1980",
            "He\u{301}le\u{300}ne, ne\u{301}e en 1980",
        ] {
            assert_eq!(dates(t).len(), 1, "{t}");
        }
    }

    #[test]
    fn row_cursor_matches_a_fresh_count() {
        // The incremental row cursor (linear time on one long line) gives the same
        // line start and delimiter counts as counting from the line start, in text
        // order and out of it.
        let b = "a;b,c\n;;x|y\tz,\n\nq;r;s,t\n".as_bytes();
        let naive = |s: usize| {
            let ls = memchr::memrchr(b'\n', &b[..s]).map_or(0, |p| p + 1);
            let mut cols = [0u32; 4];
            for &c in &b[ls..s] {
                if let Some(k) = DELIMS.iter().position(|&d| d == c) {
                    cols[k] += 1;
                }
            }
            (ls, cols)
        };
        let mut cache = TableCache::default();
        let order: Vec<usize> = (0..=b.len()).chain([3, 20, 0, 9, 9, b.len()]).collect();
        for s in order {
            assert_eq!(cache.row(b, s), naive(s), "at {s}");
        }
    }

    #[test]
    fn csv_column_on_one_long_line() {
        let mut t = String::from("nom;date de naissance\n");
        for _ in 0..3 {
            t.push_str("A;01/05/1978\n");
        }
        assert_eq!(dates(&t).len(), 3);
        // Dates beside commas on a single long line: not a table, and linear time.
        let line = "le 01/05/1978, puis ".repeat(20_000);
        assert!(dates(&line).is_empty());
    }

    #[test]
    fn csv_column() {
        let t = "nom;prenom;date_naissance;date_entree\nA;B;01/05/1978;02/03/2020\nC;D;2 juillet 1933;05.02.2019\n";
        assert_eq!(dates(t), ["01/05/1978", "2 juillet 1933"]);
        let t = "Nom|Né(e) le|Ville\nA|01/02/1990|Lyon\n";
        assert_eq!(dates(t), ["01/02/1990"]);
        let t = "nom,date de naissance\n\"A\",\"01/05/1978\"\n\nnom,date\nB,02/05/1978\n";
        assert_eq!(dates(t), ["01/05/1978"]);
        let t = "Liste des bénéficiaires :\n| Nom | Date de naissance | Entrée |\n|---|---|---|\n| Dupont | 12/03/1985 | 01/09/2020 |\n";
        assert_eq!(dates(t), ["12/03/1985"]);
    }
}
