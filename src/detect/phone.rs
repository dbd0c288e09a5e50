//! PHONE: French phone numbers, mainland and overseas, driven by `Scan::digit_runs`.
//!
//! Accepted shapes (separators: space, U+00A0, U+202F, U+2009, `.`, `-`, used
//! consistently inside one number):
//! - national: `0` + 9 digits, grouped `06 12 34 56 78`, `0 1 23 45 67 89`,
//!   `0262 12 34 56`, `06 123 456 78`, `06/12/34/56/78` (five pairs only), or compact
//!   `0612345678` (second digit 1–9);
//! - international: `+33 6 12 34 56 78`, `+33 (0)6 …`, `(+33) 6 …`, `+33 06 …`,
//!   `0033 6 …`, `+33612345678`, `0033612345678`, and the overseas and Pacific codes
//!   (+262, +590, +594, +596 with 9 digits; +508, +681, +687 with 6; +689 with 6 or 8),
//!   plus Monaco (+377, 8 or 9 digits);
//! - `33612345678`, `262692123456` (no `+`) only after a phone word (`tél.`,
//!   `portable`…).
//!
//! Confidence: grouped and international forms 900–960 on shape alone; a compact
//! `0612345678` 930 after a phone word, 800 without, and nothing after a reference
//! word (dossier, facture, SIRET…) unless a phone word is also there.
//!
//! Not reported: special-rate service numbers (`08…`, `+33 8…`: free, shared-cost and
//! premium lines of companies and administrations, never a person's line).
//!
//! Rejected: a number that continues (`06 12 34 56 78 90`, SIRET or IBAN groups), one
//! glued to letters, `/` as a separator (dates), short numbers (`15`, `3646`), 4-digit
//! groups after the first (`01 02 2023 12` is a date and a time), the digit sequence
//! `0123456789`. Numbers without their country code from the Pacific territories,
//! Saint-Pierre or Monaco (`87 12 34 56`) have no French shape and are not found.

use super::checksum::Words;
use super::has_word_folded;
use super::{Detector, Scan};
use crate::text::{char_at, char_before, num_sep_len, window_before};
use crate::{Finding, Kind, Reason};

pub(crate) struct PhoneDetector;

impl PhoneDetector {
    pub(crate) fn new() -> PhoneDetector {
        PhoneDetector
    }
}

/// Words that say a number is a phone number (folded).
const PHONE_WORDS: Words = Words::new(&[
    "tel",
    "tel.",
    "telephone",
    "telephoner",
    "portable",
    "mobile",
    "fixe",
    "fax",
    "telecopie",
    "joindre",
    "joignable",
    "appeler",
    "appelez",
    "rappeler",
    "rappelez",
    "contacter",
    "contact",
    "num",
    "numero",
    "gsm",
    "sms",
    "whatsapp",
    "phone",
    "port.",
    "mob.",
    "ligne",
]);

/// Words that make a bare 10-digit run a reference rather than a phone (folded).
const REFERENCE_WORDS: Words = Words::new(&[
    "dossier",
    "ref",
    "reference",
    "facture",
    "commande",
    "client",
    "contrat",
    "allocataire",
    "siret",
    "siren",
    "compte",
    "lot",
    "ticket",
    "colis",
    "suivi",
    "avis",
    "recepisse",
]);

/// Country calling codes accepted after `+` / `00`, with the national significant
/// number lengths (the Pacific codes also have 9-digit `8…` special-rate numbers).
/// Monaco (+377) is not French but shares the French numbering habits and is just as
/// personal.
const COUNTRY_CODES: &[(&[u8], &[usize])] = &[
    (b"33", &[9]),
    (b"262", &[9]),
    (b"590", &[9]),
    (b"594", &[9]),
    (b"596", &[9]),
    (b"508", &[6]),
    (b"681", &[6]),
    (b"687", &[6]),
    (b"689", &[6, 8]),
    (b"377", &[8, 9]),
];

/// True when a national number of `len` digits starting with `first` can belong to a
/// person: not a special-rate `8…` service number (free, shared-cost, premium:
/// companies and administrations, never individuals) under a French numbering plan.
fn nsn_fits(cc: &[u8], len: usize, first: u8) -> bool {
    let french_plan = matches!(cc, b"33" | b"262" | b"590" | b"594" | b"596");
    !(french_plan && len == 9 && first == b'8')
}

/// Codes whose numbers never start with 0 after the code (a 0 there is a trunk
/// prefix written by mistake, accepted for +33 only).
fn no_leading_zero(cc: &[u8]) -> bool {
    matches!(cc, b"33" | b"262" | b"590" | b"594" | b"596" | b"377")
}

/// `hay` starts with `p`, compared byte by byte (inlined: no `memcmp` call for these
/// two- and three-byte prefixes on the hot path).
#[inline]
fn starts(hay: &[u8], p: &[u8]) -> bool {
    hay.len() >= p.len() && hay.iter().zip(p).all(|(a, b)| a == b)
}

/// Separator inside a phone number: like `num_sep_len` but never `/` (dates).
#[inline]
fn sep_len(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) == Some(&b'/') {
        return None;
    }
    num_sep_len(b, i)
}

/// True when the text before `start` glues it to a longer token or number: a letter
/// or digit, or a separator preceded by a digit (`4000 0312 …`).
fn glued_before(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    // An ASCII byte before: it is the character before, and the only separator that
    // can end there is one byte long (longer ones end with a continuation byte).
    if let Some(&p) = start.checked_sub(1).and_then(|i| b.get(i)) {
        if p < 0x80 {
            return p.is_ascii_alphanumeric()
                || p == b'_'
                || (matches!(p, b'.' | b'-' | b' ' | b'\t')
                    && start > 1
                    && b[start - 2].is_ascii_digit());
        }
    }
    if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return true;
    }
    // Separator then digit before it.
    for len in [1usize, 2, 3] {
        if start >= len && sep_len(b, start - len) == Some(len) {
            return start > len && b[start - len - 1].is_ascii_digit();
        }
    }
    false
}

/// True when the number ending at `end` continues: a letter/digit, or a separator
/// followed by a digit.
fn continues_after(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    if char_at(text, end).is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return true;
    }
    if let Some(l) = sep_len(b, end) {
        return b.get(end + l).is_some_and(u8::is_ascii_digit);
    }
    false
}

/// Collects digit groups starting at run `i` until `need` digits are gathered.
/// Groups after the first have 1–3 digits (or 4 when `allow4`), joined by one
/// separator, the same one throughout. Returns (end offset, index of the last run).
fn collect(
    scan: &Scan<'_>,
    i: usize,
    first_digits: usize,
    need: usize,
    allow4: bool,
) -> Option<(usize, usize)> {
    let b = scan.bytes();
    let runs = &scan.digit_runs;
    let mut got = first_digits;
    let mut j = i;
    let mut sep: Option<&[u8]> = None;
    while got < need {
        let end = runs[j].1;
        let l = sep_len(b, end)?;
        let this = &b[end..end + l];
        match sep {
            None => sep = Some(this),
            Some(s) if !(s.len() == this.len() && starts(s, this)) => return None,
            _ => {}
        }
        let next = *runs.get(j + 1)?;
        if next.0 != end + l {
            return None;
        }
        let len = next.1 - next.0;
        if len > 4 || (len == 4 && !allow4) {
            return None;
        }
        got += len;
        j += 1;
    }
    if got == need {
        Some((runs[j].1, j))
    } else {
        None
    }
}

fn has_phone_context(text: &str, start: usize) -> bool {
    has_word_folded(window_before(text, start, 48), &PHONE_WORDS)
}

impl PhoneDetector {
    /// A national number starting at run `i` (which starts with `0`).
    fn national(&self, scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let text = scan.text;
        let b = scan.bytes();
        let (s, e) = scan.digit_runs[i];
        let len = e - s;
        if glued_before(text, s) || (s > 0 && b[s - 1] == b'+') {
            return None;
        }
        if len == 10 {
            // `0123456789` is the digit sequence (a regex class, a placeholder).
            if matches!(b[s + 1], b'0' | b'8')
                || &b[s..e] == b"0123456789"
                || continues_after(text, e)
            {
                return None;
            }
            let ctx = has_phone_context(text, s);
            if !ctx && has_word_folded(window_before(text, s, 32), &REFERENCE_WORDS) {
                return None;
            }
            let conf = if ctx { 930 } else { 800 };
            let reason = if ctx { Reason::Context } else { Reason::Shape };
            out.push(Finding::new(Kind::Phone, s, e, conf, "phone", reason));
            return Some(i);
        }
        if !(1..=4).contains(&len) {
            return None;
        }
        if let Some(found) = self.slashed_pairs(scan, i, out) {
            return Some(found);
        }
        if len == 2 && s > 0 && b[s - 1] == b'(' && b.get(e) == Some(&b')') {
            return self.bracketed(scan, i, out);
        }
        let (end, last) = collect(scan, i, len, 10, false)?;
        // Second digit (after the trunk 0) must be 1-9.
        let second = if len >= 2 {
            b[s + 1]
        } else {
            b[scan.digit_runs[i + 1].0]
        };
        if matches!(second, b'0' | b'8') || continues_after(text, end) {
            return None;
        }
        // The grouped shape is distinctive: no context lookup on the hot path.
        out.push(Finding::new(
            Kind::Phone,
            s,
            end,
            900,
            "phone",
            Reason::Shape,
        ));
        Some(last)
    }

    /// `(01) 23 45 67 89`: the two-digit area code in brackets (run `i`), then eight
    /// digits grouped as usual.
    fn bracketed(&self, scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let b = scan.bytes();
        let (s, e) = scan.digit_runs[i];
        let (s2, e2) = *scan.digit_runs.get(i + 1)?;
        let gap = &b[e + 1..s2];
        if !(gap.is_empty() || gap == b" ") || matches!(b[s + 1], b'0' | b'8') {
            return None;
        }
        let (end, last) = collect(scan, i + 1, e2 - s2, 8, false)?;
        if continues_after(scan.text, end) {
            return None;
        }
        out.push(Finding::new(
            Kind::Phone,
            s - 1,
            end,
            880,
            "phone",
            Reason::Shape,
        ));
        Some(last)
    }

    /// `06/12/34/56/78`: five pairs joined by `/` (never a date, which has three parts).
    fn slashed_pairs(&self, scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let b = scan.bytes();
        let runs = scan.digit_runs.get(i..i + 5)?;
        let pairs = runs.iter().all(|r| r.1 - r.0 == 2)
            && runs
                .windows(2)
                .all(|w| w[0].1 + 1 == w[1].0 && b[w[0].1] == b'/');
        let (s, end) = (runs[0].0, runs[4].1);
        if !pairs
            || matches!(b[s + 1], b'0' | b'8')
            || continues_after(scan.text, end)
            || b.get(end) == Some(&b'/')
        {
            return None;
        }
        out.push(Finding::new(
            Kind::Phone,
            s,
            end,
            850,
            "phone",
            Reason::Shape,
        ));
        Some(i + 4)
    }

    /// An international number: run `i` holds the country code after `+` (or starts
    /// with `00`).
    fn international(&self, scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let text = scan.text;
        let b = scan.bytes();
        let (s, e) = scan.digit_runs[i];
        let plus = s > 0 && b[s - 1] == b'+';
        let run = &b[s..e];
        let digits = if plus {
            run
        } else if starts(run, b"00") {
            &run[2..]
        } else {
            return None;
        };
        // Span start: the `+`, or `(` of `(+33)`, or the run.
        let mut start = if plus { s - 1 } else { s };
        let paren = plus && start > 0 && b[start - 1] == b'(';
        if paren {
            start -= 1;
        }
        if glued_before(text, start) {
            return None;
        }
        for &(cc, nsns) in COUNTRY_CODES {
            if !starts(digits, cc) {
                continue;
            }
            let rest = digits.len() - cc.len();
            if nsns.contains(&rest) && nsn_fits(cc, rest, digits[cc.len()]) {
                // Compact: +33612345678.
                if (no_leading_zero(cc) && digits[cc.len()] == b'0') || continues_after(text, e) {
                    return None;
                }
                out.push(Finding::new(
                    Kind::Phone,
                    start,
                    e,
                    940,
                    "phone",
                    Reason::Shape,
                ));
                return Some(i);
            }
            if rest != 0 {
                continue;
            }
            // Country code alone, then groups: `+33 6 12…`, `+33 (0)6…`, `(+33) 6…`.
            let mut pos = e;
            if paren {
                if b.get(pos) != Some(&b')') {
                    return None;
                }
                pos += 1;
            }
            if let Some(l) = sep_len(b, pos) {
                pos += l;
            }
            if starts(&b[pos.min(b.len())..], b"(0)") {
                pos += 3;
                if let Some(l) = sep_len(b, pos) {
                    pos += l;
                }
            }
            if pos == e {
                return None;
            }
            let j = scan.run_at_or_after(pos);
            let &(fs, fe) = scan.digit_runs.get(j)?;
            if fs != pos {
                return None;
            }
            let flen = fe - fs;
            // `+33 06 12 34 56 78`: a trunk 0 written after the code.
            let trunk = b[fs] == b'0' && no_leading_zero(cc);
            if trunk && (cc != b"33" || flen == 1) {
                return None;
            }
            let first = if trunk { b[fs + 1] } else { b[fs] };
            let found = nsns
                .iter()
                .filter(|&&n| nsn_fits(cc, n, first))
                .find_map(|&nsn| {
                    let need = nsn + usize::from(trunk);
                    if flen == need {
                        (!continues_after(text, fe)).then_some((fe, j))
                    } else if flen <= 4 {
                        collect(scan, j, flen, need, false)
                            .filter(|&(end, _)| !continues_after(text, end))
                    } else {
                        None
                    }
                });
            let (end, last) = found?;
            if continues_after(text, end) {
                return None;
            }
            out.push(Finding::new(
                Kind::Phone,
                start,
                end,
                960,
                "phone",
                Reason::Shape,
            ));
            return Some(last);
        }
        None
    }

    /// `33612345678`, `262692123456` without `+`: only after a phone word.
    fn bare_cc(&self, scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let text = scan.text;
        let b = scan.bytes();
        let (s, e) = scan.digit_runs[i];
        let run = &b[s..e];
        let ok = match run.len() {
            11 => starts(run, b"33"),
            12 => [&b"262"[..], b"590", b"594", b"596"]
                .iter()
                .any(|cc| run.starts_with(cc)),
            _ => false,
        };
        if !ok || matches!(run[run.len() - 9], b'0' | b'8') {
            return None;
        }
        if glued_before(text, s) || continues_after(text, e) || !has_phone_context(text, s) {
            return None;
        }
        out.push(Finding::new(
            Kind::Phone,
            s,
            e,
            750,
            "phone",
            Reason::Context,
        ));
        Some(i)
    }
}

impl Detector for PhoneDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let mut i = 0;
        while i < runs.len() {
            let (s, _) = runs[i];
            let first = b[s];
            let found =
                if (s > 0 && b[s - 1] == b'+') || (first == b'0' && b.get(s + 1) == Some(&b'0')) {
                    self.international(scan, i, out)
                } else if first == b'0' {
                    self.national(scan, i, out)
                } else if matches!(b[s], b'2' | b'3' | b'5') {
                    self.bare_cc(scan, i, out)
                } else {
                    None
                };
            i = found.map_or(i, |last| last) + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        PhoneDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn glued_before_agrees_with_the_character_test() {
        fn slow(text: &str, start: usize) -> bool {
            let b = text.as_bytes();
            if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return true;
            }
            for len in [1usize, 2, 3] {
                if start >= len && sep_len(b, start - len) == Some(len) {
                    return start > len && b[start - len - 1].is_ascii_digit();
                }
            }
            false
        }
        let alphabet: &[&str] = &[
            "1", "a", " ", ".", "-", "/", "\t", "_", "é", "\u{a0}", "\u{ad}", "\u{2013}",
            "\u{202f}", "+", "x", "\u{2212}",
        ];
        let mut rng = crate::testrng::Lcg(3);
        let mut t = String::new();
        for _ in 0..5000 {
            t.clear();
            for _ in 0..6 {
                t.push_str(rng.pick(alphabet));
            }
            for start in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                assert_eq!(glued_before(&t, start), slow(&t, start), "{t:?} {start}");
            }
        }
    }

    #[test]
    fn national_forms() {
        for p in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "0612345678",
            "06\u{a0}12\u{a0}34\u{a0}56\u{a0}78",
            "06\u{202f}12\u{202f}34\u{202f}56\u{202f}78",
            "06 123 456 78",
            "0262 12 34 56",
            "0590 20 12 34",
            "06/12/34/56/78",
            "(01) 23 45 67 89",
            "(04)78123456",
        ] {
            assert_eq!(phones(&format!("Tél. : {p}.")), [p], "{p}");
            assert_eq!(phones(&format!("x;{p};y")), [p], "{p}");
        }
    }

    #[test]
    fn international_forms() {
        for p in [
            "+33 6 12 34 56 78",
            "+33612345678",
            "+33 (0)6 12 34 56 78",
            "+33(0)612345678",
            "(+33) 6 12 34 56 78",
            "+33 06 12 34 56 78",
            "0033 6 12 34 56 78",
            "0033612345678",
            "+262 692 12 34 56",
            "+590 590 20 12 34",
            "+687 20.12.34",
            "+689 87 12 34 56",
            "+508 41 12 34",
        ] {
            assert_eq!(phones(&format!("appeler le {p}, merci")), [p], "{p}");
        }
        assert_eq!(phones("mon num c'est 33612345678"), ["33612345678"]);
        assert!(phones("total 33612345678").is_empty());
    }

    #[test]
    fn rejects() {
        for t in [
            "composez le 15 ou le 17, ou le 3646",
            "né le 12 03 1985",
            "le 01/02/2023 12:30",
            "le 01 02 2023 12 h",
            "06 12 34 56 78 90",
            "FR76 3000 4000 0312 3456 7890 143",
            "SIRET 732 829 320 00074",
            "ref0612345678",
            "0012345678",
            "00 12 34 56 78",
            "dossier n° 0612345678",
            "1 234 567,89 €",
            "+44 20 7946 0958",
            "0612345678901",
            "numéro vert 0 800 12 34 56",
            "0810 12 34 56",
            "+33 8 92 68 02 80",
            "0892680280",
            "[0123456789]",
            "(08) 92 68 02 80",
            "(01) 23 45 67 89 10",
            "(01) 23 45 67",
        ] {
            assert!(phones(t).is_empty(), "{t}: {:?}", phones(t));
        }
    }

    #[test]
    fn two_numbers() {
        assert_eq!(
            phones("01 23 45 67 89 - 06 12 34 56 78"),
            ["01 23 45 67 89", "06 12 34 56 78"]
        );
        assert_eq!(
            phones("tel 0612345678/0712345678"),
            ["0612345678", "0712345678"]
        );
    }
}
