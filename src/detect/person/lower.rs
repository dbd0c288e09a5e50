//! A name the document gave, found again written in lower case: "M. Karim Benali a
//! appelé … sms de karim benali … benali a dit ok". Chats, SMS, dictated or quickly
//! typed notes drop capitals; the capitalised-word scan cannot see those repeats.
//!
//! Only what is safe in lower case is searched: a full name of two words or more
//! ("karim benali", accents or not), and a surname of four letters or more that is
//! not an ordinary word, a first name in use or a place ("benali", not "blanc",
//! "pierre" or "florence"), from a name found with strong evidence. Each form is searched with
//! `memchr::memmem` over the text; the search is skipped when the forms times the
//! text length pass a budget: a document full of names (a register, a directory) is
//! formal text, and there the search would cost more than the scan.

use super::{DETECTOR, KIN, PARTICLE, State, dict, fold_word};
use crate::detect::person::dict as d;
use crate::{Finding, Kind, Reason};

/// Most distinct forms searched in one text.
const MAX_FORMS: usize = 32;
/// Most bytes searched in all (forms × text length).
const MAX_WORK: usize = 1 << 20;
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

/// Whether `text[s..e]` stands as words of its own: no letter, digit or joining
/// mark (`-`, `_`, `.` of an address, `@`) on either side.
fn whole_word(text: &str, s: usize, e: usize) -> bool {
    let joins = |c: Option<char>, dot: bool| {
        c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '@') || (dot && c == '.'))
    };
    // A dot before is an address ("j.benali"); after, it may end the sentence,
    // unless a letter follows ("benali.k@").
    let b = text.as_bytes();
    let dot_inside = b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric);
    !joins(text[..s].chars().next_back(), true)
        && !joins(text[e..].chars().next(), false)
        && !dot_inside
}

/// Bytes that join what follows to a word or an address: ASCII letters and
/// digits, the bytes of non-ASCII characters, `.`, `@`, `-`, `_`.
static JOINS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'.' | b'@' | b'-' | b'_');
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
/// prose that starts with a lower-case letter (a chat, an SMS, notes), or a name
/// found in lower case. Formal text rarely does, and there the walk is skipped.
fn informal(text: &str, found: &[Finding]) -> bool {
    let b = text.as_bytes();
    // A line starting with a lower-case letter, written as prose (words and spaces),
    // not the header of a table ("nom;prenom;date_naissance").
    let lower_at = |i: usize| {
        let i = i + b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if !b.get(i).is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        let line = &b[i..b.len().min(i + 48)];
        let line = line.split(|&c| c == b'\n').next().unwrap_or(line);
        line.contains(&b' ') && !line.iter().any(|&c| matches!(c, b';' | b'\t' | b'|'))
    };
    lower_at(0)
        || memchr::memchr_iter(b'\n', b).any(|i| lower_at(i + 1))
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

/// The words of `text` (letters, inner hyphens and apostrophes): (start, end).
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (s, _) = it.by_ref().find(|(_, c)| c.is_alphabetic())?;
        let mut e = s;
        while let Some(&(i, c)) = it.peek() {
            if c.is_alphabetic() || matches!(c, '-' | '\'' | '’') {
                e = i + c.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        Some((s, e))
    })
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
        let mut word = String::new();
        let ws: Vec<(usize, usize)> = words(text).collect();
        let spans = found_spans(&self.found);
        let mut added_end = 0;
        for k in 0..ws.len() {
            let (s, e) = ws[k];
            if !text.as_bytes()[s].is_ascii_lowercase()
                && text[s..e].chars().next().is_none_or(|c| !c.is_lowercase())
            {
                continue;
            }
            // Three letters or more, and not too long for a first name; looked up
            // without folding when it is plain ASCII.
            let wb = &text.as_bytes()[s..e];
            if !(3..=24).contains(&wb.len()) || !whole_word(text, s, e) {
                continue;
            }
            let first = if wb.iter().all(u8::is_ascii_alphabetic) {
                word.clear();
                word.push_str(&text[s..e]);
                word.make_ascii_lowercase();
                dict().get_key(d::key_ascii_letters(wb))
            } else {
                fold_word(&text[s..e], &mut word);
                dict().get(&word)
            };
            if first.births < 500 || first.class != 0 {
                continue;
            }
            let describes = DESCRIBE.contains(&word.as_str());
            // A first name in wide use that is no French word ("chloé", "yasmine",
            // "kevin"): a name alone, in informal text.
            let lone = first.births >= 10_000
                && !first.first_common
                && !first.surname_common
                && word.chars().count() >= 4;
            // After "ma fille", a first name in use is the name even when the
            // dictionary knows it as a word (aurélie, pierre); not the few that
            // describe the person instead (blanche, rose).
            let kin = !describes && k >= 2 && {
                fold_word(&text[ws[k - 2].0..ws[k - 2].1], &mut word);
                let possessive = matches!(
                    word.as_str(),
                    "ma" | "mon"
                        | "mes"
                        | "sa"
                        | "son"
                        | "ses"
                        | "notre"
                        | "nos"
                        | "votre"
                        | "vos"
                        | "leur"
                        | "leurs"
                );
                // Only spaces or a comma between the three words.
                let gap = |a: usize, b: usize| text[a..b].chars().all(|c| c == ' ' || c == ',');
                possessive && gap(ws[k - 2].1, ws[k - 1].0) && gap(ws[k - 1].1, s) && {
                    fold_word(&text[ws[k - 1].0..ws[k - 1].1], &mut word);
                    dict().get(&word).class & KIN != 0
                }
            };
            if !kin && !lone {
                continue;
            }
            // A surname after it, in lower case too.
            let mut end = e;
            if let Some(&(s2, e2)) = ws.get(k + 1) {
                fold_word(&text[s2..e2], &mut word);
                let sur = dict().get(&word);
                if text[e..s2] == *" "
                    && text.as_bytes()[s2].is_ascii_lowercase()
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
        // Not a part of an address.
        assert!(names("ok\nécris à l.bernard@@laposte.net").is_empty());
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
