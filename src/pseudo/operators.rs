//! The non-tag operators: mask, redact, hash and surrogate.

use super::keys::{self, Prng};
use super::tags::label;
use crate::Kind;

/// The mask character.
pub(crate) const MASK: char = '•';

/// Keeps the shape, hides the value: separators stay, most letters and digits become
/// `•` (a phone keeps its first two and last two digits, an e-mail its first letter
/// and top-level domain, a name its initials).
pub(crate) fn mask(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Email => {
            let (local, domain) = value.rsplit_once('@').unwrap_or((value, ""));
            let first = local.chars().next().unwrap_or(MASK);
            let tld = domain.rsplit_once('.').map_or("", |(_, t)| t);
            format!("{first}{MASK}{MASK}{MASK}@{MASK}{MASK}{MASK}.{tld}")
        }
        Kind::Person => {
            let mut out = String::with_capacity(value.len() * 2);
            let mut at_word_start = true;
            for c in value.chars() {
                if c.is_alphabetic() {
                    out.push(if at_word_start { c } else { MASK });
                    at_word_start = false;
                } else {
                    out.push(c);
                    at_word_start = true;
                }
            }
            out
        }
        _ => {
            let n = value.chars().filter(|c| c.is_alphanumeric()).count();
            let (keep_head, keep_tail) = match kind {
                Kind::Phone | Kind::Iban | Kind::Card => (2, 2),
                _ if n > 8 => (0, 2),
                _ => (0, 0),
            };
            let mut out = String::with_capacity(value.len() * 2);
            let mut i = 0;
            for c in value.chars() {
                if c.is_alphanumeric() {
                    out.push(if i < keep_head || i + keep_tail >= n {
                        c
                    } else {
                        MASK
                    });
                    i += 1;
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// `[EMAIL]`.
pub(crate) fn redact(kind: Kind) -> String {
    format!("[{}]", label(kind))
}

/// Bytes of HMAC kept in a hash pseudonym (written as twice as many hex digits).
pub(crate) const HASH_BYTES: usize = 5;

/// `[NIR:3f9a1c2b7e]`: HMAC-SHA-256 of the normalised value under the hash subkey,
/// 5 bytes in hex; a `_N` suffix tells surface variants apart.
pub(crate) fn hash(key: &[u8; 32], kind: Kind, norm: &str, variant: u32) -> String {
    let m = keys::mac(key, &[kind.name().as_bytes(), norm.as_bytes()]);
    let h = keys::hex(&m, HASH_BYTES);
    if variant > 1 {
        format!("[{}:{h}_{variant}]", label(kind))
    } else {
        format!("[{}:{h}]", label(kind))
    }
}

/// Keyed fingerprint for reports: 8 bytes of HMAC over the kind and normalised value.
pub(crate) fn fingerprint(key: &[u8; 32], kind: Kind, norm: &str) -> String {
    keys::hex(
        &keys::mac(key, &[kind.name().as_bytes(), norm.as_bytes()]),
        8,
    )
}

const MALE: &[&str] = &[
    "Julien",
    "Nicolas",
    "Thomas",
    "Antoine",
    "Laurent",
    "Olivier",
    "Philippe",
    "Vincent",
    "Guillaume",
    "Maxime",
    "Romain",
    "Florian",
    "Alexandre",
    "Baptiste",
    "Hugo",
    "Louis",
    "Mathieu",
    "Bernard",
    "Patrick",
    "Christophe",
    "Didier",
    "Franck",
    "Gilles",
    "Herve",
];
const FEMALE: &[&str] = &[
    "Camille",
    "Julie",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Sandrine",
    "Aurelie",
    "Laura",
    "Manon",
    "Pauline",
    "Claire",
    "Emma",
    "Chloe",
    "Lucie",
    "Sarah",
    "Caroline",
    "Valerie",
    "Sylvie",
    "Christine",
    "Monique",
    "Brigitte",
    "Martine",
    "Celine",
    "Agathe",
];
const SURNAMES: &[&str] = &[
    "Marchand",
    "Lemaire",
    "Garnier",
    "Fontaine",
    "Rousseau",
    "Mercier",
    "Boyer",
    "Blanchard",
    "Guerin",
    "Muller",
    "Faure",
    "Gauthier",
    "Perrin",
    "Morin",
    "Roussel",
    "Masson",
    "Duval",
    "Lemoine",
    "Picard",
    "Vidal",
    "Caron",
    "Renard",
    "Brunet",
    "Giraud",
    "Leclerc",
    "Gaillard",
    "Barbier",
    "Huet",
    "Carpentier",
    "Rey",
    "Leroux",
];
/// Real communes with one of their postcodes.
const COMMUNES: &[(&str, &str)] = &[
    ("69003", "Lyon"),
    ("13008", "Marseille"),
    ("31500", "Toulouse"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("35000", "Rennes"),
    ("51100", "Reims"),
    ("76600", "Le Havre"),
    ("42000", "Saint-Etienne"),
    ("83000", "Toulon"),
    ("38000", "Grenoble"),
    ("21000", "Dijon"),
    ("49000", "Angers"),
    ("30000", "Nimes"),
    ("63000", "Clermont-Ferrand"),
    ("72000", "Le Mans"),
    ("29200", "Brest"),
    ("37000", "Tours"),
    ("80000", "Amiens"),
    ("87000", "Limoges"),
    ("74000", "Annecy"),
];
const VOIES: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "allee",
    "impasse",
    "chemin",
    "place",
];
const STREETS: &[&str] = &[
    "des Lilas",
    "de la Republique",
    "Victor Hugo",
    "des Acacias",
    "du Moulin",
    "Jean Jaures",
    "de la Gare",
    "des Peupliers",
    "Pasteur",
    "du Chateau",
    "des Ecoles",
    "de la Liberte",
];
const WEBMAILS: &[&str] = &[
    "gmail.com",
    "orange.fr",
    "free.fr",
    "hotmail.fr",
    "hotmail.com",
    "yahoo.fr",
    "outlook.fr",
    "outlook.com",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
];
use crate::text::MONTHS;

/// Names for surrogates: the built-in lists plus the most frequent names of the
/// crate's dictionaries (`data/`, see `data/NOTICE`), ASCII letters only, never
/// ordinary French words. Parsed once.
struct Names {
    /// Every dictionary first name (folded) → female.
    sex: std::collections::HashMap<&'static str, bool>,
    male: Vec<&'static str>,
    female: Vec<&'static str>,
    surnames: Vec<&'static str>,
}

static FIRSTNAMES_TSV: &str = include_str!("../../data/firstnames.tsv");
static SURNAMES_TSV: &str = include_str!("../../data/surnames.tsv");

/// How many dictionary names to use.
const MAX_FIRST: usize = 800;
const MAX_SURNAMES: usize = 6000;

fn names() -> &'static Names {
    static N: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let cap = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        };
        let ok = |w: &str| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase());
        let mut n = Names {
            sex: std::collections::HashMap::new(),
            male: MALE.to_vec(),
            female: FEMALE.to_vec(),
            surnames: SURNAMES.to_vec(),
        };
        for line in FIRSTNAMES_TSV.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            n.sex.entry(f[0]).or_insert(f[2] == "F");
            if f[3] != "0" || !ok(f[0]) {
                continue;
            }
            let list = if f[2] == "F" {
                &mut n.female
            } else {
                &mut n.male
            };
            if list.len() < MAX_FIRST {
                list.push(leak(cap(f[0])));
            }
        }
        for line in SURNAMES_TSV.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 2 || f[1] != "0" || !ok(f[0]) {
                continue;
            }
            if n.surnames.len() >= MAX_SURNAMES {
                break;
            }
            n.surnames.push(leak(cap(f[0])));
        }
        n
    })
}

fn female_hint(value: &str) -> bool {
    let f = crate::text::fold(value).to_ascii_lowercase();
    let first = f
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|t| !t.is_empty())
        .unwrap_or("");
    if matches!(first, "mme" | "madame" | "mlle" | "mademoiselle") {
        return true;
    }
    if matches!(first, "m" | "mr" | "monsieur") {
        return false;
    }
    if let Some(&female) = names().sex.get(first) {
        return female;
    }
    let cap = |s: &str| s.to_ascii_lowercase();
    if FEMALE.iter().any(|n| cap(n) == first) {
        return true;
    }
    if MALE.iter().any(|n| cap(n) == first) {
        return false;
    }
    first.len() > 2
        && (first.ends_with('a')
            || first.ends_with("ine")
            || first.ends_with("elle")
            || first.ends_with("ette")
            || first.ends_with("ie"))
}

/// Copies the case shape of `model` (all capitals, all lower, or as is) onto `s`.
fn shape_case(model: &str, s: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        s.to_uppercase()
    } else if !letters.is_empty() && letters.iter().all(|c| c.is_lowercase()) {
        s.to_lowercase()
    } else {
        s.to_owned()
    }
}

/// Replaces every ASCII digit of `surface`, in order, by the digits of `digits`, and
/// every ASCII letter by the letters of `letters` when given (separators kept).
fn reshape(surface: &str, new: &[u8]) -> String {
    let mut it = new.iter();
    surface
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                it.next().map_or(c, |&b| {
                    let n = char::from(b);
                    if c.is_ascii_lowercase() {
                        n.to_ascii_lowercase()
                    } else {
                        n
                    }
                })
            } else {
                c
            }
        })
        .collect()
}

fn luhn_fix(d: &mut [u8]) {
    let n = d.len();
    d[n - 1] = b'0';
    let mut sum = 0u32;
    for (i, &c) in d.iter().rev().enumerate() {
        let mut x = u32::from(c - b'0');
        if i % 2 == 1 {
            x *= 2;
            if x > 9 {
                x -= 9;
            }
        }
        sum += x;
    }
    d[n - 1] = b'0' + ((10 - sum % 10) % 10) as u8;
}

fn mod97(s: &[u8]) -> u32 {
    let mut r = 0u32;
    for &c in s {
        if c.is_ascii_digit() {
            r = (r * 10 + u32::from(c - b'0')) % 97;
        } else {
            let v = u32::from(c.to_ascii_uppercase() - b'A') + 10;
            r = (r * 100 + v) % 97;
        }
    }
    r
}

/// A realistic fake of the same kind, deterministic for (key, kind, value, attempt).
/// Checksummed kinds pass their checksum; the written shape (spaces, dots, case) of
/// `surface` is kept.
pub(crate) fn surrogate(
    key: &[u8; 32],
    kind: Kind,
    norm: &str,
    surface: &str,
    attempt: u32,
) -> String {
    let mut r = Prng::new(
        key,
        &[
            kind.name().as_bytes(),
            norm.as_bytes(),
            &attempt.to_le_bytes(),
        ],
    );
    let alnum: Vec<u8> = surface.bytes().filter(u8::is_ascii_alphanumeric).collect();
    match kind {
        Kind::Person => {
            let female = female_hint(surface);
            let n = names();
            let given = if female { &n.female } else { &n.male };
            let first = r.pick(given);
            let last = r.pick(&n.surnames);
            // Map each word of the surface: civilities stay, an initial stays an
            // initial, the surname (the capitalised words of "LE BIHAN Jean", else
            // the last word) becomes `last`, particles go with the surname they
            // lead ("Le Bihan" is one surname), and each given name becomes a first
            // name of its own ("Jean Pierre" does not become "Marc Marc").
            let words: Vec<&str> = surface
                .split_inclusive(|c: char| c.is_whitespace())
                .collect();
            let cores: Vec<&str> = words.iter().map(|w| w.trim_end()).collect();
            let folded: Vec<String> = cores
                .iter()
                .map(|c| crate::text::fold(c).to_ascii_uppercase())
                .collect();
            let civ: Vec<bool> = folded
                .iter()
                .map(|f| super::mapping::is_civility(f.trim_end_matches('.')))
                .collect();
            let caps: Vec<bool> = cores
                .iter()
                .map(|w| {
                    let mut letters = w.chars().filter(|c| c.is_alphabetic());
                    letters.clone().all(char::is_uppercase) && letters.nth(1).is_some()
                })
                .collect();
            let particle = |i: usize| {
                i + 1 < words.len()
                    && matches!(
                        folded[i].as_str(),
                        "LE" | "LA"
                            | "DE"
                            | "DU"
                            | "DES"
                            | "D'"
                            | "VAN"
                            | "VON"
                            | "DER"
                            | "DA"
                            | "DOS"
                            | "DI"
                            | "DEL"
                            | "EL"
                            | "AL"
                            | "BEN"
                            | "MAC"
                    )
            };
            let name_words: Vec<usize> = (0..words.len()).filter(|&i| !civ[i]).collect();
            let all_caps = name_words.iter().all(|&i| caps[i]);
            let any_caps = name_words.iter().any(|&i| caps[i]);
            let surname = |i: usize| {
                if any_caps && !all_caps {
                    caps[i]
                } else {
                    Some(&i) == name_words.last()
                }
            };
            let mut out = String::new();
            let mut given_used = 0;
            let mut last_done = false;
            for (i, w) in words.iter().enumerate() {
                let c = cores[i];
                let tail = &w[c.len()..];
                let bare = folded[i].trim_end_matches('.');
                if civ[i] {
                    out.push_str(c);
                } else if particle(i) && (surname(i + 1) || particle(i + 1)) {
                    // Dropped: the surrogate surname stands for the whole surname.
                    continue;
                } else if surname(i) {
                    if last_done {
                        // "LE BIHAN" already became one surname.
                        continue;
                    }
                    out.push_str(&shape_case(c, last));
                    last_done = true;
                } else if bare.chars().count() == 1 {
                    // Never "M.": it reads as Monsieur, and "M. Joseph" would
                    // restore to the "F. Joseph" this initial stood for.
                    let i = if first.starts_with('M') {
                        "N"
                    } else {
                        &first[..1]
                    };
                    out.push_str(i);
                    out.push('.');
                } else {
                    let f = if given_used == 0 {
                        first
                    } else {
                        r.pick(given)
                    };
                    given_used += 1;
                    out.push_str(&shape_case(c, f));
                }
                out.push_str(tail);
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push_str(&surface[surface.trim_end().len()..]);
            out
        }
        Kind::Email => {
            let domain = surface.rsplit_once('@').map_or("", |(_, d)| d);
            let d = if WEBMAILS.iter().any(|w| w.eq_ignore_ascii_case(domain)) {
                domain.to_ascii_lowercase()
            } else {
                "exemple.fr".to_owned()
            };
            let n = names();
            let list = if r.below(2) == 0 { &n.male } else { &n.female };
            let f = r.pick(list);
            let l = r.pick(&n.surnames);
            format!("{}.{}@{d}", f.to_ascii_lowercase(), l.to_ascii_lowercase())
        }
        Kind::Nir => {
            let sex = if alnum.first() == Some(&b'2') {
                b'2'
            } else {
                b'1'
            };
            let mut d = vec![sex];
            d.push(r.digit());
            d.push(r.digit());
            let month = 1 + r.below(12);
            d.extend_from_slice(format!("{month:02}").as_bytes());
            let dept = 1 + r.below(95);
            let dept = if dept == 20 { 21 } else { dept };
            d.extend_from_slice(format!("{dept:02}").as_bytes());
            for _ in 0..6 {
                d.push(r.digit());
            }
            d[7] = b'0' + (1 + r.below(9)) as u8;
            let n: u64 = std::str::from_utf8(&d)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let key = 97 - n % 97;
            d.extend_from_slice(format!("{key:02}").as_bytes());
            if alnum.len() == 15 && alnum.iter().all(u8::is_ascii_digit) {
                reshape(surface, &d)
            } else {
                String::from_utf8(d).unwrap_or_default()
            }
        }
        Kind::Iban => {
            let mut d: Vec<u8> = alnum.iter().map(u8::to_ascii_uppercase).collect();
            if d.len() < 5 {
                return format!(
                    "FR76{}",
                    (0..23).map(|_| char::from(r.digit())).collect::<String>()
                );
            }
            for c in d.iter_mut().skip(4) {
                *c = if c.is_ascii_digit() {
                    r.digit()
                } else {
                    r.letter()
                };
            }
            let mut re: Vec<u8> = d[4..].to_vec();
            re.extend_from_slice(&d[..2]);
            re.extend_from_slice(b"00");
            let check = 98 - mod97(&re);
            d[2..4].copy_from_slice(format!("{check:02}").as_bytes());
            reshape(surface, &d)
        }
        Kind::Phone => {
            let digits: Vec<u8> = alnum.iter().copied().filter(u8::is_ascii_digit).collect();
            let keep = if digits.starts_with(b"0033") {
                5
            } else if digits.starts_with(b"33") {
                3
            } else {
                2
            };
            let mut d = digits.clone();
            for c in d.iter_mut().skip(keep) {
                *c = r.digit();
            }
            reshape(surface, &d)
        }
        Kind::Card | Kind::Siren | Kind::Siret => {
            let mut d: Vec<u8> = alnum.iter().map(|_| r.digit()).collect();
            if d.len() >= 2 {
                if kind == Kind::Card {
                    d[0] = alnum[0];
                }
                luhn_fix(&mut d);
            }
            reshape(surface, &d)
        }
        Kind::Ip => {
            if surface.contains(':') {
                format!("2001:db8::{:x}:{:x}", r.below(65536), r.below(65536))
            } else {
                let nets = ["192.0.2", "198.51.100", "203.0.113"];
                format!("{}.{}", r.pick(&nets), 1 + r.below(254))
            }
        }
        Kind::Address => {
            let (cp, commune) = COMMUNES[r.below(COMMUNES.len() as u32) as usize];
            let street = format!("{} {} {}", 1 + r.below(120), r.pick(VOIES), r.pick(STREETS));
            let has_cp = surface
                .as_bytes()
                .windows(5)
                .any(|w| w.iter().all(u8::is_ascii_digit));
            let sep = if surface.contains('\n') { "\n" } else { ", " };
            if has_cp {
                let c = if surface
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .filter(|c| c.is_lowercase())
                    .count()
                    == 0
                {
                    commune.to_uppercase()
                } else {
                    commune.to_owned()
                };
                format!("{street}{sep}{cp} {c}")
            } else {
                street
            }
        }
        Kind::BirthDate => birth_date(&mut r, surface),
        _ => {
            let d: Vec<u8> = alnum
                .iter()
                .map(|c| {
                    if c.is_ascii_digit() {
                        r.digit()
                    } else {
                        r.letter()
                    }
                })
                .collect();
            reshape(surface, &d)
        }
    }
}

fn birth_date(r: &mut Prng, surface: &str) -> String {
    let day = 1 + r.below(28);
    let month = 1 + r.below(12);
    let year = 1940 + r.below(66);
    let mut out = String::with_capacity(surface.len());
    let mut nums = 0;
    let b = surface;
    let mut i = 0;
    let mut month_done = false;
    while i < b.len() {
        let rest = &b[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_ascii_digit() {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            let v = match (nums, len) {
                (_, 4) => format!("{year}"),
                (_, 2) if nums >= 2 => format!("{:02}", year % 100),
                (0, _) => {
                    if len == 2 {
                        format!("{day:02}")
                    } else {
                        format!("{day}")
                    }
                }
                _ => {
                    month_done = true;
                    if len == 2 {
                        format!("{month:02}")
                    } else {
                        format!("{month}")
                    }
                }
            };
            out.push_str(&v);
            nums += 1;
            i += len;
        } else if c.is_alphabetic() {
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let w = &rest[..len];
            let fw = crate::text::fold(w).to_lowercase();
            if !month_done && MONTHS.contains(&fw.as_str()) {
                out.push_str(&shape_case(w, MONTHS[(month - 1) as usize]));
                month_done = true;
                nums = nums.max(1) + 1;
            } else {
                out.push_str(w);
            }
            i += len;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nir_ok(s: &str) -> bool {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        d.len() == 15 && {
            let n: u64 = d[..13].parse().unwrap();
            let k: u64 = d[13..].parse().unwrap();
            97 - n % 97 == k
        }
    }

    #[test]
    fn mask_table() {
        let cases: &[(Kind, &str, &str)] = &[
            (Kind::Phone, "06 12 34 56 78", "06 •• •• •• 78"),
            (Kind::Email, "jean.dupont@example.fr", "j•••@•••.fr"),
            (Kind::Person, "Jean DUPONT", "J••• D•••••"),
        ];
        for (k, v, want) in cases {
            assert_eq!(mask(*k, v), *want);
        }
        assert_eq!(redact(Kind::Email), "[EMAIL]");
    }

    #[test]
    fn surrogates_pass_checksums_and_keep_shape() {
        let key = [9u8; 32];
        for a in 0..20 {
            let s = surrogate(&key, Kind::Nir, "x", "2 83 02 69 682 020 53", a);
            assert!(nir_ok(&s), "{s}");
            assert!(s.starts_with("2 "), "{s}");
            let month: u32 = s[5..7].parse().unwrap();
            assert!((1..=12).contains(&month));
            let iban = surrogate(
                &key,
                Kind::Iban,
                "x",
                "FR76 3000 6000 0112 3456 7890 189",
                a,
            );
            let compact: Vec<u8> = iban.bytes().filter(|c| *c != b' ').collect();
            let mut re = compact[4..].to_vec();
            re.extend_from_slice(&compact[..4]);
            assert_eq!(mod97(&re), 1, "{iban}");
            assert!(iban.starts_with("FR"));
            assert_eq!(iban.len(), 33);
            let p = surrogate(&key, Kind::Phone, "x", "06.12.34.56.78", a);
            assert!(p.starts_with("06.") && p.len() == 14, "{p}");
            let c = surrogate(&key, Kind::Card, "x", "4970 1012 3456 7890", a);
            let mut d: Vec<u8> = c.bytes().filter(u8::is_ascii_digit).collect();
            let last = d[15];
            luhn_fix(&mut d);
            assert_eq!(d[15], last);
        }
        assert_eq!(
            surrogate(&key, Kind::Person, "JEAN DUPONT", "Jean DUPONT", 0),
            surrogate(&key, Kind::Person, "JEAN DUPONT", "Jean DUPONT", 0)
        );
        let s = surrogate(&key, Kind::Person, "DUPONT", "Mme DUPONT", 0);
        assert!(
            s.starts_with("Mme ") && s[4..].chars().all(|c| c.is_ascii_uppercase()),
            "{s}"
        );
        let d = surrogate(&key, Kind::BirthDate, "x", "12/03/1985", 0);
        assert_eq!(d.len(), 10);
        assert_eq!(&d[2..3], "/");
    }

    #[test]
    fn person_surrogates_keep_the_name_structure() {
        let key = [9u8; 32];
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let caps = |w: &str| w.chars().all(|c| !c.is_lowercase());
        let mut same_given = 0;
        for a in 0..20 {
            // A particle goes with its surname: one first name, one surname.
            let s = surrogate(&key, Kind::Person, "x", "Louis-Marie Le Bihan", a);
            assert_eq!(words(&s).len(), 2, "{s}");
            // NOM Prénom: the surname stays first, in capitals; one surname only.
            let s = surrogate(&key, Kind::Person, "x", "LE BIHAN Jean-François", a);
            let w = words(&s);
            assert_eq!(w.len(), 2, "{s}");
            assert!(caps(&w[0]) && !caps(&w[1]), "{s}");
            let s = surrogate(&key, Kind::Person, "x", "M. LE BIHAN", a);
            assert!(
                s.starts_with("M. ") && words(&s).len() == 2 && caps(&s),
                "{s}"
            );
            // Two given names become two first names.
            let s = surrogate(&key, Kind::Person, "x", "Jean Pierre Dupont", a);
            let w = words(&s);
            assert_eq!(w.len(), 3, "{s}");
            same_given += usize::from(w[0] == w[1]);
        }
        assert!(same_given <= 2, "{same_given}");
    }
}
