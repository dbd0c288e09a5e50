//! EMAIL written so that a machine does not see an `@`, or dictated:
//! `marie.curie(at)free.fr`, `marie.curie [at] free [dot] fr`,
//! `sophie.leroy AT wanadoo DOT fr`, `jean point dupont arobase gmail point com`,
//! `jean.dupont @ gmail.com`.
//!
//! One search for the few spellings of "at" (a small case-sensitive automaton: its
//! vectorised prefilter costs a fraction of a byte's budget), then the address is
//! read both ways from there: labels of address characters joined by a dot written
//! as such (`.`, `(dot)`, `[.]`, ` point `, ` dot `…), at most a few on each side,
//! and the last one a known top-level domain. Without that ending, nothing is
//! reported: "rendez-vous at home" stays text.

use crate::{Finding, Kind, Reason};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

const DETECTOR: &str = "email";

/// The spellings of "at" between the two parts. Spaces around a bracketed or
/// spelled-out one are read by [`at_bounds`].
const ATS: [&str; 14] = [
    "(at)", "[at]", "{at}", "(AT)", "[AT]", "(a)", "[a]", "(@)", "[@]", " @ ", "arobase",
    "AROBASE", " at ", " AT ",
];

/// Builds the automaton (at engine build).
pub(crate) fn load() {
    let _ = ats();
}

fn ats() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(ATS)
            .expect("static patterns")
    })
}

/// Top-level domains an address may end with (lower case): the French ones, the
/// generic ones, and the neighbours'. A spelled-out address ending otherwise is not
/// reported.
const TLDS: [&str; 24] = [
    "fr", "com", "net", "org", "eu", "info", "io", "be", "ch", "lu", "mc", "re", "gp", "mq", "nc",
    "pf", "yt", "ca", "de", "es", "it", "uk", "biz", "pro",
];

/// Dots written out, between two labels (each may also be surrounded by spaces,
/// except the bare `.`).
const DOTS: [&str; 10] = [
    ".", "(dot)", "[dot]", "{dot}", "(.)", "[.]", "(point)", "[point]", "dot", "point",
];

fn is_label_byte(c: u8, local: bool) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || (local && matches!(c, b'_' | b'+' | b'%'))
}

/// A dot separator ending at `e` (exclusive), spaces before `e` skipped: its start,
/// its own spaces included, and whether it is spelled out (not a bare `.`).
fn dot_before(b: &[u8], e: usize) -> Option<(usize, bool)> {
    let mut j = e;
    while j > 0 && b[j - 1] == b' ' {
        j -= 1;
    }
    let spaced_after = j < e;
    // Every spelling ends with one of these bytes.
    if j == 0 || !matches!(b[j - 1], b'.' | b')' | b']' | b'}' | b't' | b'T') {
        return None;
    }
    for d in DOTS {
        let d = d.as_bytes();
        if j < d.len() || !b[j - d.len()..j].eq_ignore_ascii_case(d) {
            continue;
        }
        let mut s = j - d.len();
        let bare = d == b".";
        let word = d[0].is_ascii_alphabetic();
        if bare && spaced_after {
            continue;
        }
        while s > 0 && b[s - 1] == b' ' {
            s -= 1;
        }
        // A word ("point", "dot") stands apart on both sides; a bare dot touches both.
        if word && (s == j - d.len() || !spaced_after) {
            continue;
        }
        if bare && s < j - 1 {
            continue;
        }
        return Some((s, !bare));
    }
    None
}

/// The same, starting at `s`: its end, its spaces included, and whether spelled out.
fn dot_after(b: &[u8], s: usize) -> Option<(usize, bool)> {
    let mut j = s;
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    let spaced_before = j > s;
    // Every spelling starts with one of these bytes.
    if !b
        .get(j)
        .is_some_and(|c| matches!(c, b'.' | b'(' | b'[' | b'{' | b'd' | b'D' | b'p' | b'P'))
    {
        return None;
    }
    for d in DOTS {
        let d = d.as_bytes();
        if b.len() - j < d.len() || !b[j..j + d.len()].eq_ignore_ascii_case(d) {
            continue;
        }
        let mut e = j + d.len();
        let bare = d == b".";
        let word = d[0].is_ascii_alphabetic();
        if bare && spaced_before {
            continue;
        }
        while e < b.len() && b[e] == b' ' {
            e += 1;
        }
        if word && (e == j + d.len() || !spaced_before) {
            continue;
        }
        if bare && e > j + 1 {
            continue;
        }
        return Some((e, !bare));
    }
    None
}

/// The label (address characters) ending at `e`: its start.
fn label_before(b: &[u8], e: usize, local: bool) -> usize {
    let mut s = e;
    while s > 0 && e - s < 64 && is_label_byte(b[s - 1], local) {
        s -= 1;
    }
    s
}

/// The label starting at `s`: its end.
fn label_after(b: &[u8], s: usize) -> usize {
    let mut e = s;
    while e < b.len() && e - s < 64 && is_label_byte(b[e], false) {
        e += 1;
    }
    e
}

/// The whole "at" of a match: spaces and, for a spelled-out `arobase`, brackets
/// around it. `None` when it is glued to a word it does not separate.
fn at_bounds(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    let pat = &b[s..e];
    let (mut s, mut e) = (s, e);
    if pat[0].is_ascii_alphabetic() {
        // "arobase": a word of its own, maybe in brackets.
        if s > 0 && e < b.len() && matches!((b[s - 1], b[e]), (b'(', b')') | (b'[', b']')) {
            s -= 1;
            e += 1;
        } else if s == 0 || e >= b.len() || b[s - 1] != b' ' || b[e] != b' ' {
            return None;
        }
    }
    while s > 0 && b[s - 1] == b' ' {
        s -= 1;
    }
    while e < b.len() && b[e] == b' ' {
        e += 1;
    }
    Some((s, e))
}

/// Obfuscated or dictated addresses of `text`, appended to `out`.
pub(crate) fn detect(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut last_end = 0;
    for m in ats().find_iter(b) {
        if m.start() < last_end {
            continue;
        }
        let Some((at_s, at_e)) = at_bounds(b, m.start(), m.end()) else {
            continue;
        };
        let pat = &b[m.start()..m.end()];
        let weak = pat == b" at ";
        // The local part, backwards: labels joined by dots.
        let mut start = label_before(b, at_s, true);
        if start == at_s || start < last_end {
            continue;
        }
        let mut spelled = false;
        for _ in 0..3 {
            let Some((ds, sp)) = dot_before(b, start) else {
                break;
            };
            let ls = label_before(b, ds, true);
            if ls == ds || ls < last_end {
                break;
            }
            spelled |= sp;
            start = ls;
        }
        // Not the tail of a word or of an ordinary address.
        if start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'@') {
            continue;
        }
        // The domain, forwards: labels joined by dots, the last a known TLD.
        let mut end = label_after(b, at_e);
        if end - at_e < 2 {
            continue;
        }
        // Where the address ends: after the last label that is a known TLD
        // ("free.fr.", "free.fr.Merci").
        let mut ok_end = None;
        for _ in 0..4 {
            let Some((de, sp)) = dot_after(b, end) else {
                break;
            };
            let le = label_after(b, de);
            if le == de {
                break;
            }
            let label = &b[de..le];
            end = le;
            spelled |= sp;
            if TLDS
                .iter()
                .any(|t| label.eq_ignore_ascii_case(t.as_bytes()))
            {
                ok_end = Some(le);
            }
        }
        let Some(end) = ok_end else {
            continue;
        };
        if end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'@') {
            continue;
        }
        // "at" in lower case is also an English word: only with a dot written out or
        // a local part that could not be a word ("paul.martin", "jdupont75").
        if weak {
            let local = &b[start..at_s];
            let odd = local
                .iter()
                .any(|c| !c.is_ascii_alphabetic() || c.is_ascii_uppercase());
            if !spelled && !odd {
                continue;
            }
        }
        let conf = if weak { 800 } else { 900 };
        out.push(Finding::new(
            Kind::Email,
            start,
            end,
            conf,
            DETECTOR,
            Reason::Shape,
        ));
        last_end = end;
    }
}

/// Writes into `out` the plain form (`local@domain`, lower case) of an address
/// written in one of the spellings [`detect`] reads (`marie.curie [at] free [dot]
/// fr`), so that both writings of one address are one value. False, with `out`
/// empty, for any other text (a plain address included).
pub(crate) fn canonical_into(value: &str, out: &mut String) -> bool {
    out.clear();
    let b = value.as_bytes();
    let Some(m) = ats().find(b) else {
        return false;
    };
    let Some((at_s, at_e)) = at_bounds(b, m.start(), m.end()) else {
        return false;
    };
    // Labels joined by dots, from `i` to `e`, written plainly.
    let plain = |mut i: usize, e: usize, local: bool, out: &mut String| -> Option<()> {
        loop {
            let le = if local {
                let mut k = i;
                while k < e && is_label_byte(b[k], true) {
                    k += 1;
                }
                k
            } else {
                label_after(b, i).min(e)
            };
            if le == i {
                return None;
            }
            out.push_str(&value[i..le]);
            if le >= e {
                return Some(());
            }
            let (de, _) = dot_after(b, le)?;
            out.push('.');
            i = de;
        }
    };
    let ok = plain(0, at_s, true, out).is_some() && {
        out.push('@');
        plain(at_e, b.len(), false, out).is_some()
    };
    if ok {
        out.make_ascii_lowercase();
    } else {
        zeroize::Zeroize::zeroize(out);
    }
    ok
}

/// Whether a value found as an EMAIL is written plainly (`local@domain`: an `@`,
/// no space or bracket), so that [`canonical_into`] has nothing to do.
pub(crate) fn is_plain(value: &[u8]) -> bool {
    memchr::memchr(b'@', value).is_some()
        && !value
            .iter()
            .any(|&c| matches!(c, b' ' | b'(' | b'[' | b'{'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        detect(text, &mut out);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn obfuscated_and_dictated_addresses() {
        let cases = [
            (
                "Écrivez à marie.curie(at)free.fr.",
                "marie.curie(at)free.fr",
            ),
            (
                "ou marie.curie [at] free [dot] fr, merci",
                "marie.curie [at] free [dot] fr",
            ),
            (
                "mail: sophie.leroy AT wanadoo DOT fr",
                "sophie.leroy AT wanadoo DOT fr",
            ),
            (
                "c'est jean point dupont arobase gmail point com voilà",
                "jean point dupont arobase gmail point com",
            ),
            (
                "contact : paul.martin(a)orange.fr",
                "paul.martin(a)orange.fr",
            ),
            (
                "écrire à jean.dupont @ gmail.com",
                "jean.dupont @ gmail.com",
            ),
            ("p.martin at orange.fr", "p.martin at orange.fr"),
            ("jdupont at gmail dot com", "jdupont at gmail dot com"),
            (
                "lea-b (at) mairie-lyon [.] fr",
                "lea-b (at) mairie-lyon [.] fr",
            ),
            (
                "AROBASE: x.y AROBASE free POINT fr",
                "x.y AROBASE free POINT fr",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), [want], "{text}");
        }
    }

    #[test]
    fn canonical_forms() {
        for (spelled, plain) in [
            ("marie.curie(at)free.fr", "marie.curie@free.fr"),
            ("marie.curie [at] free [dot] fr", "marie.curie@free.fr"),
            (
                "Jean point Dupont arobase Gmail point com",
                "jean.dupont@gmail.com",
            ),
            ("sophie.leroy AT wanadoo DOT fr", "sophie.leroy@wanadoo.fr"),
            ("jean.dupont @ gmail.com", "jean.dupont@gmail.com"),
            ("lea-b (at) mairie-lyon [.] fr", "lea-b@mairie-lyon.fr"),
        ] {
            let mut out = String::new();
            assert!(canonical_into(spelled, &mut out), "{spelled}");
            assert_eq!(out, plain, "{spelled}");
            assert!(!is_plain(spelled.as_bytes()) && is_plain(out.as_bytes()));
        }
        // Every address found has a plain form.
        let text = "a: marie.curie [at] free [dot] fr, x.y AROBASE free POINT fr.";
        let mut out = Vec::new();
        detect(text, &mut out);
        assert_eq!(out.len(), 2);
        let mut plain = String::new();
        for f in out {
            assert!(canonical_into(&text[f.span.range()], &mut plain));
        }
        assert!(!canonical_into("a@b.fr", &mut plain) && plain.is_empty());
        assert!(!canonical_into("texte", &mut plain) && plain.is_empty());
    }

    #[test]
    fn ordinary_text_is_not_an_address() {
        for text in [
            "meet me at home.",
            "the file is at example.txt",
            "see (a) and (b) above",
            "le point de vue arobase est rare",
            "paul at orange.fr",
            "ls(1) at index.html",
            "mail (at) example",
            "x(at)y.zz",
            "a@b.fr",
            "jean(at)free.fr2",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn hostile_input_stays_linear_and_safe() {
        // Long runs of separators and labels, cut anywhere, including inside a
        // multi-byte character: no panic.
        let unit = "a.(at)[dot] point é arobase .fr ";
        let text = unit.repeat(2000);
        for cut in [0, 1, 7, 13, 101, text.len() / 2] {
            let mut c = cut;
            while !text.is_char_boundary(c) {
                c += 1;
            }
            let _ = found(&text[c..]);
        }
    }
}
