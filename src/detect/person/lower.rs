//! A name the document gave, found again written in lower case: "M. Karim Benali a
//! appelé … sms de karim benali … benali a dit ok". Chats, SMS, dictated or quickly
//! typed notes drop capitals; the capitalised-word scan cannot see those repeats.
//!
//! All of it runs only on text written informally: a line that starts in lower
//! case at its first column, after a time stamp or after the end of a sentence,
//! within the first lines, or a name found in lower case. Formal text capitalises
//! names, and there nothing more is done. In informal text:
//! - a first name in lower case is a name after a possessive and a kinship noun
//!   ("ma femme aurélie"), or alone when it is in wide use and no French word
//!   ("bisous à yasmine"), with a lower-case surname after it;
//! - a name found elsewhere is found again in lower case: a full name of two words
//!   or more ("karim benali", accents or not), and a surname of four letters or
//!   more that is not an ordinary word, a first name in use or a place ("benali",
//!   not "blanc", "pierre" or "florence"), from a name found with strong evidence.
//!   One walk over the text tells which names have their last word written in
//!   lower case; only those are searched (`memchr::memmem`), within a budget of
//!   forms times text length: a register full of names is formal text.

use super::{DETECTOR, KIN, PARTICLE, State, dict, fold_word};
use crate::detect::person::dict as d;
use crate::{Finding, Kind, Reason};

/// Most distinct forms searched in one text.
const MAX_FORMS: usize = 32;
/// Most bytes searched in all (forms × text length).
const MAX_WORK: usize = 1 << 20;
/// Lines read to tell informal text.
const MAX_LINES: usize = 200;
/// Confidence of a name found again in lower case (a propagated surname is 680).
const CONFIDENCE: u16 = 650;

/// The forms of `name` to search in lower case, added to `forms` (no duplicates).
/// `strong`: found with a title, a label or a full name.
fn forms_of(name: &str, strong: bool, forms: &mut Vec<String>, word: &mut String) {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let add = |f: String, forms: &mut Vec<String>| {
        if !forms.contains(&f) {
            forms.push(f);
        }
    };
    // Letters only, an initial ("J.") excluded.
    let plain = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    };
    // Two words or more besides particles: "de La Salle" is also "de la salle".
    let particle = |w: &str, word: &mut String| {
        fold_word(w, word);
        dict().get_key(d::key(word)).class & PARTICLE != 0
    };
    let full = words.iter().all(|w| plain(w) && w.chars().count() >= 2)
        && words.iter().filter(|w| !particle(w, word)).count() >= 2;
    if full {
        let lower = words.join(" ").to_lowercase();
        fold_word(&lower, word);
        if *word != lower {
            add(word.clone(), forms);
        }
        add(lower, forms);
    }
    if !strong {
        return;
    }
    for w in words {
        if !plain(w) || w.chars().count() < 4 {
            continue;
        }
        fold_word(w, word);
        let e = dict().get_key(d::key(word));
        // No class at all (not a title, a stop word, a place, a particle, a city),
        // and not a first name in use ("Benali": 198 births, a surname here).
        let safe = e.births < 500 && !e.first_common && !e.surname_common && e.class == 0;
        if !safe {
            continue;
        }
        let lower = w.to_lowercase();
        if *word != lower {
            add(word.clone(), forms);
        }
        add(lower, forms);
    }
}

/// Whether `text[s..e]` stands as words of its own: no letter or digit, and no
/// joining mark of a compound or an address (`-`, `_`, `@`, a dot before, a dot
/// then a letter or digit after) on either side. ASCII neighbours are read as
/// bytes; a non-ASCII one is decoded to ask whether it is a letter.
#[inline]
fn whole_word(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let before = match s.checked_sub(1).map(|i| b[i]) {
        None => true,
        Some(c) if c < 0x80 => !JOINS[usize::from(c)],
        Some(_) => !text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    };
    let after = match b.get(e) {
        None => true,
        Some(&b'.') => !b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric),
        Some(&c) if c < 0x80 => !JOINS[usize::from(c)],
        Some(_) => !text[e..].chars().next().is_some_and(char::is_alphanumeric),
    };
    before && after
}

/// ASCII bytes that join what follows to a word or an address: letters, digits,
/// `.`, `@`, `-`, `_` (a non-ASCII neighbour, a letter or a no-break space, is left
/// to [`whole_word`]).
static JOINS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'@' | b'-' | b'_');
        c += 1;
    }
    t
};

/// Which of `words` (lower case, each with its first byte in `firsts`) are
/// written in `text` as words of their own: one pass over the text, a table
/// read per byte.
fn written(text: &str, words: &[String], firsts: &[bool; 256], hit: &mut [bool]) {
    let b = text.as_bytes();
    let mut joined = false;
    for (i, &c) in b.iter().enumerate() {
        let after_word = joined;
        joined = JOINS[usize::from(c)];
        if after_word || !firsts[usize::from(c)] {
            continue;
        }
        for (k, w) in words.iter().enumerate() {
            if !hit[k] && b[i..].starts_with(w.as_bytes()) && whole_word(text, i, i + w.len()) {
                hit[k] = true;
            }
        }
    }
}

/// Whether `text` shows lower-case writing where a capital is expected: a line of
/// prose that starts with a lower-case letter at its first column, after a time
/// stamp or after the end of a sentence (a chat, an SMS, notes; not an indented
/// line of a document nor the continuation of a wrapped sentence), or a name found
/// in lower case. Formal text rarely does, and there the walks are skipped.
fn informal(text: &str, found: &[Finding]) -> bool {
    let b = text.as_bytes();
    // A line starting with a lower-case letter, written as prose (words and spaces),
    // not the header of a table ("nom;prenom;date_naissance"). A time stamp or a
    // speaker before it is passed: "[10:02] usager: bonjour", "> salut".
    // The line before `i` (a line start) ends a sentence or a message, or there is
    // none, or it is blank: a line starting in lower case after it is not the
    // continuation of a wrapped sentence.
    let after_break = |i: usize| {
        let mut j = i.saturating_sub(1);
        while j > 0 && matches!(b[j - 1], b' ' | b'\t' | b'\r') {
            j -= 1;
        }
        j == 0 || matches!(b[j - 1], b'\n' | b'.' | b'!' | b'?' | b':' | b')') || b[j - 1] >= 0x80
    };
    let lower_at = |i: usize| {
        let line = i;
        // Quote marks ("> salut"); an indented line is a document's, not a message.
        let mut i = i + b[i..]
            .iter()
            .take(16)
            .take_while(|&&c| c == b'>' || (c == b' ' && b[line] == b'>'))
            .count();
        // A time stamp ("[10:02]", "14:05 -"), then the message after a short
        // speaker ("Agent Sarah: ok"). A line starting with another number is an
        // address or an item, not a message.
        let mut stamped = false;
        if b.get(i).is_some_and(|&c| c == b'[' || c.is_ascii_digit()) {
            let stamp = b[i..]
                .iter()
                .take(24)
                .take_while(|&&c| {
                    matches!(c, b' ' | b'[' | b']' | b':' | b'/' | b'-' | b'0'..=b'9')
                })
                .count();
            if !b[i..i + stamp].contains(&b':') {
                return false;
            }
            i += stamp;
            stamped = true;
            if let Some(colon) = b[i..]
                .iter()
                .take(24)
                .position(|&c| c == b':' || c == b'\n')
            {
                if b[i + colon] == b':' && b.get(i + colon + 1) == Some(&b' ') {
                    i += colon + 2;
                }
            }
        }
        if !b.get(i).is_some_and(u8::is_ascii_lowercase) || !(stamped || after_break(line)) {
            return false;
        }
        let line = &b[i..b.len().min(i + 48)];
        let line = line.split(|&c| c == b'\n').next().unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // Words and spaces, or one short word ("ok", "merci"); not a table.
        (line.contains(&b' ') || (line.len() < 16 && line.iter().all(u8::is_ascii_lowercase)))
            && !line.iter().any(|&c| matches!(c, b';' | b'\t' | b'|'))
    };
    // The first lines tell (a chat or an SMS is informal from its start; a
    // long formal text is not read to its end for this).
    lower_at(0)
        || memchr::memchr_iter(b'\n', b)
            .take(MAX_LINES)
            .any(|i| lower_at(i + 1))
        || found
            .iter()
            .any(|f| b.get(f.span.start).is_some_and(u8::is_ascii_lowercase))
}

/// First names in use that, after "ma fille", "mon fils", describe rather than
/// name (adjectives, nouns of state): left as text.
const DESCRIBE: [&str; 12] = [
    "rose",
    "blanche",
    "claire",
    "marine",
    "france",
    "prudence",
    "constance",
    "patience",
    "grace",
    "fleur",
    "ange",
    "aime",
];

/// Bytes that may start a word: ASCII letters and the first bytes of the
/// Latin-1 and Latin Extended-A letters (U+00C0 to U+017F: é, Ç, œ, ß…).
static STARTS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphabetic() || (c >= 0xC3 && c <= 0xC5);
        c += 1;
    }
    t
};

/// Bytes inside a word: those that start one, and continuation bytes (which,
/// inside a word, follow one of those first bytes).
static INSIDE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] =
            (c as u8).is_ascii_alphabetic() || (c >= 0x80 && c <= 0xBF) || (c >= 0xC3 && c <= 0xC5);
        c += 1;
    }
    t
};

/// The words of `text`: runs of ASCII and Latin letters (U+00C0 to U+017F), with
/// hyphens and apostrophes (`'`, `’`) between two letters; (start, end). One
/// table read per byte; other characters (no-break spaces, quotes, other scripts)
/// end a word.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // To the next byte that starts a word (continuation bytes of other
        // characters are skipped with them).
        i += b.get(i..)?.iter().position(|&c| STARTS[usize::from(c)])?;
        let s = i;
        loop {
            i += b[i..]
                .iter()
                .position(|&c| !INSIDE[usize::from(c)])
                .unwrap_or(b.len() - i);
            let joiner = match b.get(i) {
                Some(b'-' | b'\'') => 1,
                Some(0xE2) if b[i..].starts_with("’".as_bytes()) => 3,
                _ => 0,
            };
            if joiner > 0 && b.get(i + joiner).is_some_and(|&c| STARTS[usize::from(c)]) {
                i += joiner;
            } else {
                break;
            }
        }
        Some((s, i))
    })
}

/// A possessive determiner ("ma", "ton", "leurs"), any case, from its bytes: the
/// words of `words::is_possessive`, without folding.
#[inline]
fn is_possessive(w: &[u8]) -> bool {
    if !(2..=5).contains(&w.len())
        || !matches!(w[0] | 0x20, b'm' | b't' | b's' | b'n' | b'v' | b'l')
    {
        return false;
    }
    // Lower-cased bytes, then the length (a space is not the padding).
    let mut l = 0x20_2020_2020u64 | (w.len() as u64) << 56;
    for (k, &c) in w.iter().enumerate() {
        l |= u64::from(c) << (8 * k);
    }
    const fn pack(s: &[u8]) -> u64 {
        let mut v = 0u64;
        let mut i = 0;
        while i < s.len() {
            v |= (s[i] as u64) << (8 * i);
            i += 1;
        }
        v
    }
    // Padding bytes are 0x20 after the lower-casing: so are they in the packed words,
    // with the length in the top byte.
    const P: [u64; 15] = {
        let words: [&[u8]; 15] = [
            b"ma", b"mon", b"mes", b"ta", b"ton", b"tes", b"sa", b"son", b"ses", b"notre", b"nos",
            b"votre", b"vos", b"leur", b"leurs",
        ];
        let mut out = [0u64; 15];
        let mut k = 0;
        while k < 15 {
            out[k] = pack(words[k]) | 0x20_2020_2020 | (words[k].len() as u64) << 56;
            k += 1;
        }
        out
    };
    P.contains(&l)
}

/// The spans of `found`, sorted.
fn found_spans(found: &[Finding]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = found.iter().map(|f| (f.span.start, f.span.end)).collect();
    spans.sort_unstable();
    spans
}

impl State<'_> {
    /// First names in lower case, in informal text, and a lower-case surname after
    /// one: after a possessive and a kinship noun, any first name in use that is not
    /// a place or a word that describes ("ma femme aurélie", "mon fils kevin
    /// dubreuil"); elsewhere, a first name in wide use that is no French word ("tu
    /// peux appeler chloé", "bisous à yasmine").
    fn lower_first_names(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let mut word = String::new();
        let spans = found_spans(&self.found);
        let mut added_end = 0;
        // The two words before the current one (for "ma fille ...").
        let mut before: [(usize, usize); 2] = [(0, 0); 2];
        let mut it = words(text).peekable();
        while let Some((s, e)) = it.next() {
            let prev = before;
            before = [before[1], (s, e)];
            // Three letters or more, and not too long for a first name; in lower
            // case; a word of its own.
            let wb = &b[s..e];
            if !(3..=24).contains(&wb.len())
                || !(wb[0].is_ascii_lowercase()
                    || (wb[0] >= 0x80 && text[s..].chars().next().is_some_and(char::is_lowercase)))
            {
                continue;
            }
            // After a possessive and a kinship noun ("ma fille"): read from the
            // bytes of the word two back before any lookup.
            let possessive = prev[0].1 > prev[0].0 && is_possessive(&b[prev[0].0..prev[0].1]);
            // The dictionary key, without folding when plain ASCII; most words are
            // ruled out by the small map of first names that may stand alone.
            if !possessive && wb.len() < 4 {
                continue;
            }
            let ascii = wb.iter().all(u8::is_ascii_alphabetic);
            let key = if ascii {
                d::key_ascii_letters(wb)
            } else {
                fold_word(&text[s..e], &mut word);
                d::key(&word)
            };
            if !possessive && !dict().is_lone_key(key) {
                continue;
            }
            let first = dict().get_key(key);
            if first.births < 500 || first.class != 0 || !whole_word(text, s, e) {
                continue;
            }
            if ascii {
                word.clear();
                word.push_str(&text[s..e]);
                word.make_ascii_lowercase();
            }
            // A first name in wide use that is no French word ("chloé", "yasmine",
            // "kevin"): a name alone, in informal text.
            let lone = first.births >= 10_000
                && !first.first_common
                && !first.surname_common
                && word.chars().count() >= 4;
            // After "ma fille", a first name in use is the name even when the
            // dictionary knows it as a word (aurélie, pierre); not the few that
            // describe the person instead (blanche, rose).
            let kin = possessive && !DESCRIBE.contains(&word.as_str()) && {
                // Only spaces or a comma between the three words.
                let gap = |x: usize, y: usize| b[x..y].iter().all(|&c| c == b' ' || c == b',');
                gap(prev[0].1, prev[1].0) && gap(prev[1].1, s) && {
                    fold_word(&text[prev[1].0..prev[1].1], &mut word);
                    dict().get(&word).class & KIN != 0
                }
            };
            if !kin && !lone {
                continue;
            }
            // A surname after it, in lower case too.
            let mut end = e;
            if let Some(&(s2, e2)) = it.peek() {
                fold_word(&text[s2..e2], &mut word);
                let sur = dict().get(&word);
                if &b[e..s2] == b" "
                    && b[s2].is_ascii_lowercase()
                    && sur.is_surname()
                    && !sur.surname_common
                    && sur.class == 0
                {
                    end = e2;
                }
            }
            // Names found before, sorted; those added here come in text order.
            let k = spans.partition_point(|t| t.0 < end);
            if self.overlaps_taken(s, end)
                || spans[..k].iter().rev().take(8).any(|t| t.1 > s)
                || added_end > s
            {
                continue;
            }
            added_end = end;
            let (conf, reason) = if kin {
                (720, Reason::Context)
            } else {
                (620, Reason::Dictionary)
            };
            self.found
                .push(Finding::new(Kind::Person, s, end, conf, DETECTOR, reason));
        }
    }

    /// Finds again, in lower case, the names already found (see the module).
    pub(super) fn propagate_lower(&mut self) {
        let text = self.text;
        if text.len() > MAX_WORK || !informal(text, &self.found) {
            return;
        }
        self.lower_first_names();
        if self.found.is_empty() {
            return;
        }
        let budget = (MAX_WORK / text.len().max(1)).min(MAX_FORMS);
        let mut word = String::new();
        // The names to look for (strong ones, each once) and the last word of
        // each in lower case (accents or not): most names are never written again in
        // lower case, which one walk over the text tells for all of them.
        let mut names: Vec<(&str, bool, u32)> = Vec::new();
        let mut lasts: Vec<String> = Vec::new();
        let mut firsts = [false; 256];
        for f in &self.found {
            if f.confidence < 720 {
                continue;
            }
            let name = &text[f.span.range()];
            if names.iter().any(|n| n.0 == name) {
                continue;
            }
            let Some(w) = name.split_whitespace().next_back() else {
                continue;
            };
            if w.len() < 3 {
                continue;
            }
            let mut last = String::with_capacity(w.len());
            if w.is_ascii() {
                last.push_str(w);
                last.make_ascii_lowercase();
            } else {
                last.extend(w.chars().flat_map(char::to_lowercase));
                fold_word(w, &mut word);
                if word != last {
                    firsts[usize::from(word.as_bytes()[0])] = true;
                    lasts.push(word.clone());
                }
            }
            firsts[usize::from(last.as_bytes()[0])] = true;
            lasts.push(last);
            // A name already in lower case is searched too: its other repeats.
            let strong = f.confidence >= 850 || name.split_whitespace().nth(1).is_some();
            names.push((name, strong, lasts.len() as u32));
            if names.len() > 2 * budget {
                return;
            }
        }
        if names.is_empty() {
            return;
        }
        let mut hit = vec![false; lasts.len()];
        written(text, &lasts, &firsts, &mut hit);
        if !hit.contains(&true) {
            return;
        }
        let mut forms: Vec<String> = Vec::new();
        let mut from = 0;
        for &(name, strong, to) in &names {
            let seen = hit[from..to as usize].contains(&true);
            from = to as usize;
            if seen {
                forms_of(name, strong, &mut forms, &mut word);
                if forms.len() > budget {
                    return;
                }
            }
        }
        if forms.is_empty() {
            return;
        }
        let spans = found_spans(&self.found);
        let b = text.as_bytes();
        // Every whole-word occurrence of every form; then, by start, the longest
        // at each place that overlaps nothing found before or kept here ("karim
        // benali" rather than its "benali").
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for form in &forms {
            for s in memchr::memmem::find_iter(b, form.as_bytes()) {
                let e = s + form.len();
                if whole_word(text, s, e) {
                    hits.push((s, e));
                }
            }
        }
        hits.sort_unstable_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        let mut new: Vec<(usize, usize)> = Vec::new();
        let mut kept_end = 0;
        for (s, e) in hits {
            let k = spans.partition_point(|t| t.0 < e);
            if s < kept_end
                || spans[..k].iter().rev().take(8).any(|t| t.1 > s)
                || self.overlaps_taken(s, e)
            {
                continue;
            }
            kept_end = e;
            new.push((s, e));
        }
        for (s, e) in new {
            self.found.push(Finding::new(
                Kind::Person,
                s,
                e,
                CONFIDENCE,
                DETECTOR,
                Reason::Propagated,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    fn names(text: &str) -> Vec<&str> {
        Engine::new()
            .scan(text)
            .iter()
            .filter(|f| f.kind == crate::Kind::Person)
            .map(|f| &text[f.span.range()])
            .collect()
    }

    #[test]
    fn lower_case_repeats_of_a_name() {
        let t = "M. Karim Benali a appelé hier.\nsms de karim benali : je rappelle\n\
                 benali a dit ok. Mme Hélène Kerviel écrit ; helene kerviel et \
                 hélène kerviel aussi.";
        assert_eq!(
            names(t),
            [
                "Karim Benali",
                "karim benali",
                "benali",
                "Hélène Kerviel",
                "helene kerviel",
                "hélène kerviel"
            ]
        );
    }

    #[test]
    fn kinship_then_a_lower_case_first_name() {
        let t = "ok\nma femme aurélie peut appeler, et mon fils kevin dubreuil aussi.\n\
                 ma sœur, julie, passera. mon frère pierre aussi. ma fille est malade.";
        assert_eq!(names(t), ["aurélie", "kevin dubreuil", "julie", "pierre"]);
        // Formal text (no lower-case line): the capitalised scan decides.
        assert!(names("Ma femme aurélie viendra.").is_empty());
        // Alone: a first name in wide use that is no French word.
        let t = "ok\ntu peux appeler chloé au 06 ? bisous à yasmine, et à louis. \
                 la rose est belle.";
        assert_eq!(names(t), ["chloé", "yasmine"]);
        // A chat log with time stamps and speakers.
        let t = "[10:02] Agent Sarah: bonjour\n[10:07] usager: ma femme aurélie peut appeler";
        assert!(names(t).contains(&"aurélie"), "{:?}", names(t));
        // Lines of addresses and labels are no informal writing.
        assert!(names("Objet : demande\n22 rue de Paris\nMerci à yasmine").is_empty());
        // After a no-break space or a quote mark too, and repeats of a surname so
        // written.
        let t = "ok\nbisous à\u{a0}yasmine, dis à «chloé» merci";
        assert_eq!(names(t), ["yasmine", "chloé"]);
        let t = "M. Karim Benali.\nok\nvu avec\u{a0}benali, «benali» aussi";
        assert_eq!(names(t), ["Karim Benali", "benali", "benali"]);
        // Not a part of an address.
        assert!(names("ok\nécris à l.bernard@@laposte.net").is_empty());
    }

    /// The byte-table word reader and the possessive test agree with plain
    /// versions on random text over letters, accents, no-break spaces, hyphens,
    /// apostrophes and punctuation.
    #[test]
    fn words_and_possessives_as_plain_versions() {
        let plain_words = |t: &str| {
            let mut out = Vec::new();
            let cs: Vec<(usize, char)> = t.char_indices().collect();
            let letter = |c: char| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{17f}').contains(&c);
            let mut k = 0;
            while k < cs.len() {
                if !letter(cs[k].1) {
                    k += 1;
                    continue;
                }
                let s = cs[k].0;
                while k < cs.len()
                    && (letter(cs[k].1)
                        || (matches!(cs[k].1, '-' | '\'' | '’')
                            && cs.get(k + 1).is_some_and(|c| letter(c.1))))
                {
                    k += 1;
                }
                let e = cs.get(k).map_or(t.len(), |c| c.0);
                out.push((s, e));
            }
            out
        };
        let alphabet = [
            "a", "B", "é", "Ç", "œ", " ", "\u{a0}", "-", "'", "’", "«", ",", "1", "ma", "MES", "ж",
        ];
        let mut rng = crate::testrng::Lcg(9);
        for _ in 0..3000 {
            let len = rng.next() as usize % 24;
            let t: String = (0..len).map(|_| rng.pick(&alphabet)).collect();
            assert_eq!(
                super::words(&t).collect::<Vec<_>>(),
                plain_words(&t),
                "{t:?}"
            );
            let w = t.as_bytes();
            let plain = super::super::words::is_possessive(&t.to_ascii_lowercase());
            assert_eq!(super::is_possessive(w), plain, "{t:?}");
        }
        for p in ["ma", "Mon", "LEURS", "votre"] {
            assert!(super::is_possessive(p.as_bytes()));
        }
    }

    #[test]
    fn many_lower_case_names_stay_linear() {
        // Every word a name or a repeat: each is decided once (no pass over all
        // the names found for each word).
        let t = format!(
            "ok\nM. Karim Benali.\n{}",
            "salut chloé, karim benali et benali. ".repeat(6000)
        );
        let n = names(&t);
        assert_eq!(n.len(), 1 + 3 * 6000);
    }

    #[test]
    fn ordinary_words_first_names_and_places_stay_text() {
        // A surname that is a word, a first name alone, a first name that is a city.
        let t = "M. Paul Blanc est venu. Le mur blanc. paul viendra. \
                 Mme Florence Durand-Lefort. florence est une ville.";
        let n = names(t);
        assert!(!n.contains(&"blanc") && !n.contains(&"paul"), "{n:?}");
        assert!(!n.contains(&"florence"), "{n:?}");
        // Inside a word or an address: not a name.
        let t = "M. Karim Benali. benalix, karim.benali@mail.fr, benali-sur-mer";
        assert_eq!(names(t), ["Karim Benali"]);
    }
}
