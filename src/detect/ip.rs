//! IP: IPv4 dotted quads (from `Scan::digit_runs`) and IPv6 addresses (from each `:`,
//! found with memchr, expanded over hex digits and validated by the standard parser).
//!
//! IPv4: four runs of 1–3 digits joined by single dots, each 0–255 without a leading
//! zero, not glued to letters or to more dotted numbers (`1.2.3.4.5`, `v1.2.3.4`), not
//! after a version or article word. Addresses that identify no machine are not
//! reported: `0.x.x.x`, loopback `127/8`, multicast and reserved (`224` and up, which
//! also drops netmasks such as `255.255.255.0`). Private ranges (`10/8`, `172.16/12`,
//! `192.168/16`, `100.64/10`, link-local `169.254/16`) are reported with a lower
//! confidence: on an internal network they still point at one person's machine.
//!
//! All-single-digit quads (`2.3.1.4`) are outline numbers unless a word such as
//! *IP*, *adresse IP*, *serveur* or *connexion* comes before them.
//!
//! IPv6: full, `::`-compressed and IPv4-embedded forms, with an optional zone id
//! (`fe80::1%eth0`). The unspecified address `::`, loopback `::1`, prefixes ending in
//! `::` (four groups or fewer) and addresses with a single non-zero group are not reported (they name
//! networks, not machines); neither are IPv4 networks written `a.b.c.0/n`.

use super::checksum::Words;
use super::has_word_folded;
use super::{Detector, Scan};
use crate::text::{char_at, char_before, window_before};
use crate::{Finding, Kind, Reason};
use std::net::Ipv6Addr;

pub(crate) struct IpDetector;

impl IpDetector {
    pub(crate) fn new() -> IpDetector {
        IpDetector
    }
}

/// Words before a dotted quad that make it a version or section number (folded).
const NOT_IP_WORDS: Words = Words::new(&[
    "version",
    "v",
    "v.",
    "ver.",
    "build",
    "release",
    "firmware",
    "article",
    "art.",
    "section",
    "paragraphe",
    "chapitre",
    "annexe",
    "§",
    "oid",
    "rev",
    "rev.",
    "revision",
    "logiciel",
    "mise a jour",
    "maj",
    "paquet",
    "package",
    "dpkg",
    "apt",
    "pip",
    "npm",
    "windows",
    "android",
    "ios",
    "macos",
    "firefox",
    "chrome",
    "noyau",
    "kernel",
    "linux",
    "edition",
    "norme",
    "iso",
    "ref",
    "ref.",
    "reference",
]);

/// Words that confirm an IP address (folded).
const IP_WORDS: Words = Words::new(&[
    "ip",
    "ipv4",
    "ipv6",
    "adresse ip",
    "connexion",
    "connecte",
    "serveur",
    "hote",
    "host",
    "routeur",
    "box",
    "depuis",
    "passerelle",
    "gateway",
    "from",
    "client",
    "remote",
    "src",
    "dst",
    "addr",
    "adresse",
    "vpn",
    "proxy",
    "dns",
]);

fn octet(b: &[u8]) -> Option<u8> {
    if b.is_empty() || b.len() > 3 || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    let v = b.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
    u8::try_from(v).ok()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl IpDetector {
    fn ipv4(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let mut i = 0;
        while i + 3 < runs.len() {
            // Most runs are followed by no dot and the next run (the first link of
            // the test below, alone).
            let e0 = runs[i].1;
            if b[e0] != b'.' || runs[i + 1].0 != e0 + 1 {
                i += 1;
                continue;
            }
            let quad = &runs[i..i + 4];
            let chained = quad
                .windows(2)
                .all(|w| w[0].1 + 1 == w[1].0 && b[w[0].1] == b'.');
            if !chained {
                i += 1;
                continue;
            }
            let (s, e) = (quad[0].0, quad[3].1);
            let mut oct = [0u8; 4];
            let mut ok = true;
            for (k, r) in quad.iter().enumerate() {
                match octet(&b[r.0..r.1]) {
                    Some(v) => oct[k] = v,
                    None => ok = false,
                }
            }
            // Part of a longer dotted number?
            let before_dot = s > 0
                && matches!(b[s - 1], b'.' | b':')
                && s > 1
                && (b[s - 2].is_ascii_alphanumeric());
            let after_dot =
                e < b.len() && b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit);
            if before_dot || after_dot {
                // Skip the whole dotted chain.
                let mut j = i + 3;
                while j + 1 < runs.len() && runs[j].1 + 1 == runs[j + 1].0 && b[runs[j].1] == b'.' {
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            if !ok
                || char_before(text, s).is_some_and(is_word_char)
                || char_at(text, e).is_some_and(is_word_char)
            {
                i += 1;
                continue;
            }
            i += 4;
            let [a, bb, _, d] = oct;
            if a == 0 || a == 127 || a >= 224 {
                continue;
            }
            // A network, not a host: `10.0.0.0/8`, `192.0.2.0/24`.
            if d == 0 && b.get(e) == Some(&b'/') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let window = window_before(text, s, 24);
            if has_word_folded(window, &NOT_IP_WORDS) {
                continue;
            }
            let private = a == 10
                || (a == 172 && (16..=31).contains(&bb))
                || (a == 192 && bb == 168)
                || (a == 100 && (64..=127).contains(&bb))
                || (a == 169 && bb == 254);
            let ctx = has_word_folded(window_before(text, s, 48), &IP_WORDS);
            // `1.2.3.4`, `2.3.1.4`: outline and section numbers far more often than
            // addresses (and the few public ones, 1.1.1.1, 8.8.8.8, are resolvers).
            if !ctx && quad.iter().all(|r| r.1 - r.0 == 1) {
                continue;
            }
            let (conf, reason) = match (private, ctx) {
                (false, true) => (960, Reason::Context),
                (false, false) => (880, Reason::Shape),
                (true, true) => (850, Reason::Context),
                (true, false) => (700, Reason::Shape),
            };
            out.push(Finding::new(Kind::Ip, s, e, conf, "ip", reason));
        }
    }

    fn ipv6(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let mut last_end = 0;
        for c in memchr::memchr_iter(b':', b) {
            if c < last_end {
                continue;
            }
            let is_v6 = |x: u8| x.is_ascii_hexdigit() || x == b':';
            // A colon between two bytes that extend no address (`Nom : …`, most
            // colons of a text) spans nothing: skipped as the trims below would.
            let before = c > last_end && is_v6(b[c - 1]);
            let after = b.get(c + 1).is_some_and(|&x| is_v6(x) || x == b'.');
            if !(before || after) {
                last_end = c + 1;
                continue;
            }
            let mut s = c;
            while s > last_end && c - s < 40 && is_v6(b[s - 1]) {
                s -= 1;
            }
            let mut e = c + 1;
            while e < b.len() && e - c < 46 && (is_v6(b[e]) || b[e] == b'.') {
                e += 1;
            }
            last_end = e;
            // Trim: sentence dots, a label colon before, a trailing colon.
            while e > s && b[e - 1] == b'.' {
                e -= 1;
            }
            if b[s] == b':' && b.get(s + 1) != Some(&b':') {
                s += 1;
            }
            if e > s + 1 && b[e - 1] == b':' && b[e - 2] != b':' {
                e -= 1;
            }
            if e <= s || e - s < 3 {
                continue;
            }
            let cand = &text[s..e];
            let Ok(addr) = cand.parse::<Ipv6Addr>() else {
                continue;
            };
            // Not a host: unspecified, loopback, a prefix (`2001:db8::`, `fe80::/64`),
            // a lone group (`::ffff`, `::ffff:0:0`).
            let groups = addr.segments().iter().filter(|&&g| g != 0).count();
            if addr.is_unspecified()
                || addr.is_loopback()
                || (cand.ends_with("::") && groups <= 4)
                || groups < 2
            {
                continue;
            }
            if char_before(text, s).is_some_and(is_word_char) {
                continue;
            }
            // Zone id.
            let mut end = e;
            if b.get(e) == Some(&b'%') {
                let mut z = e + 1;
                while z < b.len()
                    && (b[z].is_ascii_alphanumeric() || matches!(b[z], b'.' | b'_' | b'-'))
                {
                    z += 1;
                }
                while z > e + 1 && matches!(b[z - 1], b'.' | b'-') {
                    z -= 1;
                }
                // Interface names are short (IFNAMSIZ is 16); a longer "zone" is
                // something else glued to the address.
                if z > e + 1 && z - e <= 16 {
                    end = z;
                }
            }
            if char_at(text, end).is_some_and(is_word_char) {
                continue;
            }
            last_end = last_end.max(end);
            let ctx = has_word_folded(window_before(text, s, 48), &IP_WORDS);
            let (conf, reason) = if ctx {
                (970, Reason::Context)
            } else {
                (920, Reason::Shape)
            };
            out.push(Finding::new(Kind::Ip, s, end, conf, "ip", reason));
        }
    }
}

impl Detector for IpDetector {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        self.ipv4(scan, out);
        self.ipv6(scan, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(text: &str) -> Vec<&str> {
        let scan = Scan::new(text, Vec::new());
        let mut out = vec![];
        IpDetector::new().detect(&scan, &mut out);
        out.sort_by_key(|f| f.span.start);
        out.iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn ipv4() {
        assert_eq!(ips("depuis l'adresse IP 91.30.204.59."), ["91.30.204.59"]);
        assert_eq!(ips("ip=8.8.8.8:443"), ["8.8.8.8"]);
        assert_eq!(ips("(192.168.1.12)"), ["192.168.1.12"]);
        assert_eq!(ips("poste 192.168.1.12/24"), ["192.168.1.12"]);
        assert_eq!(ips("DNS : serveur 1.1.1.1"), ["1.1.1.1"]);
        for t in [
            "127.0.0.1",
            "0.0.0.0",
            "255.255.255.0",
            "1.2.3.4.5",
            "v1.2.3.4",
            "version 1.2.3.4",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "12.03.1985",
            "article 1.2.3.4 du code",
            "2.3.1.4 Modalités de calcul",
            "mise à jour dpkg 1.15.5.4 installée",
            "Windows 10.0.19041.1",
            "réseau 10.0.0.0/8",
        ] {
            assert!(ips(t).is_empty(), "{t}");
        }
    }

    /// The IPv4 loop before the first link was tested alone.
    fn ipv4_plain(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let runs = &scan.digit_runs;
        let mut i = 0;
        while i + 3 < runs.len() {
            let quad = &runs[i..i + 4];
            let chained = quad
                .windows(2)
                .all(|w| w[0].1 + 1 == w[1].0 && b[w[0].1] == b'.');
            if !chained {
                i += 1;
                continue;
            }
            let (s, e) = (quad[0].0, quad[3].1);
            let mut oct = [0u8; 4];
            let mut ok = true;
            for (k, r) in quad.iter().enumerate() {
                match octet(&b[r.0..r.1]) {
                    Some(v) => oct[k] = v,
                    None => ok = false,
                }
            }
            // Part of a longer dotted number?
            let before_dot = s > 0
                && matches!(b[s - 1], b'.' | b':')
                && s > 1
                && (b[s - 2].is_ascii_alphanumeric());
            let after_dot =
                e < b.len() && b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit);
            if before_dot || after_dot {
                // Skip the whole dotted chain.
                let mut j = i + 3;
                while j + 1 < runs.len() && runs[j].1 + 1 == runs[j + 1].0 && b[runs[j].1] == b'.' {
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            if !ok
                || char_before(text, s).is_some_and(is_word_char)
                || char_at(text, e).is_some_and(is_word_char)
            {
                i += 1;
                continue;
            }
            i += 4;
            let [a, bb, _, d] = oct;
            if a == 0 || a == 127 || a >= 224 {
                continue;
            }
            // A network, not a host: `10.0.0.0/8`, `192.0.2.0/24`.
            if d == 0 && b.get(e) == Some(&b'/') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let window = window_before(text, s, 24);
            if has_word_folded(window, &NOT_IP_WORDS) {
                continue;
            }
            let private = a == 10
                || (a == 172 && (16..=31).contains(&bb))
                || (a == 192 && bb == 168)
                || (a == 100 && (64..=127).contains(&bb))
                || (a == 169 && bb == 254);
            let ctx = has_word_folded(window_before(text, s, 48), &IP_WORDS);
            // `1.2.3.4`, `2.3.1.4`: outline and section numbers far more often than
            // addresses (and the few public ones, 1.1.1.1, 8.8.8.8, are resolvers).
            if !ctx && quad.iter().all(|r| r.1 - r.0 == 1) {
                continue;
            }
            let (conf, reason) = match (private, ctx) {
                (false, true) => (960, Reason::Context),
                (false, false) => (880, Reason::Shape),
                (true, true) => (850, Reason::Context),
                (true, false) => (700, Reason::Shape),
            };
            out.push(Finding::new(Kind::Ip, s, e, conf, "ip", reason));
        }
    }

    #[test]
    fn ipv4_loop_agrees_with_the_plain_one() {
        let alphabet: &[&str] = &[
            "192",
            "168",
            "1",
            "10",
            "0",
            "255",
            "256",
            "01",
            ".",
            ". ",
            " ",
            " ",
            ":",
            "/24",
            "x",
            "ip ",
            "version ",
            "-",
            "é",
            "192.168.1.10",
            "10.0.0.1 ",
            "82.64.10.3",
            "172.16.0.5",
            "serveur ",
        ];
        let mut rng = crate::testrng::Lcg(37);
        let mut found = 0;
        let mut t = String::new();
        for _ in 0..60000 {
            t.clear();
            for _ in 0..rng.next() % 16 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = Scan::new(&t, Vec::new());
            let (mut got, mut want) = (vec![], vec![]);
            IpDetector::new().ipv4(&scan, &mut got);
            ipv4_plain(&scan, &mut want);
            assert_eq!(got, want, "{t:?}");
            found += got.len();
        }
        assert!(found > 800, "{found}");
    }

    /// The IPv6 loop before colons with no address byte beside them were skipped.
    fn ipv6_plain(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let b = scan.bytes();
        let mut last_end = 0;
        for c in memchr::memchr_iter(b':', b) {
            if c < last_end {
                continue;
            }
            let is_v6 = |x: u8| x.is_ascii_hexdigit() || x == b':';
            let mut s = c;
            while s > last_end && c - s < 40 && is_v6(b[s - 1]) {
                s -= 1;
            }
            let mut e = c + 1;
            while e < b.len() && e - c < 46 && (is_v6(b[e]) || b[e] == b'.') {
                e += 1;
            }
            last_end = e;
            // Trim: sentence dots, a label colon before, a trailing colon.
            while e > s && b[e - 1] == b'.' {
                e -= 1;
            }
            if b[s] == b':' && b.get(s + 1) != Some(&b':') {
                s += 1;
            }
            if e > s + 1 && b[e - 1] == b':' && b[e - 2] != b':' {
                e -= 1;
            }
            if e <= s || e - s < 3 {
                continue;
            }
            let cand = &text[s..e];
            let Ok(addr) = cand.parse::<Ipv6Addr>() else {
                continue;
            };
            // Not a host: unspecified, loopback, a prefix (`2001:db8::`, `fe80::/64`),
            // a lone group (`::ffff`, `::ffff:0:0`).
            let groups = addr.segments().iter().filter(|&&g| g != 0).count();
            if addr.is_unspecified()
                || addr.is_loopback()
                || (cand.ends_with("::") && groups <= 4)
                || groups < 2
            {
                continue;
            }
            if char_before(text, s).is_some_and(is_word_char) {
                continue;
            }
            // Zone id.
            let mut end = e;
            if b.get(e) == Some(&b'%') {
                let mut z = e + 1;
                while z < b.len()
                    && (b[z].is_ascii_alphanumeric() || matches!(b[z], b'.' | b'_' | b'-'))
                {
                    z += 1;
                }
                while z > e + 1 && matches!(b[z - 1], b'.' | b'-') {
                    z -= 1;
                }
                // Interface names are short (IFNAMSIZ is 16); a longer "zone" is
                // something else glued to the address.
                if z > e + 1 && z - e <= 16 {
                    end = z;
                }
            }
            if char_at(text, end).is_some_and(is_word_char) {
                continue;
            }
            last_end = last_end.max(end);
            let ctx = has_word_folded(window_before(text, s, 48), &IP_WORDS);
            let (conf, reason) = if ctx {
                (970, Reason::Context)
            } else {
                (920, Reason::Shape)
            };
            out.push(Finding::new(Kind::Ip, s, end, conf, "ip", reason));
        }
    }

    #[test]
    fn ipv6_loop_agrees_with_the_plain_one() {
        let alphabet: &[&str] = &[
            ":",
            "::",
            "2001",
            "db8",
            "fe80",
            "1",
            "a",
            "0",
            ".",
            " ",
            " : ",
            "%eth0",
            "/64",
            "x",
            "Nom",
            "g",
            "192.168.1.1",
            "ip ",
            "é",
        ];
        let mut rng = crate::testrng::Lcg(29);
        let mut found = 0;
        let mut t = String::new();
        for _ in 0..90000 {
            t.clear();
            for _ in 0..rng.next() % 16 {
                t.push_str(rng.pick(alphabet));
            }
            let scan = Scan::new(&t, Vec::new());
            let (mut got, mut want) = (vec![], vec![]);
            IpDetector::new().ipv6(&scan, &mut got);
            ipv6_plain(&scan, &mut want);
            assert_eq!(got, want, "{t:?}");
            found += got.len();
        }
        assert!(found > 800, "{found}");
    }

    #[test]
    fn ipv6() {
        for a in [
            "2001:db8::1",
            "b488:4f61:a238:aca0:1818:ece9:1a17:571c",
            "fe80::7:8%eth0",
            "::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33",
            "1::8",
            "ff02::5678%pvc1.3",
        ] {
            let t = format!("Connexion depuis l'adresse IP {a}. Fin");
            let got = ips(&t);
            assert!(got.contains(&a), "{a}: {got:?}");
        }
        assert_eq!(ips("IP:2001:db8::1"), ["2001:db8::1"]);
        assert_eq!(ips("[2001:db8::1]:8080"), ["2001:db8::1"]);
        for t in [
            "à 13:50:12",
            "::1",
            "std::vec::Vec",
            "::banana",
            "00:1a:2b:3c:4d:5e",
            "ATTENTION::",
            "a:b",
            "préfixe fe80::/64",
            "2001:db8:9:e54::/64",
            "::ffff:0:0/96",
            "and ::FFFF:<IPv4>",
        ] {
            assert!(ips(t).is_empty(), "{t}: {:?}", ips(t));
        }
    }
}
