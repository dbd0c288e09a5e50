//! Detectors: text → candidate findings.
//!
//! Each detector family lives in its own file and implements [`Detector`]. The engine
//! runs every enabled detector over a shared [`Scan`] (the text plus precomputed
//! indexes, such as the runs of ASCII digits, computed once per text) and collects
//! candidates; `resolve` then removes overlaps.
//!
//! Rules for detectors (the hot path runs on every byte of every document):
//! - no allocation per token: iterate over `Scan::digit_runs` or use `memchr`/regex
//!   prefilters, validate checksums on bytes;
//! - no Unicode `\b` or `\p{..}` in regexes: ASCII classes plus explicit checks
//!   (`text::is_token`);
//! - candidates may overlap each other; resolution picks deterministically.

use crate::{Finding, Kind, KindSet};
use std::panic::{RefUnwindSafe, UnwindSafe};

mod address;
mod birth_date;
mod card;
mod checksum;
mod custom;
mod email;
pub(crate) mod email_spoken;
mod iban;
mod id_doc;
mod ip;
mod nir;
mod person;
pub(crate) use person::Seeds;
mod phone;
mod plate;
mod siren;
mod tax_id;

pub(crate) use custom::{AllowList, CustomPattern, DenyList};

/// One family of detectors.
pub(crate) trait Detector: Send + Sync + UnwindSafe + RefUnwindSafe {
    /// Pushes candidates for `scan.text` onto `out`. `out` already holds the candidates
    /// of the detectors that ran before (identifier detectors run before `person` and
    /// `address`, which may look at them).
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>);
}

/// The text being scanned and indexes computed once for every detector.
pub(crate) struct Scan<'t> {
    /// The text.
    pub(crate) text: &'t str,
    /// Maximal runs of ASCII digits, as `(start, end)` byte offsets, in order.
    pub(crate) digit_runs: Vec<(usize, usize)>,
    /// Names found in the session's earlier texts, for PERSON propagation.
    pub(crate) seeds: Option<&'t Seeds>,
}

impl<'t> Scan<'t> {
    /// Indexes `text`, reusing the allocation of `digit_runs` (cleared first).
    pub(crate) fn new(text: &'t str, digit_runs: Vec<(usize, usize)>) -> Scan<'t> {
        let mut scan = Scan {
            text,
            digit_runs,
            seeds: None,
        };
        scan.digit_runs.clear();
        find_digit_runs(text.as_bytes(), &mut scan.digit_runs);
        scan
    }

    /// The text as bytes.
    #[inline]
    pub(crate) fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// Index of the first digit run that starts at or after `pos`.
    pub(crate) fn run_at_or_after(&self, pos: usize) -> usize {
        self.digit_runs.partition_point(|r| r.0 < pos)
    }

    /// Gives back the digit-run buffer for reuse.
    pub(crate) fn into_buffer(self) -> Vec<(usize, usize)> {
        self.digit_runs
    }
}

fn find_digit_runs(b: &[u8], out: &mut Vec<(usize, usize)>) {
    // Start of a run still open at the end of the previous chunk.
    let mut open: Option<usize> = None;
    let mut i = 0;
    // Sixty-four bytes at a time: a cheap test first (most chunks of prose hold no
    // digit), then one bit per byte, and the runs from the bit edges.
    while let Some(chunk) = b.get(i..i + 64) {
        let word =
            |k: usize| u64::from_le_bytes(chunk[8 * k..8 * k + 8].try_into().expect("8 bytes"));
        let words = [
            word(0),
            word(1),
            word(2),
            word(3),
            word(4),
            word(5),
            word(6),
            word(7),
        ];
        if words.iter().fold(0, |a, &w| a | digit_flags(w)) == 0 {
            if let Some(s) = open.take() {
                out.push((s, i));
            }
            i += 64;
            continue;
        }
        let mut mask = 0u64;
        for (k, &w) in words.iter().enumerate() {
            mask |= digit_mask8(w) << (8 * k);
        }
        // Bit k of `prev`: byte k - 1 is a digit (the previous chunk's last byte for
        // k = 0).
        let prev = (mask << 1) | u64::from(open.is_some());
        let mut starts = mask & !prev;
        let mut ends = !mask & prev;
        // Starts and ends alternate, an end first when a run is open.
        loop {
            if let Some(s) = open {
                if ends == 0 {
                    break;
                }
                out.push((s, i + ends.trailing_zeros() as usize));
                ends &= ends - 1;
                open = None;
            } else {
                if starts == 0 {
                    break;
                }
                open = Some(i + starts.trailing_zeros() as usize);
                starts &= starts - 1;
            }
        }
        i += 64;
    }
    for (k, c) in b.iter().enumerate().skip(i) {
        match (open, c.is_ascii_digit()) {
            (None, true) => open = Some(k),
            (Some(s), false) => {
                out.push((s, k));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, b.len()));
    }
}

/// Bit k set when byte k of `w` is an ASCII digit.
#[inline(always)]
fn digit_mask8(w: u64) -> u64 {
    // Gathers the high bit of byte k into bit 56 + k (every partial product lands
    // on a distinct bit: no carry), then shifts it down.
    (digit_bytes(w).wrapping_mul(0x0002_0408_1020_4081)) >> 56
}

/// The high bit of each byte of `w` that is an ASCII digit, exactly (no borrow
/// between bytes).
#[inline]
fn digit_bytes(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Digits become 0..=9, and only they do.
    let x = w ^ (LO * 0x30);
    // High bit set where the low seven bits are 10 or more (no carry out of a byte:
    // 0x7f + 0x76 < 0x100).
    let t = (x & !HI) + LO * (0x80 - 10);
    !(t | x) & HI
}

/// True when any byte of the word is an ASCII digit (0x30..=0x39).
#[cfg(test)]
fn has_digit(w: u64) -> bool {
    digit_flags(w) != 0
}

/// Not zero when any byte of the word is an ASCII digit (the flags themselves may
/// be wrong above the first digit: a borrow crosses bytes).
#[inline(always)]
fn digit_flags(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // x = byte - 0x30, digits are those with x < 10 and no borrow.
    let x = w ^ (LO * 0x30); // bytes 0x30..=0x39 become 0x00..=0x09
    // has a byte < 10: (x - 10*LO) & !x & HI
    x.wrapping_sub(LO * 10) & !x & HI
}

/// [`crate::text::space_len`] with its common answers inlined: a space or tab is one
/// byte, any other ASCII byte (or the end) is not a space. Only multi-byte characters
/// take the call. Digit-run detectors ask this at every number boundary.
#[inline(always)]
pub(crate) fn space_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i) {
        Some(b' ' | b'\t') => Some(1),
        Some(&c) if c >= 0x80 => crate::text::space_len(b, i),
        _ => None,
    }
}

/// [`crate::text::prefix_folded_len`], answered on the bytes when the needle and the
/// compared part of `hay` are ASCII (the common case: folding ASCII is lower-casing,
/// and an ASCII byte after the match is no combining mark). Other cases take the
/// general, character-folding path.
#[inline(never)]
pub(crate) fn prefix_folded_len(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    // The general path takes over after the ASCII bytes compared (a character
    // boundary in both), as it would be after reading them itself.
    let rest = |k: usize| crate::text::prefix_folded_len(&hay[k..], &needle[k..]).map(|x| x + k);
    let m = h.len().min(n.len());
    for k in 0..m {
        let (c, d) = (h[k], n[k]);
        if (c | d) >= 0x80 {
            return rest(k);
        }
        if c.to_ascii_lowercase() != d {
            return None;
        }
    }
    if m < n.len() || h.get(m).is_some_and(|&c| c >= 0x80) {
        return rest(m);
    }
    Some(m)
}

/// [`crate::text::has_word_folded`], with the common cases answered on the bytes: an
/// ASCII character is its own folding (lower-cased) and a word boundary by itself,
/// and the first two bytes of a word start filter the words to try. Other characters
/// take the general, character-folding path, one at a time.
pub(crate) fn has_word_folded(window: &str, words: &checksum::Words) -> bool {
    let b = window.as_bytes();
    let mut prev_alnum = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            let at_word_start = !prev_alnum;
            prev_alnum = c.is_ascii_alphanumeric();
            if at_word_start {
                let first = c.to_ascii_lowercase();
                // An ASCII byte after an ASCII character is the second folded byte.
                let next = b.get(i + 1).copied().unwrap_or(0);
                if (next >= 0x80 || words.may_start(first, next.to_ascii_lowercase()))
                    && word_at(window, i, first, words)
                {
                    return true;
                }
            }
            i += 1;
            if prev_alnum {
                // The rest of an ASCII word: no word starts there.
                while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
            }
        } else {
            let Some(ch) = window[i..].chars().next() else {
                break;
            };
            let at_word_start = !prev_alnum;
            prev_alnum = ch.is_alphanumeric();
            if at_word_start {
                let first = match crate::text::fold_char(ch) {
                    'œ' => 'o',
                    'æ' => 'a',
                    f => f,
                };
                let mut fb = [0u8; 4];
                let first = first.encode_utf8(&mut fb).as_bytes()[0];
                if word_at(window, i, first, words) {
                    return true;
                }
            }
            i += ch.len_utf8();
        }
    }
    false
}

/// True when one of the words whose first byte is `first` matches, folded, at byte
/// `i` of `window`, as a whole word.
fn word_at(window: &str, i: usize, first: u8, words: &checksum::Words) -> bool {
    let b = window.as_bytes();
    // After an ASCII first byte, an ASCII second byte (or the end) that differs from
    // a word's ASCII second letter rules the word out, without the folding compare.
    let second = if b[i] < 0x80 {
        b.get(i + 1)
            .map_or(Some(0), |&c| (c < 0x80).then(|| c.to_ascii_lowercase()))
    } else {
        None
    };
    for w in words.starting_with(first) {
        let wb = w.as_bytes();
        if let (Some(c), Some(&d)) = (second, wb.get(1)) {
            if d < 0x80 && c != d {
                continue;
            }
        }
        if let Some(len) = prefix_folded_len(&window[i..], w) {
            let end = i + len;
            let last_is_alnum = w.chars().next_back().is_some_and(char::is_alphanumeric);
            if !last_is_alnum
                || !crate::text::char_at(window, end).is_some_and(char::is_alphanumeric)
            {
                return true;
            }
        }
    }
    false
}

/// Every built-in detector whose kinds are enabled, identifier families first, then
/// addresses and names (which look at the identifiers already found). A detector is
/// only constructed (dictionaries loaded) when one of its kinds is enabled.
pub(crate) fn builtin(kinds: KindSet) -> Vec<Box<dyn Detector>> {
    type Make = fn() -> Box<dyn Detector>;
    let all: [(&[Kind], Make); 13] = [
        (&[Kind::Email], || Box::new(email::EmailDetector::new())),
        (&[Kind::Iban], || Box::new(iban::IbanDetector::new())),
        (&[Kind::Nir], || Box::new(nir::NirDetector::new())),
        (&[Kind::Card], || Box::new(card::CardDetector::new())),
        (&[Kind::Siren, Kind::Siret], || {
            Box::new(siren::SirenDetector::new())
        }),
        (&[Kind::TaxId], || Box::new(tax_id::TaxIdDetector::new())),
        (&[Kind::Phone], || Box::new(phone::PhoneDetector::new())),
        (&[Kind::Ip], || Box::new(ip::IpDetector::new())),
        (&[Kind::Plate], || Box::new(plate::PlateDetector::new())),
        (&[Kind::Passport, Kind::IdCard], || {
            Box::new(id_doc::IdDocDetector::new())
        }),
        (&[Kind::BirthDate], || {
            Box::new(birth_date::BirthDateDetector::new())
        }),
        (&[Kind::Address], || {
            Box::new(address::AddressDetector::new())
        }),
        (&[Kind::Person], || Box::new(person::PersonDetector::new())),
    ];
    all.iter()
        .filter(|(ks, _)| kinds.any(ks))
        .map(|(_, make)| make())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_detector_per_kind() {
        for k in Kind::ALL {
            let mut set = KindSet::empty();
            set.insert(k);
            assert_eq!(builtin(set).len(), 1, "{k}");
        }
        assert_eq!(builtin(KindSet::all()).len(), 13);
    }

    #[test]
    fn digit_runs() {
        let text = "abc 12 x 3456789012 é7 fin99";
        let mut runs = vec![];
        find_digit_runs(text.as_bytes(), &mut runs);
        let got: Vec<&str> = runs.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["12", "3456789012", "7", "99"]);
        for n in 0..40 {
            let t = format!("{}5{}", "a".repeat(n), "b".repeat(n));
            runs.clear();
            find_digit_runs(t.as_bytes(), &mut runs);
            assert_eq!(runs, vec![(n, n + 1)], "{n}");
        }
        assert!(!has_digit(u64::from_le_bytes(*b"abcdefgh")));
        assert!(has_digit(u64::from_le_bytes(*b"abcdefg9")));
        assert!(!has_digit(u64::from_le_bytes(*b"://:/:/:")));
    }

    #[test]
    fn byte_prefix_agrees_with_the_folding_one() {
        let needles = [
            "ne",
            "nee",
            "ne(e)",
            "ne·e",
            "mars",
            "cle",
            "date of birth",
            "n°",
            "d.n.",
        ];
        for hay in [
            "",
            "n",
            "ne",
            "Né le",
            "ne\u{301} le",
            "NE(E) le",
            "ne·e",
            "Mars 1985",
            "mars\u{301}",
            "marsé",
            "MARS",
            "mar",
            "Clé : 12",
            "cle\u{301} 12",
            "CLE",
            "Date of Birth: ",
            "date of birthday",
            "N° 12",
            "n° 12",
            "d.n. :",
            "D.N.",
            "Œuvre",
            "nÉe",
            "née",
            "NÉE le",
            "ne\u{301}e",
            "né\u{301}",
            "nÉ",
            "næ",
            "nèe",
            "ÑE",
            "date",
            "dàte",
            "cle\u{301}",
            "clé",
            "cl",
        ] {
            for needle in needles {
                assert_eq!(
                    prefix_folded_len(hay, needle),
                    crate::text::prefix_folded_len(hay, needle),
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn byte_prefix_agrees_with_the_folding_one_on_any_text() {
        let alphabet: &[&str] = &[
            "n", "N", "e", "E", "é", "É", "è", "ê", "à", "À", "ç", "æ", "œ", "ÿ", "ß", "\u{301}",
            "\u{300}", "(", ")", "·", " ", "a", "d", "t", "ñ", "×", "ʼ", "1",
        ];
        let needles = [
            "ne", "nee", "ne(e)", "ne·e", "date", "a", "ea", "ne e", "nyt", "oe", "ce",
        ];
        let mut rng = crate::testrng::Lcg(77);
        let mut seen = [0; 2];
        let mut t = String::new();
        for _ in 0..60000 {
            t.clear();
            for _ in 0..rng.next() % 8 {
                t.push_str(rng.pick(alphabet));
            }
            let needle = rng.pick(&needles);
            let got = prefix_folded_len(&t, needle);
            assert_eq!(
                got,
                crate::text::prefix_folded_len(&t, needle),
                "{t:?} {needle:?}"
            );
            seen[usize::from(got.is_some())] += 1;
        }
        assert!(seen[1] > 800, "{seen:?}");
    }

    /// Context words of several shapes (a dot, a degree sign, parentheses).
    const CONTEXT_WORDS: &[&str] = &[
        "tel",
        "telephone",
        "n°",
        "ip",
        "immat",
        "plaque",
        "ref.",
        "(e)",
    ];

    #[test]
    fn word_search_agrees_with_the_folding_one_on_any_text() {
        let alphabet: &[&str] = &[
            "t", "e", "l", "n", "ip", "tel", "ref", " ", ":", ".", "(", "'", "\u{2019}", "é", "É",
            "è", "œ", "Œ", "æ", "\u{301}", "°", "n°", "§", "\u{a0}", "1", "ж", "ß", "-", "IMMAT",
            "Tél", "plaque", "😀",
        ];
        let lists: [&[&str]; 3] = [
            CONTEXT_WORDS,
            &["§", "e", "oe", "ae", "l'", "ne"],
            &["art", "article", "version", "v", "etel"],
        ];
        let mut rng = crate::testrng::Lcg(9);
        let mut seen = [0; 2];
        let mut t = String::new();
        for _ in 0..20000 {
            t.clear();
            for _ in 0..rng.next() % 24 {
                t.push_str(rng.pick(alphabet));
            }
            for list in lists {
                let found = has_word_folded(&t, &checksum::Words::new(list));
                assert_eq!(found, crate::text::has_word_folded(&t, list), "{t:?}");
                seen[usize::from(found)] += 1;
            }
        }
        assert!(seen[0] > 5000 && seen[1] > 5000, "{seen:?}");
    }

    #[test]
    fn ascii_word_search_agrees_with_the_folding_one() {
        let list = CONTEXT_WORDS;
        let words = checksum::Words::new(list);
        for t in [
            "Tel : ",
            "TELEPHONE",
            "xtel",
            "telx",
            "n° 12",
            "IP:",
            "ref. 12",
            "REF.12",
            "(e) 3",
            "a(e)",
            "",
            "tel",
            "  Immat.",
            "plaques",
            "t",
            "Tél",
            "réf. 2",
        ] {
            assert_eq!(
                has_word_folded(t, &words),
                crate::text::has_word_folded(t, list),
                "{t}"
            );
        }
    }

    #[test]
    fn digit_runs_match_a_byte_by_byte_scan() {
        fn naive(b: &[u8]) -> Vec<(usize, usize)> {
            let mut v = vec![];
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    let s = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    v.push((s, i));
                } else {
                    i += 1;
                }
            }
            v
        }
        let alphabet: &[u8] = b"0159/:a \xb9\xc9\x80\xff";
        let mut rng = crate::testrng::Lcg(7);
        let mut runs = vec![];
        for len in 0..200 {
            for _ in 0..20 {
                let b: Vec<u8> = (0..len).map(|_| rng.pick(alphabet)).collect();
                runs.clear();
                find_digit_runs(&b, &mut runs);
                assert_eq!(runs, naive(&b), "{b:?}");
            }
        }
        for c in 0..=255u8 {
            let w = u64::from_le_bytes([c, b'5', c, 0x2f, c, 0x3a, c, b'0']);
            let expect: u64 = (0..8)
                .filter(|&k| w.to_le_bytes()[k].is_ascii_digit())
                .map(|k| 0x80u64 << (8 * k))
                .sum();
            assert_eq!(digit_bytes(w), expect, "{c}");
        }
    }
}
