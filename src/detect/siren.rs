//! SIREN (9 digits) and SIRET (14 digits: SIREN + NIC), Luhn-checked; they identify
//! sole traders, hence personal data. Also the French VAT number `FR` + key + SIREN,
//! reported as `SIREN` (it contains one and identifies the same person).
//!
//! Checks: SIREN Luhn; SIRET Luhn over the 14 digits and over its SIREN, except La
//! Poste's establishments (SIREN 356000000, other than the head office
//! 35600000000048), whose 14 digits must sum to a multiple of 5; VAT key
//! (12 + 3 × (SIREN mod 97)) mod 97. All-zero placeholders are refused.
//!
//! Confidence, and why:
//! - one random 9-digit number in ten passes Luhn, so a **SIREN** needs evidence
//!   besides its checksum: a company word nearby (SIREN, RCS, société, TVA…) gives 950;
//!   without it, only the official 3-3-3 grouping (`552 008 443`, not followed by a
//!   currency) is reported, at 600; a compact 9-digit number alone is not;
//! - a **SIRET** passes two Luhn checks (one in a hundred by chance) and 14-digit
//!   numbers are rare in prose: 850 alone, 970 with context; never a window
//!   inside a longer sequence of numbers;
//! - a VAT number (`FR40303265045`) has a 1-in-97 key and a fixed prefix: 900, 950
//!   with context;
//! - a label right before (`SIRET :`) with a failed checksum: 350.

use super::checksum::{
    PUNCT, Start, Walk, Words, all_same, can_reach, chain_ends_at_or_reaches, context_after,
    context_before, currency_after, luhn, quick_start, reference_before, start_kind, to_u64,
};
use super::space_len;
use super::{Detector, Scan};
use crate::text::char_before;
use crate::{Finding, Kind, Reason};

pub(crate) struct SirenDetector;

impl SirenDetector {
    pub(crate) fn new() -> SirenDetector {
        SirenDetector
    }
}

/// Company words (folded, whole words) looked for before the number.
const CONTEXT: Words = Words::new(&[
    "siren",
    "siret",
    "rcs",
    "r.c.s",
    "r.c.s.",
    "tva",
    "intracommunautaire",
    "immatriculee",
    "immatricule",
    "immatriculation",
    "entreprise",
    "societe",
    "sarl",
    "sas",
    "sasu",
    "eurl",
    "auto-entrepreneur",
    "auto-entreprise",
    "micro-entreprise",
    "micro-entrepreneur",
    "entrepreneur",
    "entrepreneur individuel",
    "etablissement",
    "employeur",
    "kbis",
    "registre du commerce",
    "artisan",
    "code ape",
    "naf",
    "urssaf",
    "raison sociale",
]);

/// Words right after the number that make it a company number (`… 443 RCS Paris`).
const AFTER: Words = Words::new(&["rcs", "r.c.s", "r.c.s."]);

/// Other 9-digit registries whose numbers also pass Luhn (health establishments,
/// health professionals): right before the number, they make it not a SIREN.
const OTHER_REGISTRIES: Words = Words::new(&["finess", "adeli", "rpps", "ej", "eg"]);

/// Strong labels: a failed checksum right after one is still reported.
const LABELS: Words = Words::new(&["siren", "siret"]);

fn siret_ok(d: &[u8]) -> bool {
    if &d[..9] == b"356000000" && d != b"35600000000048" {
        let sum: u32 = d.iter().map(|&c| u32::from(c - b'0')).sum();
        return sum % 5 == 0;
    }
    luhn(d) && luhn(&d[..9])
}

fn has_context(text: &str, start: usize, end: usize) -> bool {
    context_before(text, start, 64, &CONTEXT) || context_after(text, end, 24, &AFTER)
}

impl Detector for SirenDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let runs = &scan.digit_runs;
        let mut it = runs.iter();
        while let Some(&(s, e)) = it.next() {
            if e - s > 14 {
                continue;
            }
            if let Some(f) = vat(text, s) {
                out.push(f);
                continue;
            }
            if quick_start(b, s).is_some() || !can_reach(b, s, e, 9, PUNCT, false) {
                continue;
            }
            // A SIREN ends a token after 9 digits (a group ends there), a SIRET has 14:
            // a phone number (`06 12 34 56 78`) is neither, and is not walked.
            // The index of this run, from what the iterator has left.
            let i = runs.len() - it.len() - 1;
            if !chain_ends_at_or_reaches(scan, i, PUNCT, 9, 14) {
                continue;
            }
            let start = start_kind(text, s);
            // Weak checks (Luhn, 1 in 10; mod 511 on a common length): only a number
            // that starts a token, never a window inside a longer sequence of numbers
            // (and each number of a phone or a table is not walked again).
            if start != Start::Clean {
                continue;
            }
            let w = Walk::read(b, s, 14, PUNCT, |_, _, _| false);
            if w.len < 9 {
                continue;
            }
            let mut siret_found = false;
            for n in [14, 9] {
                // A 14-digit number reported (valid, or under a SIRET label) is not
                // also read as its first nine digits.
                if w.len < n || !w.ends_token(text, n) || siret_found {
                    continue;
                }
                let d = w.syms(n);
                if all_same(d) {
                    continue;
                }
                let end = w.end(n - 1);
                let (kind, valid) = if n == 14 {
                    (Kind::Siret, siret_ok(d))
                } else {
                    (Kind::Siren, luhn(d))
                };
                // An invalid number: only a label right before makes it worth reporting.
                if !valid {
                    if (n == 14 || w.whole(9)) && context_before(text, s, 24, &LABELS) {
                        out.push(Finding::new(
                            kind,
                            s,
                            end,
                            350,
                            "siren",
                            Reason::ContextChecksumFailed,
                        ));
                        siret_found = n == 14;
                    }
                    continue;
                }
                if context_before(text, s, 24, &OTHER_REGISTRIES) {
                    break;
                }
                let ctx = has_context(text, s, end);
                let (conf, reason) = {
                    let conf = match (kind, ctx) {
                        (Kind::Siret, true) => 970,
                        (Kind::Siret, false)
                            if start == Start::Clean && !reference_before(text, s) =>
                        {
                            850
                        }
                        (_, true) => 950,
                        // 3-3-3, the official way of writing a SIREN.
                        (_, false)
                            if start == Start::Clean
                                && w.whole(9)
                                && grouped_333(&w)
                                && !currency_after(text, end)
                                && !reference_before(text, s) =>
                        {
                            600
                        }
                        _ => continue,
                    };
                    let reason = if ctx {
                        Reason::ChecksumAndContext
                    } else {
                        Reason::Checksum
                    };
                    (conf, reason)
                };
                out.push(Finding::new(kind, s, end, conf, "siren", reason));
                siret_found = n == 14;
            }
        }
    }
}

/// `552 008 443` / `552.008.443` / `552-008-443`: three groups of three.
fn grouped_333(w: &Walk) -> bool {
    let mut g = [0u8; 24];
    let k = w.groups(9, &mut g);
    g[..k] == [3, 3, 3]
}

/// A French VAT number starting at the digit run `s` (`FR40303265045`,
/// `FR 40 303 265 045`), reported as the SIREN it contains.
fn vat(text: &str, s: usize) -> Option<Finding> {
    let b = text.as_bytes();
    // The `R` of `FR` is right before the digits or before one space (a digit
    // cannot follow a longer space character at `s - 1`).
    let p = s.checked_sub(1)?;
    let r_before = match b[p] {
        b'R' | b'r' => true,
        b' ' | b'\t' => p >= 1 && matches!(b[p - 1], b'R' | b'r'),
        _ => false,
    };
    if !r_before {
        return None;
    }
    let ls = if s >= 2 && b[s - 1].is_ascii_alphabetic() {
        s - 2
    } else {
        let n = space_len(b, s.checked_sub(1)?)?;
        s.checked_sub(n + 2)?
    };
    if !b[ls..ls + 2].eq_ignore_ascii_case(b"FR")
        || char_before(text, ls).is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let w = Walk::read(b, s, 11, PUNCT, |_, _, _| false);
    if w.len != 11 || !w.ends_token(text, 11) {
        return None;
    }
    let d = w.syms(11);
    let (key, siren) = (to_u64(&d[..2])?, to_u64(&d[2..])?);
    if &d[2..5] == b"000" || !luhn(&d[2..]) || key != (12 + 3 * (siren % 97)) % 97 {
        return None;
    }
    let ctx = has_context(text, ls, w.end(10));
    let (conf, reason) = if ctx {
        (950, Reason::ChecksumAndContext)
    } else {
        (900, Reason::Checksum)
    };
    Some(Finding::new(
        Kind::Siren,
        ls,
        w.end(10),
        conf,
        "siren",
        reason,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str, u16, Reason)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        SirenDetector::new().detect(&scan, &mut out);
        crate::resolve::resolve(&mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.span.range()], f.confidence, f.reason))
            .collect()
    }

    #[test]
    fn sirens() {
        for t in [
            "552 008 443",
            "552008443",
            "552.008.443",
            "552-008-443",
            "356000000",
        ] {
            let text = format!("Société X, SIREN {t}.");
            assert_eq!(
                found(&text),
                [(Kind::Siren, t, 950, Reason::ChecksumAndContext)]
            );
        }
        assert_eq!(found("RCS Paris B 552 008 443")[0].1, "552 008 443");
        assert_eq!(found("552 008 443 R.C.S. Paris")[0].2, 950);
        assert_eq!(found("le 552 008 443.")[0].2, 600);
        assert!(found("552008443").is_empty());
        assert!(found("552 008 443 €").is_empty());
        assert!(found("552 008 443,00").is_empty());
        assert!(found("SIREN 000 000 000").is_empty());
        assert_eq!(
            found("SIREN : 552 008 442"),
            [(
                Kind::Siren,
                "552 008 442",
                350,
                Reason::ContextChecksumFailed
            )]
        );
    }

    #[test]
    fn sirets() {
        for t in [
            "732 829 320 00074",
            "73282932000074",
            "329.338.88300153",
            "752-932-715-00010",
            "356 000 000 09075",
            "35600000000048",
        ] {
            assert_eq!(found(t), [(Kind::Siret, t, 850, Reason::Checksum)], "{t}");
            let text = format!("SIRET : {t}");
            assert_eq!(found(&text)[0].2, 970);
        }
        for t in [
            "73282932000079",
            "35600000049838",
            "75293271200017",
            "1 73282932000074",
        ] {
            assert!(found(t).iter().all(|f| f.0 != Kind::Siret), "{t}");
        }
        assert_eq!(
            found("SIRET : 73282932000079")[0].3,
            Reason::ContextChecksumFailed
        );
    }

    #[test]
    fn references_are_not_company_numbers() {
        assert!(found("Colis n° 73282932000074").is_empty());
        assert!(found("Dossier 552 008 443").is_empty());
        assert!(found("Établissement : clinique, FINESS 750712184").is_empty());
        assert_eq!(found("Établissement : clinique, SIREN 750712184").len(), 1);
        assert_eq!(found("Dossier de la société 552 008 443").len(), 1);
    }

    #[test]
    fn vat_numbers() {
        for t in [
            "FR40303265045",
            "FR 40 303 265 045",
            "fr40303265045",
            "FR 40303265045",
        ] {
            let text = format!("N° TVA : {t}.");
            assert_eq!(
                found(&text),
                [(Kind::Siren, t, 950, Reason::ChecksumAndContext)],
                "{t}"
            );
        }
        assert!(found("FR41303265045").is_empty());
        assert!(found("XFR40303265045").is_empty());
    }
}
