//! PASSPORT and ID_CARD: document numbers that carry no checksum of their own, so a
//! context word is always required.
//!
//! Candidates are the ASCII alphanumeric tokens that contain a digit run (found from
//! `Scan::digit_runs`), upper-case letters only:
//! - French passport: 9 characters, 2 digits + 2 letters + 5 digits (`12AB34567`);
//! - old CNI (1995–2021): 12 characters, usually 12 digits (`880692310285`), the three
//!   middle characters may be letters; also written in digit groups (`8806 923 10285`);
//! - CNIe (since 2021): 9 letters and digits (`X4RTBPFW4`).
//!
//! The nearest document word before the token (within 64 bytes, with no other number
//! between) decides the kind: *passeport*/*passport* → PASSPORT; *CNI*, *carte
//! (nationale) d'identité*, *pièce d'identité*, *identity card* → ID_CARD. A token with
//! the exact French shape gets a high confidence; another 6–12 character token right
//! after the word (a foreign passport, an OCR-damaged number) is still reported, lower,
//! when it mixes letters and digits (a bare digit run of another length is a phone, an
//! amount, a reference).

use super::prefix_folded_len;
use super::space_len;
use super::{Detector, Scan};
use crate::text::{fold_char, window_before};
use crate::{Finding, Kind, Reason};

pub(crate) struct IdDocDetector;

impl IdDocDetector {
    pub(crate) fn new() -> IdDocDetector {
        IdDocDetector
    }
}

/// Document words (folded) and the kind they announce.
const DOC_WORDS: &[(&str, Kind)] = &[
    ("passeport", Kind::Passport),
    ("passeports", Kind::Passport),
    ("passport", Kind::Passport),
    ("cni", Kind::IdCard),
    ("c.n.i.", Kind::IdCard),
    ("cnie", Kind::IdCard),
    ("carte d'identite", Kind::IdCard),
    ("carte nationale d'identite", Kind::IdCard),
    ("carte identite", Kind::IdCard),
    ("piece d'identite", Kind::IdCard),
    ("titre d'identite", Kind::IdCard),
    ("identity card", Kind::IdCard),
    ("id card", Kind::IdCard),
];

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The nearest document word in the window: (kind, end offset in the window).
fn nearest_doc_word(window: &str) -> Option<(Kind, usize)> {
    let mut best = None;
    for (i, c) in window.char_indices() {
        if !matches!(fold_char(c), 'p' | 'c' | 'i' | 't') {
            continue;
        }
        if window[..i].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        for &(w, kind) in DOC_WORDS {
            if let Some(len) = prefix_folded_len(&window[i..], w) {
                let end = i + len;
                if window[end..].chars().next().is_some_and(is_word_char) {
                    continue;
                }
                best = Some((kind, end));
            }
        }
    }
    best
}

/// Cheap byte prefilter for `nearest_doc_word`: every document word contains one of
/// `ass` (passeport), `cni`, `c.n`, `nti` (identité), `d c` (id card), any case.
fn maybe_doc_word(w: &[u8]) -> bool {
    // From the middle byte of a three-byte window, the two bytes around it that make
    // one of those (bit 0x20 set, as in the comparison).
    for p in 1..w.len().saturating_sub(1) {
        let [before, after] = DOC_TRIGRAM_MIDDLE[usize::from(w[p])];
        if before != 0 && w[p - 1] | 0x20 == before && w[p + 1] | 0x20 == after {
            return true;
        }
    }
    false
}

/// For each byte `m`, the first and last bytes of the trigram of [`maybe_doc_word`]
/// whose middle byte is `m | 0x20`, or zeros.
static DOC_TRIGRAM_MIDDLE: [[u8; 2]; 256] = {
    let mut t = [[0; 2]; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 | 0x20 {
            b's' => [b'a', b's'],
            b'n' => [b'c', b'i'],
            b'.' => [b'c', b'n'],
            b't' => [b'n', b'i'],
            b' ' => [b'd', b'c'],
            _ => [0, 0],
        };
        c += 1;
    }
    t
};

/// Shape of a candidate token (upper-case letters and digits only).
fn shape_of(tok: &[u8]) -> Option<(Kind, bool)> {
    let digits = tok.iter().filter(|c| c.is_ascii_digit()).count();
    let n = tok.len();
    let passport = n == 9
        && tok[..2].iter().all(u8::is_ascii_digit)
        && tok[2..4].iter().all(u8::is_ascii_uppercase)
        && tok[4..].iter().all(u8::is_ascii_digit);
    if passport {
        return Some((Kind::Passport, true));
    }
    let old_cni = n == 12
        && tok[..4].iter().all(u8::is_ascii_digit)
        && tok[7..].iter().all(u8::is_ascii_digit);
    if old_cni {
        return Some((Kind::IdCard, true));
    }
    if n == 9 && digits >= 1 {
        // CNIe: 9 letters and digits.
        return Some((Kind::IdCard, true));
    }
    // Other document numbers (foreign passports…) mix letters and digits; a run of
    // digits alone of another length is a phone, an amount, a reference.
    ((6..=12).contains(&n) && digits >= 2 && digits < n).then_some((Kind::IdCard, false))
}

/// Between the document word and the number: no other long number, no sentence break.
fn gap_ok(gap: &str) -> bool {
    let b = gap.as_bytes();
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 6 {
            return false;
        }
    }
    if gap.contains(';') || gap.contains("\n\n") {
        return false;
    }
    !gap.match_indices(". ")
        .any(|(p, _)| gap[p + 2..].chars().next().is_some_and(char::is_uppercase))
}

/// The gap is only a number label (`n°`, `numéro :`…), for the non-French shapes.
fn label_only(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '#' | '(' | ')' | '-'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            ["n°", "nº", "n", "no", "num", "numero", "de", "du"]
                .iter()
                .any(|l| prefix_folded_len(w, l) == Some(w.len()))
        })
}

impl IdDocDetector {
    /// An old CNI number written in groups (`8806 923 10285`): digit runs of 2–6
    /// digits joined by single spaces, 12 digits in all, after an identity-card word.
    ///
    /// When the groups stop before 12 digits, `*fail_until` is set to the index of the
    /// last run read: a chain starting at any run up to it stops at the same place
    /// with fewer digits, so it is not read again.
    fn spaced_cni(
        &self,
        scan: &Scan<'_>,
        idx: usize,
        fail_until: &mut usize,
        out: &mut Vec<Finding>,
    ) -> Option<usize> {
        let text = scan.text;
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let start = runs[idx].0;
        let mut total = runs[idx].1 - start;
        let mut j = idx;
        while total < 12 {
            *fail_until = j;
            let end = runs[j].1;
            let l = space_len(b, end)?;
            let next = *runs.get(j + 1)?;
            if next.0 != end + l || !(2..=6).contains(&(next.1 - next.0)) {
                return None;
            }
            total += next.1 - next.0;
            j += 1;
        }
        *fail_until = 0;
        let end = runs[j].1;
        if total != 12 || j == idx || text[end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        if space_len(b, end).is_some_and(|l| b.get(end + l).is_some_and(u8::is_ascii_digit)) {
            return None;
        }
        let window = window_before(text, start, 64);
        if !maybe_doc_word(window.as_bytes()) {
            return None;
        }
        let (kind, wend) = nearest_doc_word(window)?;
        if kind != Kind::IdCard || !gap_ok(&window[wend..]) {
            return None;
        }
        out.push(Finding::new(
            Kind::IdCard,
            start,
            end,
            900,
            "id_doc",
            Reason::Context,
        ));
        Some(end)
    }
}

impl Detector for IdDocDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let mut last_end = 0;
        // Runs up to this index start no spaced CNI (see `spaced_cni`).
        let mut cni_fail_until = 0;
        let runs = &scan.digit_runs;
        let alnum = |c: u8| ALNUM[usize::from(c)];
        for (idx, &(s, e)) in runs.iter().enumerate() {
            if s < last_end {
                continue;
            }
            // The alphanumeric token around the run, at most 12 bytes each way. Most
            // runs have no ASCII letter or digit beside them: the token is the run.
            let glued_before = s > last_end && alnum(b[s - 1]);
            let glued_after = b.get(e).is_some_and(|&c| alnum(c));
            if !glued_before && !glued_after {
                last_end = e;
                let n = e - s;
                if (2..=6).contains(&n) {
                    // A spaced CNI goes on after a space (what `spaced_cni` reads
                    // first: ASCII or not).
                    let sep = b.get(e).copied();
                    let spaced =
                        matches!(sep, Some(b' ' | b'\t')) || sep.is_some_and(|c| c >= 0x80);
                    if spaced && (idx > cni_fail_until || idx == 0) {
                        if let Some(end) = self.spaced_cni(scan, idx, &mut cni_fail_until, out) {
                            last_end = end;
                        }
                    }
                    // Digits alone of this length have no document shape.
                    continue;
                }
                // Digits alone have a document shape only with 9 or 12 of them.
                if n != 9 && n != 12 {
                    continue;
                }
            }
            let mut ts = s;
            let lim = last_end.max(s.saturating_sub(12));
            while ts > lim && alnum(b[ts - 1]) {
                ts -= 1;
            }
            let mut te = e;
            let lim = b.len().min(e + 12);
            while te < lim && alnum(b[te]) {
                te += 1;
            }
            last_end = te;
            let n = te - ts;
            if !(6..=12).contains(&n) {
                continue;
            }
            if text[..ts].chars().next_back().is_some_and(is_word_char)
                || text[te..].chars().next().is_some_and(is_word_char)
            {
                continue;
            }
            let tok = &b[ts..te];
            if tok.iter().any(u8::is_ascii_lowercase) {
                continue;
            }
            let Some((shape_kind, exact)) = shape_of(tok) else {
                continue;
            };
            let window = window_before(text, ts, 64);
            if !maybe_doc_word(window.as_bytes()) {
                continue;
            }
            let Some((kind, wend)) = nearest_doc_word(window) else {
                continue;
            };
            let gap = &window[wend..];
            if !gap_ok(gap) {
                continue;
            }
            let kind_ok = match kind {
                Kind::Passport => true,
                _ => shape_kind == Kind::IdCard || exact,
            };
            if !kind_ok {
                continue;
            }
            let french = match kind {
                Kind::Passport => exact && shape_kind == Kind::Passport,
                _ => exact,
            };
            let conf = if french {
                950
            } else if label_only(gap) {
                700
            } else {
                continue;
            };
            out.push(Finding::new(kind, ts, te, conf, "id_doc", Reason::Context));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop that `detect` replaced (every run's token walked), for the
    /// comparison test.
    fn detect_plain(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let this = IdDocDetector::new();
        let text = scan.text;
        let b = scan.bytes();
        let mut last_end = 0;
        // Runs up to this index start no spaced CNI (see `spaced_cni`).
        let mut cni_fail_until = 0;
        for (idx, &(s, e)) in scan.digit_runs.iter().enumerate() {
            if s < last_end {
                continue;
            }
            // The alphanumeric token around the run.
            // At most 12 bytes each way.
            let alnum = |c: u8| ALNUM[usize::from(c)];
            let mut ts = s;
            let lim = last_end.max(s.saturating_sub(12));
            while ts > lim && alnum(b[ts - 1]) {
                ts -= 1;
            }
            let mut te = e;
            let lim = b.len().min(e + 12);
            while te < lim && alnum(b[te]) {
                te += 1;
            }
            last_end = te;
            let n = te - ts;
            if ts == s && te == e && (2..=6).contains(&n) && (idx > cni_fail_until || idx == 0) {
                if let Some(end) = this.spaced_cni(scan, idx, &mut cni_fail_until, out) {
                    last_end = end;
                    continue;
                }
            }
            if !(6..=12).contains(&n) {
                continue;
            }
            if text[..ts].chars().next_back().is_some_and(is_word_char)
                || text[te..].chars().next().is_some_and(is_word_char)
            {
                continue;
            }
            let tok = &b[ts..te];
            if tok.iter().any(u8::is_ascii_lowercase) {
                continue;
            }
            let Some((shape_kind, exact)) = shape_of(tok) else {
                continue;
            };
            let window = window_before(text, ts, 64);
            if !maybe_doc_word(window.as_bytes()) {
                continue;
            }
            let Some((kind, wend)) = nearest_doc_word(window) else {
                continue;
            };
            let gap = &window[wend..];
            if !gap_ok(gap) {
                continue;
            }
            let kind_ok = match kind {
                Kind::Passport => true,
                _ => shape_kind == Kind::IdCard || exact,
            };
            if !kind_ok {
                continue;
            }
            let french = match kind {
                Kind::Passport => exact && shape_kind == Kind::Passport,
                _ => exact,
            };
            let conf = if french {
                950
            } else if label_only(gap) {
                700
            } else {
                continue;
            };
            out.push(Finding::new(kind, ts, te, conf, "id_doc", Reason::Context));
        }
    }

    #[test]
    fn run_walk_agrees_with_the_plain_one() {
        let alphabet: &[&str] = &[
            "12",
            "1",
            "123",
            "8806",
            "923",
            "10285",
            "12AB34567",
            "X4RTBPFW4",
            "AB",
            "x",
            " ",
            " ",
            "\u{a0}",
            "-",
            "/",
            ".",
            ". ",
            ";",
            "\n",
            "CNI ",
            "passeport ",
            "carte d'identité ",
            "n° ",
            ": ",
            "é",
            "_",
            "880692310285",
            "0612345678",
            "FR76",
            "06 12 34 56 78",
            "ab1",
            "1a",
            "ZZ",
            "9",
        ];
        let mut rng = crate::testrng::Lcg(23);
        let mut found = 0;
        let mut t = String::new();
        for _ in 0..20000 {
            t.clear();
            for _ in 0..rng.next() % 30 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = Scan::new(&t, Vec::new());
            let (mut got, mut want) = (vec![], vec![]);
            IdDocDetector::new().detect(&scan, &mut got);
            detect_plain(&scan, &mut want);
            assert_eq!(got, want, "{t:?}");
            found += got.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// The window scan that `maybe_doc_word` replaced.
    fn maybe_doc_word_plain(w: &[u8]) -> bool {
        w.windows(3).any(|t| {
            let t = [t[0] | 0x20, t[1] | 0x20, t[2] | 0x20];
            matches!(&t, b"ass" | b"cni" | b"c.n" | b"nti" | b"d c")
        })
    }

    #[test]
    fn trigram_prefilter_agrees_with_the_window_scan() {
        let alphabet: &[&[u8]] = &[
            b"a",
            b"As",
            b"sS",
            b"c",
            b"Cn",
            b"nI",
            b"i",
            b".",
            b"tT",
            b"d",
            b"D ",
            b" ",
            b"\x00",
            b"\x0e",
            b"\x13",
            b"\xc3\xa9",
            b"x",
            b"N",
            b"c.",
        ];
        let mut rng = crate::testrng::Lcg(31);
        let mut seen = [0; 2];
        for _ in 0..50000 {
            let mut w = vec![];
            for _ in 0..rng.next() % 8 {
                w.extend_from_slice(rng.pick(alphabet));
            }
            let got = maybe_doc_word(&w);
            assert_eq!(got, maybe_doc_word_plain(&w), "{w:?}");
            seen[usize::from(got)] += 1;
        }
        assert!(seen[0] > 5000 && seen[1] > 2000, "{seen:?}");
    }

    fn docs(text: &str) -> Vec<(Kind, &str)> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        IdDocDetector::new().detect(&scan, &mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.span.range()]))
            .collect()
    }

    #[test]
    fn passports() {
        for t in [
            "Passeport n° 12AB34567",
            "passeport : 10CV28144, délivré le",
            "PASSEPORT N°05RP34083",
            "numéro de passport 60RF19342.",
        ] {
            let got = docs(t);
            assert_eq!(got.len(), 1, "{t}");
            assert_eq!(got[0].0, Kind::Passport, "{t}");
        }
        assert!(docs("référence 12AB34567").is_empty());
        assert!(
            docs("passeport 012345678")
                .iter()
                .all(|d| d.1 == "012345678")
        );
    }

    #[test]
    fn id_cards() {
        for (t, v) in [
            ("CNI n° 880692310285", "880692310285"),
            (
                "carte nationale d'identité n°940992310285 délivrée",
                "940992310285",
            ),
            ("Carte d'identité : X4RTBPFW4", "X4RTBPFW4"),
            ("pièce d'identité (CNI) : X4RTBPFW4", "X4RTBPFW4"),
            (
                "CNI délivrée le 12/03/2020 sous le n° 880692310285",
                "880692310285",
            ),
        ] {
            assert_eq!(docs(t), [(Kind::IdCard, v)], "{t}");
        }
        for t in [
            "880692310285",
            "X4RTBPFW4",
            "dossier X4RTBPFW4",
            "CNI n° 123, dossier 556677 : 880692310285",
            "CNI. Le dossier 880692310285",
            "CNI n° 8806 923 10285 12",
            "Tél 06 12 34 56 78 90 12",
            "carte d'identité de Mme X, facture 880692310285abc",
        ] {
            assert!(docs(t).is_empty(), "{t}: {:?}", docs(t));
        }
    }
}
