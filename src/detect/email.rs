//! EMAIL: `local@domain.tld`, found from each `@` (memchr), expanded both ways over
//! the characters an address can hold, then checked (a dot in the domain, a
//! letters-only TLD of two or more letters, no leading/trailing dot or hyphen).

use super::{Detector, Scan};
use crate::{Finding, Kind, Reason};

pub(crate) struct EmailDetector;

impl EmailDetector {
    pub(crate) fn new() -> EmailDetector {
        EmailDetector
    }
}

#[inline]
fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'\'')
}

#[inline]
fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Extends `[start, end)` over UTF-8 letters (internationalised addresses), so that
/// `josé@exemple.fr` is one address.
#[inline]
fn is_utf8_letter_byte(b: u8) -> bool {
    b >= 0x80
}

impl Detector for EmailDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Email]
    }

    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let b = scan.bytes();
        let text = scan.text;
        let mut last_end = 0;
        for at in memchr::memchr_iter(b'@', b) {
            if at < last_end {
                continue;
            }
            // Local part, backwards.
            let mut s = at;
            while s > last_end
                && (is_local(b[s - 1]) || is_utf8_letter_byte(b[s - 1]))
                && at - s < 128
            {
                s -= 1;
            }
            while s < at
                && (matches!(b[s], b'.' | b'-' | b'\'' | b'+') || !text.is_char_boundary(s))
            {
                s += 1;
            }
            // Non-letter UTF-8 (e.g. a typographic quote before the address) is not part of it.
            while s < at
                && b[s] >= 0x80
                && !text[s..].chars().next().is_some_and(char::is_alphabetic)
            {
                s += text[s..].chars().next().map_or(1, char::len_utf8);
            }
            if s == at {
                continue;
            }
            // Domain, forwards.
            let mut e = at + 1;
            while e < b.len() && (is_domain(b[e]) || is_utf8_letter_byte(b[e])) && e - at < 256 {
                e += 1;
            }
            while e > at + 1 && (matches!(b[e - 1], b'.' | b'-') || !text.is_char_boundary(e)) {
                e -= 1;
            }
            while e > at + 1 && b[e - 1] >= 0x80 {
                let c = text[..e].chars().next_back().unwrap_or('a');
                if c.is_alphabetic() {
                    break;
                }
                e -= c.len_utf8();
            }
            let domain = &text[at + 1..e];
            let Some(dot) = domain.rfind('.') else {
                continue;
            };
            let tld = &domain[dot + 1..];
            if tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            if domain.starts_with('.') || domain.contains("..") || text[s..at].ends_with('.') {
                continue;
            }
            out.push(Finding::new(Kind::Email, s, e, 950, "email", Reason::Shape));
            last_end = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KindSet;

    fn emails(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, KindSet::all(), vec![]);
        let mut out = vec![];
        EmailDetector::new().detect(&scan, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
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
