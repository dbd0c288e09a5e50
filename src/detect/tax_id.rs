//! TAX_ID: the numéro fiscal (SPI) of a person, 13 digits, first digit 0–3, the last
//! three equal to the first ten mod 511. Written compact or `30 23 217 600 053`
//! (2-2-3-3-3); only spaces as separators (a dotted or dashed 13-digit number is some
//! other reference).
//!
//! Confidence: key + a tax word before (numéro fiscal, SPI, avis d'imposition…) 960;
//! key alone 750 (the key is a 1-in-511 check, but 13-digit numbers also include NIRs
//! written without their key, with which it shares first digits 1–3); never a window
//! inside a longer sequence of numbers; a failed key right after a tax label 350.

use super::checksum::{
    SPACES, Start, Walk, Words, all_same, can_reach, chain_digits, context_before, quick_start,
    reference_before, start_kind, to_u64,
};
use super::{Detector, Scan};
use crate::{Finding, Kind, Reason};

pub(crate) struct TaxIdDetector;

impl TaxIdDetector {
    pub(crate) fn new() -> TaxIdDetector {
        TaxIdDetector
    }
}

/// Tax words (folded, whole words) looked for before the number.
const CONTEXT: Words = Words::new(&[
    "fiscal",
    "fiscale",
    "numero fiscal",
    "identifiant fiscal",
    "spi",
    "nif",
    "imposition",
    "impot",
    "impots",
    "contribuable",
    "declarant",
    "declarante",
    "dgfip",
    "fip",
]);

/// Strong labels for a failed key.
const LABELS: Words = Words::new(&["fiscal", "fiscale", "spi", "nif"]);

fn key_ok(d: &[u8]) -> bool {
    matches!(d[0], b'0'..=b'3')
        && !all_same(d)
        && matches!((to_u64(&d[..10]), to_u64(&d[10..])), (Some(n), Some(k)) if n % 511 == k)
}

/// [`chain_digits`] with spaces, up to 13, kept out of the loop over the runs (most
/// runs never get there).
#[inline(never)]
fn spaced_digits(scan: &Scan<'_>, i: usize) -> usize {
    chain_digits(scan, i, SPACES, 13)
}

impl Detector for TaxIdDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let runs = &scan.digit_runs;
        let mut it = runs.iter();
        while let Some(&(s, e)) = it.next() {
            if e - s > 13 || !matches!(b[s], b'0'..=b'3') {
                continue;
            }
            if quick_start(b, s).is_some() || !can_reach(b, s, e, 13, SPACES, false) {
                continue;
            }
            // The index of this run, from what the iterator has left.
            let i = runs.len() - it.len() - 1;
            if spaced_digits(scan, i) < 13 {
                continue;
            }
            let start = start_kind(text, s);
            // Weak checks (Luhn, 1 in 10; mod 511 on a common length): only a number
            // that starts a token, never a window inside a longer sequence of numbers
            // (and each number of a phone or a table is not walked again).
            if start != Start::Clean {
                continue;
            }
            let w = Walk::read(b, s, 13, SPACES, |_, _, _| false);
            if w.len < 13 || !w.ends_token(text, 13) {
                continue;
            }
            let d = w.syms(13);
            let end = w.end(12);
            let valid = key_ok(d);
            if !(valid || (start == Start::Clean && w.whole(13))) {
                continue;
            }
            let ctx = valid && context_before(text, s, 64, &CONTEXT);
            let (conf, reason) = match (valid, ctx) {
                (true, true) => (960, Reason::ChecksumAndContext),
                (true, false)
                    if start == Start::Clean && w.whole(13) && !reference_before(text, s) =>
                {
                    (750, Reason::Checksum)
                }
                (false, _)
                    if start == Start::Clean
                        && w.whole(13)
                        && matches!(d[0], b'0'..=b'3')
                        && context_before(text, s, 32, &LABELS) =>
                {
                    (350, Reason::ContextChecksumFailed)
                }
                _ => continue,
            };
            out.push(Finding::new(Kind::TaxId, s, end, conf, "tax_id", reason));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, u16, Reason)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        TaxIdDetector::new().detect(&scan, &mut out);
        out.iter()
            .map(|f| (&text[f.span.range()], f.confidence, f.reason))
            .collect()
    }

    #[test]
    fn finds() {
        for t in [
            "3023217600053",
            "30 23 217 600 053",
            "0701987765493",
            "30\u{a0}23\u{a0}217\u{a0}600\u{a0}053",
        ] {
            let text = format!("Numéro fiscal : {t}.");
            assert_eq!(found(&text), [(t, 960, Reason::ChecksumAndContext)]);
            assert_eq!(found(t), [(t, 750, Reason::Checksum)]);
        }
    }

    #[test]
    fn rejects() {
        for t in [
            "3023217600054",
            "9701987765432",
            "0000000000000",
            "30232176000534",
            "3023.217.600.053",
            "3023217600053,5",
            "12 3023217600053",
            "EAN 3023217600053",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        assert_eq!(
            found("N° fiscal : 3023217600054"),
            [("3023217600054", 350, Reason::ContextChecksumFailed)]
        );
    }
}
