//! PLATE: French vehicle registrations, from `Scan::digit_runs`.
//!
//! - SIV (since 2009): `AB-123-CD`, `AB 123 CD`, `AB123CD`: two letters, three digits
//!   (not `000`), two letters; letters never `I`, `O`, `U`; neither pair is `SS`.
//!   The dashed upper-case form is distinctive and reported on its own; spaced,
//!   (unless a reference word such as *réf.*, *produit*, *lot* comes right before); spaced,
//!   compact and lower-case forms need a vehicle word before them (immatriculation,
//!   plaque, véhicule, carte grise…).
//! - FNI (before 2009): `123 ABC 75`, `1234 AB 69`, `12 ABC 2A`, `123 AB 971`: one to
//!   four digits, one to three letters (no `I`/`O`), a département code; always
//!   needs a vehicle word.

use super::checksum::Words;
use super::has_word_folded;
use super::space_len;
use super::{Detector, Scan};
use crate::text::{char_at, char_before, window_before};
use crate::{Finding, Kind, Reason};

pub(crate) struct PlateDetector;

impl PlateDetector {
    pub(crate) fn new() -> PlateDetector {
        PlateDetector
    }
}

/// Vehicle words (folded).
const VEHICLE_WORDS: Words = Words::new(&[
    "immatriculation",
    "immatricule",
    "immatriculee",
    "immat",
    "immat.",
    "plaque",
    "plaques",
    "vehicule",
    "vehicules",
    "veh.",
    "voiture",
    "carte grise",
    "cg",
    "siv",
    "fni",
    "moto",
    "scooter",
    "camion",
    "camionnette",
    "automobile",
    "auto",
    "fourgon",
    "remorque",
    "cyclomoteur",
]);

/// Words that make a bare `AB-123-CD` a reference code rather than a plate (folded).
const REFERENCE_WORDS: Words = Words::new(&[
    "ref",
    "ref.",
    "reference",
    "produit",
    "article",
    "modele",
    "code",
    "lot",
    "dossier",
    "commande",
    "facture",
    "formulaire",
    "cerfa",
    "piece",
    "serie",
]);

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A SIV letter (either case): A–Z without I, O, U.
#[inline]
fn siv_letter(c: u8) -> bool {
    c.is_ascii_alphabetic() && !matches!(c.to_ascii_uppercase(), b'I' | b'O' | b'U')
}

fn siv_pair(p: &[u8]) -> bool {
    p.len() == 2 && siv_letter(p[0]) && siv_letter(p[1]) && !p.eq_ignore_ascii_case(b"SS")
}

/// Separator between plate blocks: `-`, a space-like character, or nothing.
fn sep_before(b: &[u8], i: usize) -> (usize, u8) {
    if i > 0 && b[i - 1] == b'-' {
        return (1, b'-');
    }
    for l in [1usize, 2, 3] {
        if i >= l && space_len(b, i - l) == Some(l) {
            return (l, b' ');
        }
    }
    (0, 0)
}

fn sep_after(b: &[u8], i: usize) -> (usize, u8) {
    if b.get(i) == Some(&b'-') {
        return (1, b'-');
    }
    match space_len(b, i) {
        Some(l) => (l, b' '),
        None => (0, 0),
    }
}

fn has_vehicle_context(text: &str, start: usize) -> bool {
    has_word_folded(window_before(text, start, 80), &VEHICLE_WORDS)
}

/// A département code at `i`: `01`–`95`, `2A`/`2B`, `971`–`976`. Returns its end.
fn departement(b: &[u8], i: usize) -> Option<usize> {
    let d = |k: usize| b.get(i + k).copied().filter(u8::is_ascii_digit);
    let (a, c) = (d(0)?, b.get(i + 1).copied()?);
    if a == b'2' && matches!(c, b'A' | b'B') {
        return Some(i + 2);
    }
    let c = d(1)?;
    if let Some(e) = d(2) {
        let n = (a - b'0') as u32 * 100 + (c - b'0') as u32 * 10 + (e - b'0') as u32;
        return ((971..=976).contains(&n)).then_some(i + 3);
    }
    let n = (a - b'0') * 10 + (c - b'0');
    (1..=95).contains(&n).then_some(i + 2)
}

impl PlateDetector {
    fn siv(&self, scan: &Scan<'_>, s: usize, e: usize, out: &mut Vec<Finding>) -> bool {
        let text = scan.text;
        let b = scan.bytes();
        if e - s != 3 || (b[s] == b'0' && b[s + 1] == b'0' && b[s + 2] == b'0') {
            return false;
        }
        let (l1, k1) = sep_before(b, s);
        let (l2, k2) = sep_after(b, e);
        if k1 != k2 || s < l1 + 2 || e + l2 + 2 > b.len() {
            return false;
        }
        let (ps, pe) = (s - l1 - 2, e + l2 + 2);
        let (p1, p2) = (&b[ps..ps + 2], &b[pe - 2..pe]);
        if !siv_pair(p1) || !siv_pair(p2) {
            return false;
        }
        if char_before(text, ps).is_some_and(is_word_char)
            || char_at(text, pe).is_some_and(is_word_char)
        {
            return false;
        }
        let upper = p1.iter().chain(p2).all(u8::is_ascii_uppercase);
        let lower = p1.iter().chain(p2).all(u8::is_ascii_lowercase);
        if !upper && !lower {
            return false;
        }
        let ctx = has_vehicle_context(text, ps);
        let (conf, reason) = match (ctx, upper && k1 == b'-') {
            (true, _) => (960, Reason::Context),
            (false, true) => {
                if has_word_folded(window_before(text, ps, 32), &REFERENCE_WORDS) {
                    return false;
                }
                (880, Reason::Shape)
            }
            (false, false) => return false,
        };
        out.push(Finding::new(Kind::Plate, ps, pe, conf, "plate", reason));
        true
    }

    fn fni(&self, scan: &Scan<'_>, s: usize, e: usize, out: &mut Vec<Finding>) -> bool {
        let text = scan.text;
        let b = scan.bytes();
        if !(1..=4).contains(&(e - s)) {
            return false;
        }
        // The character before: ASCII answered from its byte.
        let glued = match s.checked_sub(1).map(|p| b[p]) {
            None => false,
            Some(c) if c.is_ascii() => c.is_ascii_alphanumeric() || c == b'_',
            Some(_) => char_before(text, s).is_some_and(is_word_char),
        };
        if glued {
            return false;
        }
        let (l1, k1) = sep_after(b, e);
        if l1 == 0 {
            return false;
        }
        let ls = e + l1;
        let mut le = ls;
        while le < b.len() && le - ls < 4 && b[le].is_ascii_uppercase() {
            le += 1;
        }
        let letters = &b[ls..le];
        if !(1..=3).contains(&letters.len()) || letters.iter().any(|&c| matches!(c, b'I' | b'O')) {
            return false;
        }
        let (l2, k2) = sep_after(b, le);
        if l2 == 0 || k2 != k1 {
            return false;
        }
        let Some(end) = departement(b, le + l2) else {
            return false;
        };
        if char_at(text, end).is_some_and(is_word_char) || !has_vehicle_context(text, s) {
            return false;
        }
        out.push(Finding::new(
            Kind::Plate,
            s,
            end,
            900,
            "plate",
            Reason::Context,
        ));
        true
    }
}

/// The bytes a plate's digit block may touch after it: an ASCII letter, `-`, a space,
/// or the first byte of a no-break or narrow space (0xC2, 0xE2).
static NEAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphabetic() || matches!(b, b'-' | b' ' | 0xC2 | 0xE2);
        c += 1;
    }
    t
};

impl Detector for PlateDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        for &(s, e) in &scan.digit_runs {
            // Cheap gate: a plate's digit block has 1 to 4 digits and touches a letter,
            // `-` or a space.
            if !(1..=4).contains(&(e - s)) || !b.get(e).is_some_and(|&c| NEAR[usize::from(c)]) {
                continue;
            }
            // After the digits: a letter glued (`AB123CD`: SIV, three digits only),
            // or one separator then a letter (`AB-123-CD`), upper-case for FNI
            // (`1234 AB 56`). Most numbers have neither.
            let siv_digits = e - s == 3;
            if b[e].is_ascii_alphabetic() {
                if !siv_digits {
                    continue;
                }
            } else {
                let (l, _) = sep_after(b, e);
                let next = b.get(e + l).copied().unwrap_or(0);
                let letter = if siv_digits {
                    next.is_ascii_alphabetic()
                } else {
                    next.is_ascii_uppercase()
                };
                if l == 0 || !letter {
                    continue;
                }
            }
            if !self.siv(scan, s, e, out) {
                self.fni(scan, s, e, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plates(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        PlateDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn gate_table_matches_its_rule() {
        for c in 0..=255u8 {
            let rule = c.is_ascii_alphabetic() || matches!(c, b'-' | b' ' | 0xC2 | 0xE2);
            assert_eq!(NEAR[usize::from(c)], rule, "{c}");
        }
    }

    #[test]
    fn siv() {
        assert_eq!(plates("la voiture AB-123-CD."), ["AB-123-CD"]);
        assert_eq!(plates("AB-123-CD"), ["AB-123-CD"]);
        for p in [
            "AB 123 CD",
            "AB123CD",
            "ab-123-cd",
            "WW-123-AB",
            "AB\u{a0}123\u{a0}CD",
        ] {
            assert_eq!(
                plates(&format!("Immatriculation du véhicule : {p}\n")),
                [p],
                "{p}"
            );
        }
        for t in [
            "AB 123 CD",
            "AB123CD",
            "AI-123-CD",
            "AB-123-CO",
            "SS-123-AB",
            "AB-000-CD",
            "XAB-123-CD",
            "AB-123-CDE",
            "AB-123 CD",
            "Ab-123-cD",
            "véhicule AB-1234-CD",
            "Réf. produit AB-123-CD",
            "lot n° KL-456-MN",
        ] {
            assert!(plates(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn fni() {
        for p in [
            "123 ABC 75",
            "1234 AB 69",
            "12 ABC 2A",
            "123 AB 971",
            "45-KL-13",
        ] {
            assert_eq!(
                plates(&format!("plaque d'immatriculation {p}.")),
                [p],
                "{p}"
            );
        }
        for t in [
            "123 ABC 75",
            "plaque 123 ABC 99",
            "véhicule 123 AIC 75",
            "véhicule 12345 AB 75",
        ] {
            assert!(plates(t).is_empty(), "{t}");
        }
    }
}
