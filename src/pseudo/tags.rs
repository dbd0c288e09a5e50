//! Tag syntax: rendering `[PERSONNE_1]` and finding tag-like text, strictly (restore)
//! or loosely (protection of tag-like text already present in the input).

use crate::Kind;

/// The French label of a kind, used in tags and other pseudonyms.
pub(crate) const fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "PERSONNE",
        Kind::Nir => "NIR",
        Kind::Iban => "IBAN",
        Kind::Email => "EMAIL",
        Kind::Phone => "TELEPHONE",
        Kind::Address => "ADRESSE",
        Kind::BirthDate => "DATE_NAISSANCE",
        Kind::Card => "CARTE",
        Kind::Ip => "IP",
        Kind::Plate => "PLAQUE",
        Kind::Siren => "SIREN",
        Kind::Siret => "SIRET",
        Kind::TaxId => "NUMERO_FISCAL",
        Kind::Passport => "PASSEPORT",
        Kind::IdCard => "CNI",
    }
}

/// Most digits accepted in a tag number or variant.
const MAX_DIGITS: usize = 9;

/// Longest tag in bytes: `[` + label + `_` + number + `_` + variant + `]`.
pub(crate) const MAX_TAG_LEN: usize = 1 + 14 + 1 + MAX_DIGITS + 1 + MAX_DIGITS + 1;

/// `[` + label + `_`, per kind.
const fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "[PERSONNE_",
        Kind::Nir => "[NIR_",
        Kind::Iban => "[IBAN_",
        Kind::Email => "[EMAIL_",
        Kind::Phone => "[TELEPHONE_",
        Kind::Address => "[ADRESSE_",
        Kind::BirthDate => "[DATE_NAISSANCE_",
        Kind::Card => "[CARTE_",
        Kind::Ip => "[IP_",
        Kind::Plate => "[PLAQUE_",
        Kind::Siren => "[SIREN_",
        Kind::Siret => "[SIRET_",
        Kind::TaxId => "[NUMERO_FISCAL_",
        Kind::Passport => "[PASSEPORT_",
        Kind::IdCard => "[CNI_",
    }
}

/// Renders the tag of entity `number` of `kind`, surface variant `variant` (1 = the
/// first surface form seen, written without a variant suffix).
///
/// Each piece is appended as a copy of a known size (16 bytes of [`PREFIXES`],
/// 8 of [`NUMBERS`]) cut back to its length: a call to copy a few bytes of a
/// length known only at run time costs more than the whole tag.
#[inline(always)]
pub(crate) fn render(kind: Kind, number: u32, variant: u32, out: &mut String) {
    out.reserve(MAX_TAG_LEN + 16);
    let start = out.len();
    out.push_str(&PREFIXES[kind.index()][..16]);
    out.truncate(start + prefix(kind).len());
    if variant > 1 {
        push_number(number, false, out);
        out.push('_');
        push_number(variant, true, out);
    } else {
        push_number(number, true, out);
    }
}

/// For `n` in `0..10_000`: `n]` followed by NUL bytes, eight bytes each.
static NUMBER_BYTES: [u8; 80_000] = {
    let mut t = [0u8; 80_000];
    let mut n = 0;
    while n < 10_000 {
        let d = digit_count(n as u32);
        let mut i = 0;
        let mut p = 1;
        while i + 1 < d {
            p *= 10;
            i += 1;
        }
        let mut k = 0;
        while k < d {
            t[8 * n + k] = b'0' + (n / p % 10) as u8;
            p /= 10;
            k += 1;
        }
        t[8 * n + d] = b']';
        n += 1;
    }
    t
};

/// [`NUMBER_BYTES`] as text.
static NUMBERS: &str = match std::str::from_utf8(&NUMBER_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("numbers are ASCII"),
};

/// Number of decimal digits of `n`.
const fn digit_count(n: u32) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => n.ilog10() as usize + 1,
    }
}

/// Appends `n` in decimal, then `]` when `close`.
#[inline(always)]
fn push_number(n: u32, close: bool, out: &mut String) {
    if n < 10_000 {
        let at = out.len();
        let i = n as usize * 8;
        out.push_str(&NUMBERS[i..i + 8]);
        out.truncate(at + digit_count(n) + usize::from(close));
    } else {
        push_u32(n, out);
        if close {
            out.push(']');
        }
    }
}

/// [`prefix`] of every kind followed by NUL bytes, 16 bytes in all (the longest
/// prefix).
static PREFIXES: [&str; Kind::ALL.len()] = {
    const fn pad(p: &[u8]) -> [u8; 16] {
        let mut t = [0u8; 16];
        let mut i = 0;
        while i < p.len() {
            t[i] = p[i];
            i += 1;
        }
        t
    }
    const fn text(b: &'static [u8; 16]) -> &'static str {
        match std::str::from_utf8(b) {
            Ok(s) => s,
            Err(_) => panic!("prefixes are ASCII"),
        }
    }
    macro_rules! padded {
        ($($k:ident),*) => {
            [$(text(&const { pad(prefix(Kind::$k).as_bytes()) })),*]
        };
    }
    padded!(
        Person, Nir, Iban, Email, Phone, Address, BirthDate, Card, Ip, Plate, Siren, Siret, TaxId,
        Passport, IdCard
    )
};

/// "0000" to "9999", four bytes each.
static DIGITS: [u8; 40_000] = {
    let mut t = [0u8; 40_000];
    let mut i = 0;
    while i < 10_000 {
        t[4 * i] = b'0' + (i / 1000) as u8;
        t[4 * i + 1] = b'0' + (i / 100 % 10) as u8;
        t[4 * i + 2] = b'0' + (i / 10 % 10) as u8;
        t[4 * i + 3] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// [`DIGITS`] as text.
static DIGITS_STR: &str = match std::str::from_utf8(&DIGITS) {
    Ok(s) => s,
    Err(_) => panic!("digits are ASCII"),
};

/// Appends `n` in decimal, four digits at a time from a table.
fn push_u32(n: u32, out: &mut String) {
    let t = DIGITS_STR;
    if n >= 10_000 {
        push_u32(n / 10_000, out);
        let r = (n % 10_000) as usize * 4;
        out.push_str(&t[r..r + 4]);
    } else {
        let skip = match n {
            0..=9 => 3,
            10..=99 => 2,
            100..=999 => 1,
            _ => 0,
        };
        let r = n as usize * 4;
        out.push_str(&t[r + skip..r + 4]);
    }
}

/// A tag-like piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TagMatch {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    pub(crate) number: u32,
    pub(crate) variant: u32,
}

fn digits(b: &[u8], mut i: usize) -> Option<(usize, u32)> {
    let start = i;
    let mut n: u32 = 0;
    while i < b.len() && i - start < MAX_DIGITS && b[i].is_ascii_digit() {
        n = n * 10 + u32::from(b[i] - b'0');
        i += 1;
    }
    (i > start).then_some((i, n))
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Parses a tag whose label occupies `ls..le`. Strict mode is what restore accepts;
/// loose mode (for protecting input text) ignores word boundaries so that it finds a
/// superset of what restore could ever see, whatever ends up next to it.
fn parse(
    b: &[u8],
    ls: usize,
    le: usize,
    kind: Kind,
    spaced: bool,
    strict: bool,
) -> Option<TagMatch> {
    // Bracketed: `[LABEL_1]`, `[label 1]`, `[Label_1_2]`.
    if ls > 0 && b[ls - 1] == b'[' && le < b.len() && (b[le] == b'_' || b[le] == b' ') {
        if let Some((mut i, number)) = digits(b, le + 1) {
            let mut variant = 1;
            if i + 1 < b.len() && b[i] == b'_' && b[i + 1].is_ascii_digit() {
                if let Some((j, v)) = digits(b, i + 1) {
                    i = j;
                    variant = v;
                }
            }
            if i < b.len() && b[i] == b']' {
                return Some(TagMatch {
                    start: ls - 1,
                    end: i + 1,
                    kind,
                    number,
                    variant,
                });
            }
        }
    }
    // Bare: `PERSONNE_1`, `Personne_1_2` (underscores only).
    if spaced || le >= b.len() || b[le] != b'_' {
        return None;
    }
    if strict && ls > 0 && is_word_byte(b[ls - 1]) {
        return None;
    }
    let (mut i, number) = digits(b, le + 1)?;
    let mut variant = 1;
    if i + 1 < b.len() && b[i] == b'_' && b[i + 1].is_ascii_digit() {
        let (j, v) = digits(b, i + 1)?;
        i = j;
        variant = v;
    }
    if strict && i < b.len() && is_word_byte(b[i]) {
        return None;
    }
    Some(TagMatch {
        start: ls,
        end: i,
        kind,
        number,
        variant,
    })
}

/// Whether `b[at..]` starts with `label`, ASCII case-insensitively, the label's
/// `_` also matching a space when `spaces` is set. Returns the label's end.
fn label_at(b: &[u8], at: usize, label: &str, spaces: bool) -> Option<(usize, bool)> {
    let l = label.as_bytes();
    let s = b.get(at..at + l.len())?;
    let mut spaced = false;
    for (x, y) in s.iter().zip(l) {
        if x.eq_ignore_ascii_case(y) {
            continue;
        }
        if spaces && *y == b'_' && *x == b' ' {
            spaced = true;
            continue;
        }
        return None;
    }
    Some((at + l.len(), spaced))
}

/// Every tag-like piece of `text`, sorted, non-overlapping (earliest, then longest).
///
/// Every tag contains a `[` (bracketed) or a `_` right after its label (bare), both
/// rare in prose: candidates are found with `memchr2`, then checked.
pub(crate) fn find(text: &str, strict: bool, out: &mut Vec<TagMatch>) {
    out.clear();
    let b = text.as_bytes();
    for i in memchr::memchr2_iter(b'[', b'_', b) {
        // Every tag has a letter after its `[` and a digit after its label's `_`.
        let next = b.get(i + 1).copied().unwrap_or(0);
        if b[i] == b'[' {
            if !next.is_ascii_alphabetic() {
                continue;
            }
            for k in Kind::ALL {
                if let Some((le, spaced)) = label_at(b, i + 1, label(k), true) {
                    if let Some(t) = parse(b, i + 1, le, k, spaced, strict) {
                        out.push(t);
                    }
                }
            }
        } else {
            if !next.is_ascii_digit() {
                continue;
            }
            for k in Kind::ALL {
                let l = label(k).len();
                if i < l {
                    continue;
                }
                if label_at(b, i - l, label(k), false).is_some() {
                    if let Some(t) = parse(b, i - l, i, k, false, strict) {
                        out.push(t);
                    }
                }
            }
        }
    }
    if out.len() > 1 {
        out.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
        let mut last_end = 0;
        out.retain(|t| {
            if t.start < last_end {
                return false;
            }
            last_end = t.end;
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(text: &str) -> Vec<(&str, Kind, u32, u32)> {
        let mut v = Vec::new();
        find(text, true, &mut v);
        v.iter()
            .map(|t| (&text[t.start..t.end], t.kind, t.number, t.variant))
            .collect()
    }

    #[test]
    fn tolerant_forms() {
        let cases: &[(&str, &str, Kind, u32, u32)] = &[
            ("voir [PERSONNE_1].", "[PERSONNE_1]", Kind::Person, 1, 1),
            ("voir [personne_12]", "[personne_12]", Kind::Person, 12, 1),
            ("voir [Personne 3]", "[Personne 3]", Kind::Person, 3, 1),
            ("voir PERSONNE_4, ok", "PERSONNE_4", Kind::Person, 4, 1),
            ("voir Personne_1_2 ok", "Personne_1_2", Kind::Person, 1, 2),
            (
                "le [DATE NAISSANCE_1]",
                "[DATE NAISSANCE_1]",
                Kind::BirthDate,
                1,
                1,
            ),
            (
                "le [date_naissance 2]",
                "[date_naissance 2]",
                Kind::BirthDate,
                2,
                1,
            ),
            ("[NIR_1_3]", "[NIR_1_3]", Kind::Nir, 1, 3),
            ("x [TELEPHONE_2]", "[TELEPHONE_2]", Kind::Phone, 2, 1),
        ];
        for (text, want, kind, n, v) in cases {
            assert_eq!(strict(text), vec![(*want, *kind, *n, *v)], "{text}");
        }
    }

    #[test]
    fn not_tags_when_strict() {
        for text in [
            "la personne 2 est là",
            "XPERSONNE_1",
            "PERSONNE_1x",
            "PERSONNE_",
            "[PERSONNE_]",
            "équipe_1a",
            "IP_1234567890",
        ] {
            assert_eq!(strict(text), vec![], "{text}");
        }
        let mut v = Vec::new();
        find("XPERSONNE_1x", false, &mut v);
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn numbers() {
        for n in [
            0,
            7,
            10,
            99,
            100,
            999,
            1000,
            9999,
            10_000,
            10_001,
            123_456_789,
            u32::MAX,
        ] {
            let mut s = String::new();
            push_u32(n, &mut s);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn prefixes_are_labels() {
        for k in Kind::ALL {
            assert_eq!(prefix(k), format!("[{}_", label(k)));
            let p = PREFIXES[k.index()];
            assert_eq!(p.len(), 16);
            assert_eq!(p.trim_end_matches('\0'), prefix(k));
        }
    }

    #[test]
    fn tags_are_formatted() {
        for k in Kind::ALL {
            for n in [
                0,
                1,
                9,
                10,
                99,
                100,
                999,
                1000,
                9999,
                10_000,
                123_456,
                u32::MAX,
            ] {
                for v in [1, 2, 9, 10, 9999, 10_000, u32::MAX] {
                    let mut s = String::from("x");
                    render(k, n, v, &mut s);
                    let want = if v > 1 {
                        format!("x[{}_{n}_{v}]", label(k))
                    } else {
                        format!("x[{}_{n}]", label(k))
                    };
                    assert_eq!(s, want);
                }
            }
        }
    }

    #[test]
    fn render_round_trip() {
        for k in Kind::ALL {
            let mut s = String::new();
            render(k, 7, 3, &mut s);
            assert!(s.len() <= MAX_TAG_LEN);
            let got = strict(&s);
            assert_eq!(got, vec![(s.as_str(), k, 7, 3)]);
        }
    }
}
