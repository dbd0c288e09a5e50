//! EMAIL: `local@domain.tld`, found from each `@` (memchr), expanded both ways over
//! the characters an address can hold (ASCII address characters and Unicode letters;
//! punctuation such as `<`, `"`, `:` of `mailto:`, `;` of a CSV cell, `—`, `»` ends
//! it), then checked (a dot in the domain, a letters-only TLD of two or more letters,
//! no leading/trailing dot or hyphen).

use super::{Detector, Scan};
use crate::{Finding, Kind, Reason};

pub(crate) struct EmailDetector;

impl EmailDetector {
    pub(crate) fn new() -> EmailDetector {
        // Build the automaton of obfuscated spellings now (engine build), not on the
        // first scan.
        super::email_spoken::load();
        EmailDetector
    }
}

#[inline]
fn is_local(b: u8) -> bool {
    CLASS[usize::from(b)] & LOCAL != 0
}

#[inline]
fn is_domain(b: u8) -> bool {
    CLASS[usize::from(b)] & DOMAIN != 0
}

const LOCAL: u8 = 1;
const DOMAIN: u8 = 2;
/// Bytes of a local part (ASCII letters, digits, `._%+-'`) and of a domain (ASCII
/// letters, digits, `.-`).
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'\'') {
            t[c] |= LOCAL;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-') {
            t[c] |= DOMAIN;
        }
        c += 1;
    }
    t
};

impl Detector for EmailDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let mut last_end = 0;
        for at in memchr::memchr_iter(b'@', b) {
            if at < last_end {
                continue;
            }
            // Local part, backwards (ASCII address characters and Unicode letters).
            let mut s = at;
            while s > last_end && at - s < 128 {
                let c = b[s - 1];
                if c < 0x80 {
                    if !is_local(c) {
                        break;
                    }
                    s -= 1;
                } else {
                    match text[..s].chars().next_back() {
                        Some(ch) if ch.is_alphabetic() && s - ch.len_utf8() >= last_end => {
                            s -= ch.len_utf8()
                        }
                        _ => break,
                    }
                }
            }
            while s < at && matches!(b[s], b'.' | b'-' | b'\'' | b'+') {
                s += 1;
            }
            if s == at {
                continue;
            }
            // Domain, forwards (ASCII domain characters and Unicode letters).
            let mut e = at + 1;
            // Where the first `..` starts, if the domain holds one.
            let mut double_dot = usize::MAX;
            while e < b.len() && e - at < 256 {
                let c = b[e];
                if c < 0x80 {
                    if !is_domain(c) {
                        break;
                    }
                    if c == b'.' && b[e - 1] == b'.' && double_dot == usize::MAX {
                        double_dot = e - 1;
                    }
                    e += 1;
                } else {
                    match text[e..].chars().next() {
                        Some(ch) if ch.is_alphabetic() => e += ch.len_utf8(),
                        _ => break,
                    }
                }
            }
            while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
                e -= 1;
            }
            let domain = &b[at + 1..e];
            // The top-level domain: after the last dot, which is near the end (a
            // short backward loop, not a searcher).
            let Some(dot) = domain.iter().rposition(|&c| c == b'.') else {
                continue;
            };
            let tld = &domain[dot + 1..];
            if tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
                continue;
            }
            // `..` inside the domain (the first one seen while reading it, unless the
            // trailing dots trimmed off held it), a dot first, or a dot ending the
            // local part.
            if domain.first() == Some(&b'.') || double_dot < e - 1 || b[at - 1] == b'.' {
                continue;
            }
            out.push(Finding::new(Kind::Email, s, e, 950, "email", Reason::Shape));
            last_end = e;
        }
        super::email_spoken::detect(text, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        EmailDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    /// The detector as first written (a searcher for the last dot, a second pass
    /// for `..`), for comparison.
    fn emails_slow(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        detect_slow(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    fn detect_slow(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let mut last_end = 0;
        for at in memchr::memchr_iter(b'@', b) {
            if at < last_end {
                continue;
            }
            // Local part, backwards (ASCII address characters and Unicode letters).
            let mut s = at;
            while s > last_end && at - s < 128 {
                let c = b[s - 1];
                if c < 0x80 {
                    if !is_local(c) {
                        break;
                    }
                    s -= 1;
                } else {
                    match text[..s].chars().next_back() {
                        Some(ch) if ch.is_alphabetic() && s - ch.len_utf8() >= last_end => {
                            s -= ch.len_utf8()
                        }
                        _ => break,
                    }
                }
            }
            while s < at && matches!(b[s], b'.' | b'-' | b'\'' | b'+') {
                s += 1;
            }
            if s == at {
                continue;
            }
            // Domain, forwards (ASCII domain characters and Unicode letters).
            let mut e = at + 1;
            while e < b.len() && e - at < 256 {
                let c = b[e];
                if c < 0x80 {
                    if !is_domain(c) {
                        break;
                    }
                    e += 1;
                } else {
                    match text[e..].chars().next() {
                        Some(ch) if ch.is_alphabetic() => e += ch.len_utf8(),
                        _ => break,
                    }
                }
            }
            while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
                e -= 1;
            }
            let domain = &text[at + 1..e];
            let Some(dot) = domain.rfind('.') else {
                continue;
            };
            let tld = &domain[dot + 1..];
            if tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            // (`..` looked for with a byte loop: domains are short, a substring
            // searcher costs more to set up than to run.)
            if domain.starts_with('.')
                || domain.as_bytes().windows(2).any(|w| w == b"..")
                || text[s..at].ends_with('.')
            {
                continue;
            }
            out.push(Finding::new(Kind::Email, s, e, 950, "email", Reason::Shape));
            last_end = e;
        }
    }

    #[test]
    fn agrees_with_the_first_version() {
        let alphabet: &[&str] = &[
            "a", "b", "fr", "@", ".", "..", "-", "_", "+", "'", " ", ";", "é", "x1", "com",
            "\u{a0}", "@b.fr", "@c.co", "j.d", "@x..fr", ".fr", "-.", "é@ü.de",
        ];
        let mut rng = crate::testrng::Lcg(21);
        let mut t = String::new();
        let mut found = 0;
        for _ in 0..20000 {
            t.clear();
            for _ in 0..10 {
                t.push_str(rng.pick(alphabet));
            }
            let got = emails(&t);
            assert_eq!(got, emails_slow(&t), "{t:?}");
            found += got.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            emails("écrire à jean.dupont@example.fr."),
            ["jean.dupont@example.fr"]
        );
        assert_eq!(emails("(m.n'diaye@caf.fr)"), ["m.n'diaye@caf.fr"]);
        assert_eq!(
            emails("\"email\":\"a_b+c@sub.domaine.gouv.fr\","),
            ["a_b+c@sub.domaine.gouv.fr"]
        );
        assert_eq!(emails("« hélène@exemple.fr »"), ["hélène@exemple.fr"]);
        assert_eq!(emails("a@b.c d@e.fr"), ["d@e.fr"]);
        assert_eq!(emails("De : X <x.y@z.fr>"), ["x.y@z.fr"]);
        assert_eq!(emails("<a href=\"mailto:jean@x.fr\">"), ["jean@x.fr"]);
        assert_eq!(emails("MAILTO:Jean.Dupont@X.FR;"), ["Jean.Dupont@X.FR"]);
        assert_eq!(
            emails("A;B;a.b@c.fr;d_e@f-g.com\n"),
            ["a.b@c.fr", "d_e@f-g.com"]
        );
        assert_eq!(emails("{'email': 'a@b.fr'}"), ["a@b.fr"]);
        assert_eq!(emails("(contact : a@b.fr), merci"), ["a@b.fr"]);
        assert_eq!(emails("écrire à a@b.fr!"), ["a@b.fr"]);
        assert_eq!(emails("a@b.fr\u{a0};"), ["a@b.fr"]);
        assert_eq!(emails("adresse:a@b.fr—merci"), ["a@b.fr"]);
    }

    #[test]
    fn rejects_non_addresses() {
        assert!(emails("@user sur X").is_empty());
        assert!(emails("prix @ 12.50").is_empty());
        assert!(emails("user@localhost").is_empty());
        assert!(emails("a@b..fr").is_empty());
        assert!(emails(&"a@b.".repeat(1000)).is_empty());
    }
}
