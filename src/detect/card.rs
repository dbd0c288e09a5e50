//! CARD: payment card numbers (PAN), 12 to 19 digits, Luhn, and an issuer prefix
//! (IIN) with a length that issuer uses: Visa, Mastercard (51–55, 2221–2720), Amex
//! (34, 37), Diners (300–305, 36, 38, 39), Discover (6011, 644–649, 65), JCB
//! (3528–3589), UnionPay (62, 81), Maestro (50, 56–69), Mir (2200–2204). French CB
//! cards are co-badged Visa or Mastercard numbers.
//!
//! Written compact, in groups of four (`4970 1234 5678 9012`, `4716-2210-5188-5662`,
//! the last group shorter), or 4-6-5 (Amex). Other groupings (`49 70 12 …`) are not
//! how cards are written: reported only with a card word before.
//!
//! Confidence: Luhn + IIN + a card word before 980; Luhn + IIN 900 (a 14-digit
//! Diners or Maestro number 800: it is also the length of a SIRET, which is far more
//! frequent in French documents, and the SIRET detector wins without card context); a card word right
//! before a 16-digit number whose Luhn fails 350.

use super::checksum::{
    PUNCT, Start, Walk, Words, can_reach, chain_digits, context_before, luhn, quick_start,
    reference_before, start_kind,
};
use super::{Detector, Scan};
use crate::{Finding, Kind, Reason};

pub(crate) struct CardDetector;

impl CardDetector {
    pub(crate) fn new() -> CardDetector {
        CardDetector
    }
}

/// Card words (folded, whole words) looked for before the number.
const CONTEXT: Words = Words::new(&[
    "carte",
    "cartes",
    "cb",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "maestro",
    "diners",
    "jcb",
    "card",
    "pan",
    "carte bancaire",
    "paiement",
    "credit",
]);

/// True when `d` (ASCII digits) starts with an issuer prefix used with this length.
fn iin_ok(d: &[u8]) -> bool {
    let n = d.len();
    let p = |k: usize| -> u32 { d[..k].iter().fold(0, |a, &c| a * 10 + u32::from(c - b'0')) };
    let (p1, p2, p3, p4) = (p(1), p(2), p(3), p(4));
    match p1 {
        4 => matches!(n, 13 | 16 | 19),
        5 => match p2 {
            51..=55 => n == 16,
            50 | 56..=59 => (12..=19).contains(&n),
            _ => false,
        },
        2 => ((2221..=2720).contains(&p4) && n == 16) || ((2200..=2204).contains(&p4) && n >= 16),
        3 => match p2 {
            34 | 37 => n == 15,
            36 | 38 | 39 => (14..=19).contains(&n),
            35 => (3528..=3589).contains(&p4) && (16..=19).contains(&n),
            30 => (300..=305).contains(&p3) && (14..=19).contains(&n),
            _ => false,
        },
        6 => (12..=19).contains(&n),
        8 => p2 == 81 && (16..=19).contains(&n),
        _ => false,
    }
}

/// True for the groupings cards are printed with: compact, 4-4-…-(1..4), 4-6-5/4-6-4.
fn grouping_ok(g: &[u8]) -> bool {
    match g {
        [_] => true,
        [4, 6, 4 | 5] => true,
        [init @ .., last] => init.iter().all(|&x| x == 4) && (1..=4).contains(last),
        [] => false,
    }
}

impl Detector for CardDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let mut last_end = 0;
        // The cheap tests on every digit run here, the rest out of line: this loop
        // keeps its few values in registers.
        for (i, &(s, e)) in scan.digit_runs.iter().enumerate() {
            if s < last_end || e - s > 19 || !matches!(b[s], b'2'..=b'6' | b'8') {
                continue;
            }
            // Twelve digits are reachable only through a separator and a digit (what
            // the chain of runs in `card_at` needs first).
            if quick_start(b, s).is_some() || !can_reach(b, s, e, 12, PUNCT, false) {
                continue;
            }
            if let Some(end) = card_at(scan, i, out) {
                last_end = end;
            }
        }
    }
}

/// The card number starting at digit run `i`, if any: pushed onto `out`, and its end
/// returned.
#[inline(never)]
fn card_at(scan: &Scan<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
    let b = scan.bytes();
    let text = scan.text;
    let s = scan.digit_runs[i].0;
    if chain_digits(scan, i, PUNCT, 12) < 12 {
        return None;
    }
    let start = start_kind(text, s);
    // Weak checks (Luhn, 1 in 10; mod 511 on a common length): only a number
    // that starts a token, never a window inside a longer sequence of numbers
    // (and each number of a phone or a table is not walked again).
    if start != Start::Clean {
        return None;
    }
    let w = Walk::read(b, s, 19, PUNCT, |_, _, _| false);
    if w.len < 12 {
        return None;
    }
    let mut groups = [0u8; 24];
    // The card words before, looked up once and only when needed.
    let mut ctx_cache: Option<bool> = None;
    let mut ctx = || *ctx_cache.get_or_insert_with(|| context_before(text, s, 48, &CONTEXT));
    // Longest first: a 16-digit card is not read as a 13-digit one.
    for n in (12..=w.len).rev() {
        if !w.ends_token(text, n) {
            continue;
        }
        let d = w.syms(n);
        let valid = iin_ok(d) && luhn(d) && !super::checksum::all_same(&d[1..]);
        // Only a valid number, or 16 digits, goes on: the grouping is looked
        // at after that.
        if !valid && n != 16 {
            continue;
        }
        let k = w.groups(n, &mut groups);
        let grouped = grouping_ok(&groups[..k]);
        if !(valid || (n == 16 && grouped && start == Start::Clean)) {
            continue;
        }
        let ctx = ctx();
        let (conf, reason) = if valid && (grouped || ctx) {
            let conf = match (ctx, n == 14) {
                (true, _) => 980,
                (false, true) => 800,
                (false, false) => 900,
            };
            // After an order/invoice word, a Luhn-valid number is not a card
            // without a card word.
            if !ctx && reference_before(text, s) {
                continue;
            }
            let reason = if ctx {
                Reason::ChecksumAndContext
            } else {
                Reason::Checksum
            };
            (conf, reason)
        } else if !valid
            && n == 16
            && grouped
            && start == Start::Clean
            && context_before(text, s, 24, &CONTEXT)
        {
            (350, Reason::ContextChecksumFailed)
        } else {
            continue;
        };
        let end = w.end(n - 1);
        out.push(Finding::new(Kind::Card, s, end, conf, "card", reason));
        return Some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &str) -> Vec<(&str, u16, Reason)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        CardDetector::new().detect(&scan, &mut out);
        out.iter()
            .map(|f| (&text[f.span.range()], f.confidence, f.reason))
            .collect()
    }

    #[test]
    fn unreachable_twelve_means_a_short_chain() {
        let alphabet: &[&str] = &[
            "4970",
            "1015",
            "6078",
            "9012",
            "12",
            "1",
            " ",
            " ",
            ".",
            "-",
            "/",
            ",",
            "a",
            "\u{a0}",
            "\u{2013}",
            "4242424242424242",
        ];
        let mut rng = crate::testrng::Lcg(43);
        let mut rejected = 0;
        let mut t = String::new();
        for _ in 0..20000 {
            t.clear();
            for _ in 0..rng.next() % 12 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = Scan::new(&t, Vec::new());
            for (i, &(s, e)) in scan.digit_runs.iter().enumerate() {
                if !can_reach(t.as_bytes(), s, e, 12, PUNCT, false) {
                    rejected += 1;
                    assert!(chain_digits(&scan, i, PUNCT, 12) < 12, "{t:?} {i}");
                }
            }
        }
        assert!(rejected > 10000, "{rejected}");
    }

    #[test]
    fn issuers() {
        assert!(iin_ok(b"2720428011723762"));
        assert!(!iin_ok(b"2721465526338453"));
        assert!(iin_ok(b"2222155765072228"));
        assert!(!iin_ok(b"2220175103860763"));
        assert!(iin_ok(b"378282246310005"));
        assert!(!iin_ok(b"3782822463100050"));
        assert!(iin_ok(b"36227206271667"));
        assert!(!iin_ok(b"1234567812345670"));
        assert!(grouping_ok(&[4, 4, 4, 4]) && grouping_ok(&[4, 6, 5]) && grouping_ok(&[16]));
        assert!(grouping_ok(&[4, 4, 4, 3]) && !grouping_ok(&[2, 2, 4, 4, 4]));
    }

    #[test]
    fn written_forms() {
        for t in [
            "4970 1015 6078 9012",
            "4242424242424242",
            "4716-2210-5188-5662",
            "4929\u{a0}7226\u{a0}5379\u{a0}7141",
            "3782 822463 10005",
            "3788 2824 6310 005",
            "5555 5555 5555 4444",
            "6011 1111 1111 1117",
        ] {
            let text = format!("Paiement refusé, carte n° {t}, exp. 12/27");
            let got = cards(&text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, t);
            assert_eq!(got[0].1, 980);
            let got = cards(t);
            assert_eq!(got.len(), 1, "{t}: {got:?}");
            assert_eq!(got[0].1, 900);
        }
    }

    #[test]
    fn rejects() {
        for t in [
            "4242424242424241",
            "42424242424242420",
            "x4242424242424242",
            "4242424242424242x",
            "1 234 567 890 123,45",
            "42 42 42 42 42 42 42 42",
            "0,4242424242424242",
            "2721465526338453",
        ] {
            assert!(cards(t).is_empty(), "{t}: {:?}", cards(t));
        }
        assert_eq!(
            cards("carte n° 4242 4242 4242 4241"),
            [("4242 4242 4242 4241", 350, Reason::ContextChecksumFailed)]
        );
        assert!(cards("Commande n° 4242 4242 4242 4242 expédiée").is_empty());
        assert_eq!(
            cards("Commande payée par carte n° 4242 4242 4242 4242").len(),
            1
        );
        // Grouped in pairs: only with a card word.
        assert_eq!(cards("CB : 42 42 42 42 42 42 42 42").len(), 1);
    }
}
