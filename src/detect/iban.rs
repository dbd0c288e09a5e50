//! IBAN (ISO 13616): two letters (a country of the table below), two check digits,
//! then the country's BBAN, the whole ≡ 1 mod 97 once the first four characters are
//! moved to the end (ISO 7064 mod 97-10).
//!
//! Found from each digit run preceded by two letters (`FR76…`, `fr76…`, `NO 44…`),
//! read with [`Walk`] over letters and digits, spaces, dots and dashes, and stopped at
//! exactly the country's length (the next word is never eaten). The BBAN must match
//! the country's format (digits where the registry says digits), which rejects most
//! look-alikes before the mod 97. French-format BBANs (FR, MC and the overseas
//! territories) must also pass the RIB key; Belgian and Spanish ones their national
//! check digits.
//!
//! A French RIB written on its own (`30006 00001 12345678901 89`: bank, branch,
//! account, key) is the BBAN of a French IBAN and is reported as `IBAN` when its RIB
//! key is valid: 900, 970 with a label (`RIB`, `IBAN`, `compte`); compact (23 digits)
//! only with a label.
//!
//! Confidence: mod 97 + format + national key 990; mod 97 + format 970 (a French one
//! whose RIB key fails 900); mod 97 failing with an `IBAN`/`RIB` label right before and
//! the right length 350 (a typo must not leak).

use super::checksum::{
    PUNCT, SPACES, Start, Walk, Words, can_reach, context_before, mod97, quick_start, start_kind,
};
use super::space_len;
use super::{Detector, Scan};
use crate::text::char_before;
use crate::{Finding, Kind, Reason};

pub(crate) struct IbanDetector;

impl IbanDetector {
    pub(crate) fn new() -> IbanDetector {
        IbanDetector
    }
}

/// BBAN formats by country, in the SWIFT registry's notation without `!`: `5n` five
/// digits, `4a` four upper-case letters, `11c` eleven letters or digits. Registry
/// countries (release 101 and later additions), French overseas territories (French
/// format), and countries outside the registry whose IBANs circulate (UEMOA/CEMAC,
/// Maghreb, …) with their usual lengths.
const FORMATS: &[(&[u8; 2], &str)] = &[
    (b"AD", "4n4n12c"),
    (b"AE", "3n16n"),
    (b"AL", "8n16c"),
    (b"AO", "21n"),
    (b"AT", "5n11n"),
    (b"AX", "6n7n1n"),
    (b"AZ", "4a20c"),
    (b"BA", "3n3n8n2n"),
    (b"BE", "3n7n2n"),
    (b"BF", "23c"),
    (b"BF", "24c"),
    (b"BG", "4a4n2n8c"),
    (b"BH", "4a14c"),
    (b"BI", "5n5n11n2n"),
    (b"BJ", "24c"),
    (b"BL", "5n5n11c2n"),
    (b"BR", "8n5n10n1a1c"),
    (b"BY", "4c4n16c"),
    (b"CF", "23c"),
    (b"CG", "23c"),
    (b"CH", "5n12c"),
    (b"CI", "24c"),
    (b"CM", "23c"),
    (b"CR", "4n14n"),
    (b"CV", "21n"),
    (b"CY", "3n5n16c"),
    (b"CZ", "4n6n10n"),
    (b"DE", "8n10n"),
    (b"DJ", "5n5n11n2n"),
    (b"DK", "4n9n1n"),
    (b"DO", "4c20n"),
    (b"DZ", "20n"),
    (b"DZ", "22n"),
    (b"EE", "2n2n11n1n"),
    (b"EG", "4n4n17n"),
    (b"ES", "4n4n1n1n10n"),
    (b"FI", "6n7n1n"),
    (b"FK", "2a12n"),
    (b"FO", "4n9n1n"),
    (b"FR", "5n5n11c2n"),
    (b"GA", "23c"),
    (b"GB", "4a6n8n"),
    (b"GE", "2a16n"),
    (b"GF", "5n5n11c2n"),
    (b"GI", "4a15c"),
    (b"GL", "4n9n1n"),
    (b"GP", "5n5n11c2n"),
    (b"GQ", "23c"),
    (b"GR", "3n4n16c"),
    (b"GT", "4c20c"),
    (b"GW", "21c"),
    (b"HN", "4a20n"),
    (b"HR", "7n10n"),
    (b"HU", "3n4n1n15n1n"),
    (b"IE", "4a6n8n"),
    (b"IL", "3n3n13n"),
    (b"IQ", "4a3n12n"),
    (b"IR", "22n"),
    (b"IS", "4n2n6n10n"),
    (b"IT", "1a5n5n12c"),
    (b"JO", "4a4n18c"),
    (b"KM", "23c"),
    (b"KW", "4a22c"),
    (b"KZ", "3n13c"),
    (b"LB", "4n20c"),
    (b"LC", "4a24c"),
    (b"LI", "5n12c"),
    (b"LT", "5n11n"),
    (b"LU", "3n13c"),
    (b"LV", "4a13c"),
    (b"LY", "3n3n15n"),
    (b"MA", "24n"),
    (b"MC", "5n5n11c2n"),
    (b"MD", "2c18c"),
    (b"ME", "3n13n2n"),
    (b"MF", "5n5n11c2n"),
    (b"MG", "23n"),
    (b"MK", "3n10c2n"),
    (b"ML", "24c"),
    (b"MN", "4n12n"),
    (b"MQ", "5n5n11c2n"),
    (b"MR", "5n5n11n2n"),
    (b"MT", "4a5n18c"),
    (b"MU", "4a2n2n12n3n3a"),
    (b"MZ", "21n"),
    (b"NC", "5n5n11c2n"),
    (b"NE", "24c"),
    (b"NI", "4a20n"),
    (b"NL", "4a10n"),
    (b"NO", "4n6n1n"),
    (b"OM", "3n16c"),
    (b"PF", "5n5n11c2n"),
    (b"PK", "4a16c"),
    (b"PL", "8n16n"),
    (b"PM", "5n5n11c2n"),
    (b"PS", "4a21c"),
    (b"PT", "4n4n11n2n"),
    (b"QA", "4a21c"),
    (b"RE", "5n5n11c2n"),
    (b"RO", "4a16c"),
    (b"RS", "3n13n2n"),
    (b"RU", "9n5n15c"),
    (b"SA", "2n18c"),
    (b"SC", "4a2n2n16n3a"),
    (b"SD", "2n12n"),
    (b"SE", "3n16n1n"),
    (b"SI", "5n8n2n"),
    (b"SK", "4n6n10n"),
    (b"SM", "1a5n5n12c"),
    (b"SN", "24c"),
    (b"SO", "4n3n12n"),
    (b"ST", "8n11n2n"),
    (b"SV", "4a20n"),
    (b"TD", "23c"),
    (b"TF", "5n5n11c2n"),
    (b"TG", "24c"),
    (b"TL", "3n14n2n"),
    (b"TN", "2n3n13n2n"),
    (b"TR", "5n1n16c"),
    (b"UA", "6n19c"),
    (b"VA", "3n15n"),
    (b"VG", "4a16n"),
    (b"WF", "5n5n11c2n"),
    (b"XK", "4n10n2n"),
    (b"YE", "4a4n18c"),
    (b"YT", "5n5n11c2n"),
];

/// Longest IBAN (RU: 33).
const MAX_LEN: usize = 34;

/// Total length of an IBAN with this BBAN format.
#[cfg(test)]
fn format_len(f: &str) -> usize {
    let mut total = 4;
    let mut n = 0;
    for c in f.bytes() {
        if c.is_ascii_digit() {
            n = n * 10 + usize::from(c - b'0');
        } else {
            total += n;
            n = 0;
        }
    }
    total
}

/// True when `bban` (upper-cased) matches the format.
#[cfg(test)]
fn format_ok(f: &str, bban: &[u8]) -> bool {
    let mut i = 0;
    let mut n = 0;
    for c in f.bytes() {
        if c.is_ascii_digit() {
            n = n * 10 + usize::from(c - b'0');
            continue;
        }
        let Some(part) = bban.get(i..i + n) else {
            return false;
        };
        let ok = match c {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_uppercase),
            _ => part.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        i += n;
        n = 0;
    }
    i == bban.len()
}

/// A BBAN format of [`FORMATS`], compiled at build time: the IBAN's length and, for
/// each BBAN position, the classes of bytes it accepts ([`DIGIT`], [`UPPER`],
/// [`LOWER`] bits).
#[derive(Clone, Copy)]
struct Compiled {
    len: u8,
    class: [u8; MAX_LEN],
}

const DIGIT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;

/// [`Compiled`] of `f`: what [`format_len`] and [`format_ok`] read from the string.
const fn compile(f: &str) -> Compiled {
    let f = f.as_bytes();
    let mut c = Compiled {
        len: 4,
        class: [0; MAX_LEN],
    };
    let mut i = 0;
    let mut pos = 0;
    let mut n = 0;
    while i < f.len() {
        let x = f[i];
        if x.is_ascii_digit() {
            n = n * 10 + (x - b'0') as usize;
        } else {
            let class = match x {
                b'n' => DIGIT,
                b'a' => UPPER,
                _ => DIGIT | UPPER | LOWER,
            };
            let mut k = 0;
            while k < n {
                c.class[pos + k] = class;
                k += 1;
            }
            pos += n;
            c.len += n as u8;
            n = 0;
        }
        i += 1;
    }
    c
}

/// [`FORMATS`] compiled, in the same order.
static COMPILED: [Compiled; FORMATS.len()] = {
    let mut t = [Compiled {
        len: 0,
        class: [0; MAX_LEN],
    }; FORMATS.len()];
    let mut k = 0;
    while k < FORMATS.len() {
        t[k] = compile(FORMATS[k].1);
        k += 1;
    }
    t
};

/// The byte classes of [`Compiled::class`] each byte belongs to.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        c += 1;
    }
    t
};

impl Compiled {
    /// [`format_ok`]: `bban` has the format's length and each byte its class.
    fn accepts(&self, bban: &[u8]) -> bool {
        bban.len() + 4 == usize::from(self.len)
            && bban
                .iter()
                .zip(&self.class)
                .all(|(&c, &k)| BYTE_CLASS[usize::from(c)] & k != 0)
    }
}

/// The indexes in [`FORMATS`] of a country's formats (one or two).
fn format_range(cc: [u8; 2]) -> std::ops::Range<usize> {
    let (first, count) = match cc {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            BY_COUNTRY[usize::from(a - b'A') * 26 + usize::from(b - b'A')]
        }
        _ => (0, 0),
    };
    usize::from(first)..usize::from(first) + usize::from(count)
}

/// The formats of a country (one or two).
fn formats(cc: [u8; 2]) -> impl Iterator<Item = &'static str> {
    let (first, count) = match cc {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            BY_COUNTRY[usize::from(a - b'A') * 26 + usize::from(b - b'A')]
        }
        _ => (0, 0),
    };
    let first = usize::from(first);
    FORMATS[first..first + usize::from(count)]
        .iter()
        .map(|(_, f)| *f)
}

/// For each country code (two letters A–Z, first letter major): the index of its
/// first entry in [`FORMATS`] and how many it has, computed at compile time.
static BY_COUNTRY: [(u8, u8); 26 * 26] = {
    assert!(FORMATS.len() <= u8::MAX as usize, "indexes fit a byte");
    let mut t = [(0u8, 0u8); 26 * 26];
    let mut k = 0;
    while k < FORMATS.len() {
        let cc = FORMATS[k].0;
        let i = (cc[0] - b'A') as usize * 26 + (cc[1] - b'A') as usize;
        if t[i].1 == 0 {
            t[i].0 = k as u8;
        }
        t[i].1 += 1;
        k += 1;
    }
    t
};

/// The RIB key check of a French-format BBAN (23 characters): letters of the account
/// number become digits (A, J → 1; B, K, S → 2; …), and the BBAN is ≡ 0 mod 97.
/// The RIB value of a BBAN symbol: a digit, or a letter as the key formula counts it
/// (A–I 1–9, J–R 1–9, S–Z 2–9).
#[inline]
fn rib_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'I' => Some(c - b'A' + 1),
        b'J'..=b'R' => Some(c - b'J' + 1),
        b'S'..=b'Z' => Some(c - b'S' + 2),
        _ => None,
    }
}

fn rib_ok(bban: &[u8]) -> bool {
    // Sixteen digits are added to a remainder below 97 before each reduction:
    // 97 * 10^16 fits in a u64.
    let mut r = 0u64;
    for chunk in bban.chunks(16) {
        for &c in chunk {
            let Some(d) = rib_digit(c) else {
                return false;
            };
            r = r * 10 + u64::from(d);
        }
        r %= 97;
    }
    r == 0
}

/// Belgian national check: the first ten digits mod 97 (0 → 97) are the last two.
fn be_ok(bban: &[u8]) -> bool {
    let (Some(n), Some(k)) = (
        super::checksum::to_u64(&bban[..10]),
        super::checksum::to_u64(&bban[10..12]),
    ) else {
        return false;
    };
    let r = n % 97;
    (if r == 0 { 97 } else { r }) == k
}

/// Spanish national check digits (positions 9-10 of the BBAN).
fn es_ok(bban: &[u8]) -> bool {
    const W: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let digit = |ds: &[u8]| {
        let s: u32 = ds
            .iter()
            .zip(W.iter().skip(10 - ds.len()))
            .map(|(&d, &w)| u32::from(d - b'0') * w)
            .sum();
        match 11 - s % 11 {
            11 => 0,
            10 => 1,
            d => d,
        }
    };
    let d1 = digit(&bban[..8]);
    let d2 = digit(&bban[10..20]);
    u32::from(bban[8] - b'0') == d1 && u32::from(bban[9] - b'0') == d2
}

/// The national check of the BBAN where caviard knows it: `Some(true/false)`, or `None`.
fn national_ok(cc: [u8; 2], bban: &[u8]) -> Option<bool> {
    match &cc {
        b"BE" => Some(be_ok(bban)),
        b"ES" => Some(es_ok(bban)),
        _ if bban.len() == 23 && formats(cc).any(|f| f == "5n5n11c2n") => Some(rib_ok(bban)),
        _ => None,
    }
}

/// Labels before an IBAN (folded, whole words).
const CONTEXT: Words = Words::new(&["iban", "rib", "coordonnees bancaires", "compte", "bic"]);

/// A French RIB starting at the digit run `s`: 5-5-11-2 (the account may hold
/// letters), RIB key valid.
fn rib(text: &str, s: usize, e: usize) -> Option<Finding> {
    let b = text.as_bytes();
    let run = e - s;
    if run != 5 && run != 23 && !(10..=21).contains(&run) {
        return None;
    }
    if quick_start(b, s).is_some()
        || !can_reach(b, s, e, 23, SPACES, true)
        || start_kind(text, s) != Start::Clean
    {
        return None;
    }
    let w = Walk::read(b, s, 23, SPACES, |i, _, _| (10..21).contains(&i));
    if w.len != 23 || !w.ends_token(text, 23) || !rib_ok(&w.sym[..23]) {
        return None;
    }
    let mut g = [0u8; 24];
    let k = w.groups(23, &mut g);
    let ctx = context_before(text, s, 48, &CONTEXT);
    let conf = match (&g[..k], ctx) {
        ([5, 5, 11, 2], true) | ([23], true) => 970,
        ([5, 5, 11, 2], false) => 900,
        _ => return None,
    };
    let reason = if ctx {
        Reason::ChecksumAndContext
    } else {
        Reason::Checksum
    };
    Some(Finding::new(Kind::Iban, s, w.end(22), conf, "iban", reason))
}

impl Detector for IbanDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let mut last_end = 0;
        for &(s, e) in &scan.digit_runs {
            if s < last_end {
                continue;
            }
            if let Some(f) = rib(text, s, e) {
                last_end = f.span.end;
                out.push(f);
                continue;
            }
            if s < 2 {
                continue;
            }
            // Country letters: glued (`FR76`) or, upper-case, one space before (`NO 44`).
            let (ls, spaced) = if b[s - 1].is_ascii_alphabetic() {
                (s - 2, false)
            } else if let Some(n) = space_len(b, s - 1).filter(|&n| n == 1) {
                match s.checked_sub(n + 2) {
                    Some(ls) if b[ls..ls + 2].iter().all(u8::is_ascii_uppercase) => (ls, true),
                    _ => continue,
                }
            } else {
                continue;
            };
            let cc = [b[ls].to_ascii_uppercase(), b[ls + 1].to_ascii_uppercase()];
            if !cc.iter().all(u8::is_ascii_uppercase)
                || char_before(text, ls).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let fmts = format_range(cc);
            let Some(longest) = COMPILED[fmts.clone()].iter().map(|f| f.len).max() else {
                continue;
            };
            // The rest: check digits + BBAN, at most the longest length for the country
            // (a walk stopped there ends a token exactly where a longer one would).
            let w = Walk::read(b, s, usize::from(longest) - 2, PUNCT, |_, _, _| true);
            if w.len < 4 || !w.sym[..2].iter().all(u8::is_ascii_digit) {
                continue;
            }
            for f in &COMPILED[fmts] {
                let n = usize::from(f.len) - 2;
                if w.len < n || !w.ends_token(text, n) {
                    continue;
                }
                // ends_token accepts a space after: fine, the length is exact. A group
                // glued to the last character is refused by it.
                let bban = &w.sym[2..n];
                let end = w.end(n - 1);
                // `…189@domaine.fr`: the local part of an e-mail address.
                if !f.accepts(bban) || b.get(end) == Some(&b'@') {
                    continue;
                }
                let mut moved = [0u8; MAX_LEN];
                moved[..bban.len()].copy_from_slice(bban);
                moved[bban.len()..bban.len() + 2].copy_from_slice(&cc);
                moved[bban.len() + 2..bban.len() + 4].copy_from_slice(&w.sym[..2]);
                let ok = mod97(&moved[..n + 2]) == Some(1);
                let ctx = context_before(text, ls, 40, &CONTEXT);
                let (conf, reason) = if ok {
                    let conf = match national_ok(cc, bban) {
                        Some(true) => 990,
                        Some(false) if cc == *b"BE" || cc == *b"ES" => continue,
                        Some(false) => 900,
                        None => 970,
                    };
                    let conf = if spaced { conf - 50 } else { conf };
                    let reason = if ctx {
                        Reason::ChecksumAndContext
                    } else {
                        Reason::Checksum
                    };
                    (conf, reason)
                } else if ctx && !spaced {
                    (350, Reason::ContextChecksumFailed)
                } else {
                    continue;
                };
                out.push(Finding::new(Kind::Iban, ls, end, conf, "iban", reason));
                last_end = end;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ibans(text: &str) -> Vec<(&str, u16, Reason)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        IbanDetector::new().detect(&scan, &mut out);
        out.iter()
            .map(|f| (&text[f.span.range()], f.confidence, f.reason))
            .collect()
    }

    #[test]
    fn compiled_formats_agree_with_the_strings() {
        let alphabet = b"0123456789AZaz -";
        let mut rng = crate::testrng::Lcg(13);
        let mut seen = [0; 2];
        for (k, (_, f)) in FORMATS.iter().enumerate() {
            let c = &COMPILED[k];
            assert_eq!(usize::from(c.len), format_len(f), "{f}");
            let n = format_len(f) - 4;
            for round in 0..400 {
                let len = match round % 4 {
                    0 => n - 1,
                    1 => n + 1,
                    _ => n,
                };
                // Mostly the format's own classes, sometimes any byte.
                let bban: Vec<u8> = (0..len)
                    .map(|i| match (round % 3, c.class.get(i)) {
                        (0, _) | (_, None) => rng.pick(alphabet),
                        (_, Some(&DIGIT)) => b'0' + (rng.next() % 10) as u8,
                        (_, Some(&UPPER)) => b'A' + (rng.next() % 26) as u8,
                        _ => rng.pick(b"0Z9a"),
                    })
                    .collect();
                let got = c.accepts(&bban);
                assert_eq!(got, format_ok(f, &bban), "{f} {bban:?}");
                seen[usize::from(got)] += 1;
            }
        }
        assert!(seen[0] > 10000 && seen[1] > 10000, "{seen:?}");
    }

    #[test]
    fn table_is_sorted_and_consistent() {
        assert!(FORMATS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(format_len("5n5n11c2n"), 27);
        assert_eq!(formats(*b"RU").map(format_len).max(), Some(33));
        assert!(FORMATS.iter().all(|(_, f)| format_len(f) <= MAX_LEN));
        assert_eq!(formats(*b"DZ").count(), 2);
        assert_eq!(formats(*b"QQ").count(), 0);
        assert_eq!(formats(*b"fr").count(), 0);
        for (cc, _) in FORMATS {
            let listed: Vec<&str> = FORMATS
                .iter()
                .filter(|(c, _)| c == cc)
                .map(|(_, f)| *f)
                .collect();
            assert_eq!(formats(**cc).collect::<Vec<_>>(), listed);
        }
    }

    #[test]
    fn written_forms() {
        for t in [
            "FR76 3000 6000 0112 3456 7890 189",
            "FR7630006000011234567890189",
            "fr7630006000011234567890189",
            "FR76-3000-6000-0112-3456-7890-189",
            "FR76\u{a0}3000\u{a0}6000\u{a0}0112\u{a0}3456\u{a0}7890\u{a0}189",
            "GP1120041010050500013M02606",
            "DE89 3704 0044 0532 0130 00",
            "NO9386011117947",
            "ES15-0049-1806-9121-1186-9374",
        ] {
            let text = format!("IBAN : {t}. Merci");
            let got = ibans(&text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, t);
            assert!(got[0].1 >= 900, "{got:?}");
            assert_eq!(ibans(t).len(), 1, "{t}");
        }
        // Stops at the length: the next group is another number.
        let got = ibans("FR76 3000 6000 0112 3456 7890 189 12 rue");
        assert_eq!(got[0].0, "FR76 3000 6000 0112 3456 7890 189");
    }

    #[test]
    fn rejects() {
        for t in [
            "FR7630006000011234567890188",
            "FR763000600001123456789018",
            "FR76300060000112345678901890",
            "FR7630006000011234567890189@x",
            "XFR7630006000011234567890189",
            "FR14 2004 1010 0505 0001 3",
            "QQ93 1234 5678",
            "NL56 3003 0A17 1643 00",
            "BE54310100270000",
        ] {
            assert!(ibans(t).is_empty(), "{t}: {:?}", ibans(t));
        }
        assert_eq!(
            ibans("IBAN : FR7630006000011234567890188"),
            [(
                "FR7630006000011234567890188",
                350,
                Reason::ContextChecksumFailed
            )]
        );
    }

    #[test]
    fn ribs() {
        assert_eq!(
            ibans("RIB : 30006 00001 12345678901 89."),
            [(
                "30006 00001 12345678901 89",
                970,
                Reason::ChecksumAndContext
            )]
        );
        assert_eq!(ibans("30006 00001 12345678901 89")[0].1, 900);
        assert_eq!(ibans("RIB 30006000011234567890189")[0].1, 970);
        assert_eq!(ibans("20041 01005 0500013M026 06")[0].1, 900);
        assert!(ibans("30006000011234567890189").is_empty());
        assert!(ibans("30006 00001 12345678901 88").is_empty());
        assert!(ibans("30006 00001 12345678901 89 12").len() == 1);
        assert!(ibans("1 30006 00001 12345678901 89").is_empty());
    }

    #[test]
    fn national_keys() {
        assert!(rib_ok(b"30006000011234567890189"));
        assert!(!rib_ok(b"30006000011234567890188"));
        // The chunked remainder agrees with one reduction per character.
        let slow = |b: &[u8]| {
            b.iter()
                .try_fold(0u32, |r, &c| Some((r * 10 + u32::from(rib_digit(c)?)) % 97))
                == Some(0)
        };
        let alphabet = b"0123456789ABJKSZ9999";
        let mut rng = crate::testrng::Lcg(5);
        let mut valid = 0;
        for len in 0..40 {
            for _ in 0..500 {
                let b: Vec<u8> = (0..len).map(|_| rng.pick(alphabet)).collect();
                assert_eq!(rib_ok(&b), slow(&b), "{b:?}");
                valid += usize::from(slow(&b));
            }
        }
        assert!(valid > 100);
        assert!(be_ok(b"539007547034"));
        assert!(es_ok(b"21000418450200051332"));
    }
}
