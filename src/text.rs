//! Small text helpers shared by the detectors: separators inside numbers, word
//! boundaries, context windows and accent/case folding without allocation.

/// French month names, folded (no accents), January first.
pub(crate) const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Length in bytes of an in-number separator starting at byte `i`, if there is one:
/// a space-like separator ([`space_len`]), `.`, `-`, `/`, U+2010/U+2011 (hyphens),
/// U+2012 (figure dash), U+2013 (en dash), U+2212 (minus sign).
#[inline]
pub(crate) fn num_sep_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'.' | b'-' | b'/' => Some(1),
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0x93)) => Some(3),
        0xE2 if b.get(i + 1) == Some(&0x88) && b.get(i + 2) == Some(&0x92) => Some(3),
        _ => space_len(b, i),
    }
}

/// Length in bytes of a space-like separator (no punctuation) at byte `i`: ASCII
/// space and tab, U+00A0, the typographic spaces U+2000–U+200A (thin, figure…),
/// U+202F, U+205F, U+3000, and the invisible characters that copy-paste and
/// obfuscation leave inside numbers: U+00AD (soft hyphen), U+200B–U+200D
/// (zero-width space, non-joiner, joiner), U+2060 (word joiner), U+FEFF.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b' ' | b'\t' => Some(1),
        0xC2 if matches!(b.get(i + 1), Some(0xA0 | 0xAD)) => Some(2),
        0xE2 => match (*b.get(i + 1)?, *b.get(i + 2)?) {
            (0x80, 0x80..=0x8D | 0xAF) | (0x81, 0x9F | 0xA0) => Some(3),
            _ => None,
        },
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => Some(3),
        0xEF if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => Some(3),
        _ => None,
    }
}

/// The character ending just before byte `i` (`None` at the start).
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character starting at byte `i` (`None` at the end).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// True when the characters around `[start, end)` are not letters or digits: the span
/// is a whole token. Works on Unicode letters (`é`), not just ASCII.
#[inline]
pub(crate) fn is_token(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(char::is_alphanumeric)
        && !char_at(text, end).is_some_and(char::is_alphanumeric)
}

/// Snaps a byte offset down to a character boundary.
#[inline]
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Snaps a byte offset up to a character boundary.
#[inline]
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` bytes of text before `pos`, on a character boundary.
#[inline]
pub(crate) fn window_before(text: &str, pos: usize, n: usize) -> &str {
    let pos = floor_char(text, pos);
    &text[ceil_char(text, pos.saturating_sub(n))..pos]
}

/// Up to `n` bytes of text after `pos`, on a character boundary.
#[inline]
pub(crate) fn window_after(text: &str, pos: usize, n: usize) -> &str {
    let pos = ceil_char(text, pos);
    &text[pos..floor_char(text, pos.saturating_add(n))]
}

/// Folds a character for comparisons: lower case, French (and common Latin) accents
/// removed, typographic apostrophes to `'`. Characters it does not know are lower-cased.
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ą' | 'Ą' => {
            'a'
        }
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ę' | 'Ę' | 'ě' | 'Ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ı' | 'İ' => 'i',
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ů' | 'Ů' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' => 's',
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'ğ' | 'Ğ' => 'g',
        'œ' | 'Œ' => 'œ',
        'æ' | 'Æ' => 'æ',
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '´' => '\'',
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Folds `s` into `out` (cleared first): lower case, accents removed, combining marks
/// (NFD accents) dropped.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let f = fold_char(c);
        match f {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(f),
        }
    }
}

/// `fold_into` returning a new string (for building tables, not for the hot path).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// True when `hay`, folded, contains `needle` (which must already be folded), without
/// allocating.
pub(crate) fn contains_folded(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let mut starts = hay.char_indices();
    loop {
        let Some((i, _)) = starts.next() else {
            return false;
        };
        if starts_with_folded(&hay[i..], needle) {
            return true;
        }
    }
}

/// True when `hay`, folded, starts with the folded `needle`. Returns the matched byte
/// length of `hay` through [`prefix_folded_len`] when needed.
pub(crate) fn starts_with_folded(hay: &str, needle: &str) -> bool {
    prefix_folded_len(hay, needle).is_some()
}

/// If `hay` folded starts with the folded `needle`, the number of bytes of `hay` that
/// matched.
pub(crate) fn prefix_folded_len(hay: &str, needle: &str) -> Option<usize> {
    let mut need = needle.chars().peekable();
    let mut used = 0;
    for (i, c) in hay.char_indices() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining mark (NFD accent) belongs to the letter before it, also
            // after the needle's last letter (`ne\u{301}` matches `ne` whole).
            used = i + c.len_utf8();
            continue;
        }
        if need.peek().is_none() {
            return Some(i);
        }
        let f = fold_char(c);
        let ok = match f {
            'œ' => need.next() == Some('o') && need.next() == Some('e'),
            'æ' => need.next() == Some('a') && need.next() == Some('e'),
            _ => need.next() == Some(f),
        };
        if !ok {
            return None;
        }
        used = i + c.len_utf8();
    }
    if need.peek().is_none() {
        Some(used)
    } else {
        None
    }
}

/// True when the folded `window` contains any of the folded `words` as whole words
/// (not preceded or followed by a letter).
///
/// The reference of `detect::has_word_folded`, which the detectors call (it answers
/// the same on the bytes) and whose tests compare the two. Kept outside tests for
/// the detectors that may still want it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn has_word_folded(window: &str, words: &[&str]) -> bool {
    let mut prev_alnum = false;
    for (i, c) in window.char_indices() {
        let at_word_start = !prev_alnum;
        prev_alnum = c.is_alphanumeric();
        if !at_word_start {
            continue;
        }
        // Cheap first-byte filter before the folded comparison (a byte compare, not
        // `str::starts_with`, which calls `memcmp` and dominated the phone detector).
        let first = match fold_char(c) {
            'œ' => 'o',
            'æ' => 'a',
            f => f,
        };
        let mut fb = [0u8; 4];
        let first_byte = first.encode_utf8(&mut fb).as_bytes()[0];
        for w in words {
            if w.as_bytes().first() != Some(&first_byte) {
                continue;
            }
            if let Some(len) = prefix_folded_len(&window[i..], w) {
                let end = i + len;
                let last_is_alnum = w.chars().next_back().is_some_and(char::is_alphanumeric);
                if !last_is_alnum || !char_at(window, end).is_some_and(char::is_alphanumeric) {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        let s = "1\u{a0}2\u{202f}3 4.5-6/7\u{2009}8";
        let b = s.as_bytes();
        assert_eq!(num_sep_len(b, 1), Some(2));
        assert_eq!(num_sep_len(b, 4), Some(3));
        assert_eq!(num_sep_len(b, 0), None);
        assert_eq!(space_len(b, 9), None); // '.'
        // Every Unicode space, the invisible characters and the dashes, by length.
        for (sep, n) in [
            ("\u{2000}", 3),
            ("\u{2003}", 3),
            ("\u{200a}", 3),
            ("\u{200b}", 3),
            ("\u{200d}", 3),
            ("\u{2060}", 3),
            ("\u{205f}", 3),
            ("\u{3000}", 3),
            ("\u{feff}", 3),
            ("\u{ad}", 2),
        ] {
            let t = format!("1{sep}2");
            assert_eq!(space_len(t.as_bytes(), 1), Some(n), "{sep:?}");
            assert_eq!(num_sep_len(t.as_bytes(), 1), Some(n), "{sep:?}");
        }
        for sep in ["\u{2012}", "\u{2212}", "\u{2010}"] {
            let t = format!("1{sep}2");
            assert_eq!(space_len(t.as_bytes(), 1), None, "{sep:?}");
            assert_eq!(num_sep_len(t.as_bytes(), 1), Some(3), "{sep:?}");
        }
        // Not separators: em dash, line separator, other E2 80 xx punctuation.
        for sep in ["\u{2014}", "\u{2028}", "\u{2026}", "\u{200e}"] {
            let t = format!("1{sep}2");
            assert_eq!(num_sep_len(t.as_bytes(), 1), None, "{sep:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Hélène LEFÈVRE"), "helene lefevre");
        assert_eq!(fold("He\u{301}le\u{300}ne"), "helene");
        assert_eq!(fold("Œuvre N’Diaye"), "oeuvre n'diaye");
        assert!(contains_folded(
            "Numéro de Sécurité sociale :",
            "securite sociale"
        ));
        assert!(!contains_folded("numero", "numeros"));
        assert_eq!(prefix_folded_len("Née le", "nee"), Some(4));
        // NFD: the combining mark after the last matched letter is part of the match.
        assert_eq!(prefix_folded_len("ne\u{301} le", "ne"), Some(4));
        assert_eq!(prefix_folded_len("ne\u{301}e le", "nee"), Some(5));
        assert_eq!(prefix_folded_len("nex", "ne"), Some(2));
        assert!(has_word_folded("la date de naissance :", &["naissance"]));
        assert!(!has_word_folded("renaissance", &["naissance"]));
        assert!(!has_word_folded("naissances", &["naissance"]));
    }

    #[test]
    fn windows_on_boundaries() {
        let s = "ééé123";
        assert_eq!(window_before(s, 6, 3), "é");
        assert_eq!(window_after(s, 0, 3), "é");
        assert!(is_token("a 123 b", 2, 5));
        assert!(!is_token("é123", 2, 5));
    }
}
