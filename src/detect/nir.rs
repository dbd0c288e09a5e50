//! NIR (numéro de sécurité sociale, matricule INS): 13 characters + a 2-digit key,
//! key = 97 − (N mod 97), with Corsica's `2A`/`2B` counted as 19/18.
//!
//! Read from each digit run with [`Walk`]: spaces, U+00A0/U+202F, dots, dashes, a
//! spaced dash before the key (`… 020 - 53`) and `clé 32` after the body are all
//! accepted. Besides the key, the structure is checked (sex digit, month 01–12 or
//! 20–99, département, order number). Confidence:
//!
//! | evidence | confidence |
//! | --- | --- |
//! | key + structure, sex 1/2/7/8, context word | 990 |
//! | key + structure, sex 1/2/7/8 | 940 (900 inside a longer sequence of numbers) |
//! | key + structure, sex 3/4 (unconfirmed values) | 700, 900 with context |
//! | key valid, structure not (e.g. Corsica `2A` before 1976) | 600, 850 with context |
//! | 13 characters, no key, structure valid, strong label | 550 |
//! | key wrong, strong label right before (a typo must not leak) | 350 |

use super::checksum::{
    ALL, Gap, Start, Walk, Words, can_reach, context_before, quick_start, start_kind,
};
use super::prefix_folded_len;
use super::space_len;
use super::{Detector, Scan};
use crate::text::char_at;
use crate::{Finding, Kind, Reason};

pub(crate) struct NirDetector;

impl NirDetector {
    pub(crate) fn new() -> NirDetector {
        NirDetector
    }
}

/// Labels that say "this is a NIR" (folded, whole words), looked for just before.
const CONTEXT: Words = Words::new(&[
    "securite sociale",
    "secu",
    "ss",
    "nir",
    "nirpp",
    "nia",
    "insee",
    "vitale",
    "immatricule",
    "immatriculee",
    "immatricule(e)",
    "immatriculation",
    "assure social",
    "assuree sociale",
    "assure",
    "assuree",
    "ins",
    "matricule",
    "numero ss",
]);

/// How far before a candidate the label is looked for, in bytes.
const WINDOW: usize = 64;

/// Structure of a 15-character NIR (key excluded from the check).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Structure {
    /// Sex 1/2 (NIR) or 7/8 (NIA, provisional), all fields plausible.
    Good,
    /// Sex 3/4: cited by secondary sources only.
    Unusual,
    /// A field that cannot occur (month 13, département 00, order 000…).
    Bad,
}

fn digits2(s: &[u8]) -> Option<u8> {
    if s[0].is_ascii_digit() && s[1].is_ascii_digit() {
        Some((s[0] - b'0') * 10 + (s[1] - b'0'))
    } else {
        None
    }
}

fn structure(s: &[u8]) -> Structure {
    let sex = s[0];
    let (Some(_yy), Some(mm)) = (digits2(&s[1..3]), digits2(&s[3..5])) else {
        return Structure::Bad;
    };
    if !(1..=12).contains(&mm) && mm < 20 {
        return Structure::Bad;
    }
    let dep = &s[5..7];
    let place = &s[7..10];
    let order = &s[10..13];
    if order == b"000" {
        return Structure::Bad;
    }
    match dep {
        // Corsica: 2A/2B are official from 1976 only, but valid vectors (python-stdnum)
        // use them with earlier years, and a NIR with its key is personal data anyway.
        b"2A" | b"2B" => {}
        b"00" => return Structure::Bad,
        b"97" if !(b'1'..=b'8').contains(&place[0]) => return Structure::Bad,
        b"98" if !(b'4'..=b'8').contains(&place[0]) => return Structure::Bad,
        b"99" => {
            // INSEE country code 001..=990.
            if place == b"000" || place > b"990".as_slice() {
                return Structure::Bad;
            }
        }
        _ if !dep[0].is_ascii_digit() || !dep[1].is_ascii_digit() => return Structure::Bad,
        _ => {
            if place == b"000" {
                return Structure::Bad;
            }
        }
    }
    match sex {
        b'1' | b'2' | b'7' | b'8' => Structure::Good,
        b'3' | b'4' => Structure::Unusual,
        _ => Structure::Bad,
    }
}

/// The key a 13-character body should have (2A → 19, 2B → 18).
fn key_of(body: &[u8]) -> Option<u8> {
    let mut n = 0u64;
    for (i, &c) in body.iter().enumerate() {
        let d = match (i, c) {
            (_, b'0'..=b'9') => u64::from(c - b'0'),
            (6, b'A') if body[5] == b'2' => {
                // 2A: "19" in place of "2A": the previous digit 2 becomes 1, this one 9.
                n -= 1;
                9
            }
            (6, b'B') if body[5] == b'2' => {
                n -= 1;
                8
            }
            _ => return None,
        };
        n = n * 10 + d;
    }
    Some((97 - n % 97) as u8)
}

/// `clé 32`, `(clé 32)`, `- clé : 32` right after the body: the key and where it ends.
fn key_after(text: &str, mut i: usize) -> Option<(u8, usize)> {
    let b = text.as_bytes();
    let skip = |i: &mut usize| {
        while let Some(n) = space_len(b, *i) {
            *i += n;
        }
    };
    skip(&mut i);
    if matches!(b.get(i), Some(b'-' | b'(' | b',')) {
        i += 1;
    } else if text.get(i..)?.starts_with('\u{2013}') {
        i += 3;
    }
    skip(&mut i);
    if matches!(b.get(i), Some(b'(')) {
        i += 1;
    }
    let n = prefix_folded_len(text.get(i..)?, "cle")?;
    i += n;
    if matches!(b.get(i), Some(b'f' | b'F')) {
        i += 1; // `clef`
    }
    skip(&mut i);
    if b.get(i) == Some(&b':') {
        i += 1;
        skip(&mut i);
    }
    let (d0, d1) = (*b.get(i)?, *b.get(i + 1)?);
    if !d0.is_ascii_digit() || !d1.is_ascii_digit() {
        return None;
    }
    if char_at(text, i + 2).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut e = i + 2;
    if b.get(e) == Some(&b')') && text[..i].contains('(') {
        e += 1;
    }
    Some(((d0 - b'0') * 10 + (d1 - b'0'), e))
}

/// True when every separator inside the NIR falls between two of its fields (sex,
/// year, month, département, commune, order, key).
fn fields_grouped(w: &Walk) -> bool {
    (1..w.len.min(15)).all(|i| w.gap[i] == Gap::None || matches!(i, 1 | 3 | 5 | 7 | 10 | 13))
}

impl Detector for NirDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        for &(s, e) in &scan.digit_runs {
            // The first digit is the sex digit: 1/2 (NIR), 7/8 (NIA, provisional),
            // 3/4 (cited by secondary sources, low confidence). 5/6 are CNAM's MIG
            // numbers, 13 digits without a key: not NIRs.
            if e - s > 15 || !matches!(b[s], b'1'..=b'4' | b'7' | b'8') {
                continue;
            }
            // The commonest rejections of the start test below, before `can_reach`.
            match quick_start(b, s) {
                Some(Start::No) => continue,
                Some(Start::AfterNumber) if e - s != 1 && e - s < 13 => continue,
                _ => {}
            }
            if !can_reach(b, s, e, 13, ALL, true) {
                continue;
            }
            let start = start_kind(text, s);
            // Inside a longer sequence of numbers, a NIR can only begin with its sex
            // digit written apart (`… 12 1 85 05 …`) or as a whole compact number:
            // tables of two-digit numbers are not walked from every cell.
            if start == Start::No || (start == Start::AfterNumber && e - s != 1 && e - s < 13) {
                continue;
            }
            let w = Walk::read(b, s, 15, ALL, |i, c, sym| {
                i == 6 && sym[5] == b'2' && matches!(c, b'A' | b'B' | b'a' | b'b')
            });
            if w.len < 13 {
                continue;
            }
            let body = &w.sym[..13];
            let Some(key) = key_of(body) else { continue };
            let st = structure(body);
            // The key: two more symbols, or `clé NN` after the body.
            let (got_key, end) = if w.len == 15 && w.ends_token(text, 15) {
                let k = (w.sym[13] - b'0') * 10 + (w.sym[14] - b'0');
                (Some(k), w.end(14))
            } else if w.ends_token(text, 13) {
                match key_after(text, w.end(12)) {
                    Some((k, end)) => (Some(k), end),
                    None => (None, w.end(12)),
                }
            } else {
                continue;
            };
            // The label is looked up only when it can change the outcome: a valid
            // key, or a failed/missing key at a token start.
            let key_ok = got_key == Some(key);
            let worth =
                key_ok || (start == Start::Clean && (got_key.is_some() || st == Structure::Good));
            if !worth {
                continue;
            }
            let ctx = context_before(text, s, WINDOW, &CONTEXT);
            // Without a label, separators may only fall between the NIR's fields
            // (`2 84 05 88 321 025 32`, `1850578006084 36`): a table of small numbers
            // is not a NIR.
            if !ctx && !fields_grouped(&w) {
                continue;
            }
            let (conf, reason) = match got_key {
                Some(k) if k == key => {
                    let base = match (st, ctx) {
                        (Structure::Good, true) => 990,
                        (Structure::Good, false) => 940,
                        (Structure::Unusual, true) => 900,
                        (Structure::Unusual, false) => 700,
                        (Structure::Bad, true) => 850,
                        (Structure::Bad, false) => 600,
                    };
                    let base = if start == Start::AfterNumber && !ctx {
                        base - 40
                    } else {
                        base
                    };
                    let reason = if ctx {
                        Reason::ChecksumAndContext
                    } else {
                        Reason::Checksum
                    };
                    (base, reason)
                }
                Some(_) if ctx && start == Start::Clean => (350, Reason::ContextChecksumFailed),
                None if ctx && start == Start::Clean && st == Structure::Good => {
                    (550, Reason::Context)
                }
                _ => continue,
            };
            out.push(Finding::new(Kind::Nir, s, end, conf, "nir", reason));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nirs(text: &str) -> Vec<(&str, u16, Reason)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        NirDetector::new().detect(&scan, &mut out);
        out.iter()
            .map(|f| (&text[f.span.range()], f.confidence, f.reason))
            .collect()
    }

    fn one(text: &str) -> &str {
        let got = nirs(text);
        assert_eq!(got.len(), 1, "{text:?}: {got:?}");
        assert!(got[0].1 >= 900, "{text:?}: {got:?}");
        got[0].0
    }

    #[test]
    fn keys() {
        assert_eq!(key_of(b"2951099126111"), Some(93));
        assert_eq!(key_of(b"284052A321025"), Some(52));
        assert_eq!(key_of(b"284052B321025"), Some(79));
        assert_eq!(key_of(b"253072B073004"), Some(70));
        assert_eq!(key_of(b"2840C2A321025"), None);
    }

    #[test]
    fn written_forms() {
        for t in [
            "2 95 10 99 126 111 93",
            "295109912611193",
            "2\u{a0}95\u{a0}10\u{a0}99\u{a0}126\u{a0}111\u{a0}93",
            "2\u{202f}95\u{202f}10\u{202f}99\u{202f}126\u{202f}111\u{202f}93",
            "2.95.10.99.126.111.93",
            "2-95-10-99-126-111-93",
            "2951099126111 93",
            "2 95 10 99 126 111 - 93",
            "2 95 10 99 126 111 – 93",
            "2 84 05 2A 321 025 52",
            "2 84 05 2a 321 025 52",
            "253072B07300470",
        ] {
            let text = format!("NIR : {t}.");
            assert_eq!(one(&text), t, "{text}");
            assert_eq!(one(t), t);
        }
        assert_eq!(
            one("Sécurité sociale 2 95 10 99 126 111 clé 93, merci"),
            "2 95 10 99 126 111 clé 93"
        );
        assert_eq!(
            one("NIR 2951099126111 clef : 93"),
            "2951099126111 clef : 93"
        );
        assert_eq!(
            one("assuré n° 2951099126111 (clé 93)."),
            "2951099126111 (clé 93)"
        );
        assert_eq!(
            one("immatriculé sous le numéro 1 83 02 69 682 020 - 53, vous"),
            "1 83 02 69 682 020 - 53"
        );
    }

    #[test]
    fn tables_of_numbers_are_not_nirs() {
        // Key valid by chance, groups not on the NIR's fields.
        let t = "2 3 4 5 6 7\t    30 40 50 60 70 80 90 100 110 120\n";
        assert!(nirs(t).is_empty(), "{:?}", nirs(t));
        assert!(nirs("70 80 90 100 110 120").is_empty());
        assert!(nirs("29 51 09 91 26 11 19 3").is_empty());
        assert_eq!(nirs("NIR : 29 51 09 91 26 11 19 3").len(), 1);
    }

    #[test]
    fn failed_key_under_context() {
        let got = nirs("N° de sécurité sociale : 2 84 05 88 321 025 30");
        assert_eq!(
            got,
            [("2 84 05 88 321 025 30", 350, Reason::ContextChecksumFailed)]
        );
        assert!(nirs("Référence 2 84 05 88 321 025 30").is_empty());
        let got = nirs("NIR : 1 85 05 78 006 084, clé inconnue");
        assert_eq!(got, [("1 85 05 78 006 084", 550, Reason::Context)]);
    }

    #[test]
    fn rejects_look_alikes() {
        for t in [
            "295109912611199",   // key
            "2951099126111930",  // 16 digits
            "12951099126111931", // inside a longer run
            "x295109912611193",  // glued letter
            "295109912611193x",
            "0,295109912611193", // decimal part
            "+295109912611193",
            "2.95.10.99.126.111.93.12", // longer dotted number
            "9 95 10 99 126 111 93",    // sex digit
            "2 95 13 99 126 111 23",    // month 13 (key computed for it: still rejected? no: Bad)
        ] {
            let got = nirs(t);
            assert!(got.iter().all(|g| g.1 <= 600), "{t}: {got:?}");
        }
        assert!(nirs("295109912611199").is_empty());
        assert!(nirs("595109912611140").is_empty()); // valid key, MIG sex digit
        assert!(nirs("2951099126111930").is_empty());
        assert!(nirs("12951099126111931").is_empty());
        assert!(nirs("x295109912611193").is_empty());
        assert!(nirs("+295109912611193").is_empty());
        assert!(nirs("2.95.10.99.126.111.93.12").is_empty());
    }
}
