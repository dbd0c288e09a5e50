//! The caller's own lists and patterns: allow-list (never report), deny-list (always
//! report as a given kind) and custom regexes, compiled into the engine.

use crate::{Error, Finding, Kind, Reason};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// Interns a detector name so findings can carry it as `&'static str`. Each distinct
/// name is leaked once per process, so the memory is bounded by the distinct names.
pub(crate) fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(n) = set.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

fn automaton(words: &[String]) -> Result<Option<AhoCorasick>, Error> {
    if words.is_empty() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .map(Some)
        .map_err(|e| Error::config(format!("list too large: {e}")))
}

/// Strings that are never reported: any candidate inside an occurrence of one of them
/// (ASCII case-insensitive, whole words) is dropped.
#[derive(Debug)]
pub(crate) struct AllowList {
    ac: Option<AhoCorasick>,
}

impl AllowList {
    pub(crate) fn new(words: &[String]) -> Result<AllowList, Error> {
        Ok(AllowList {
            ac: automaton(words)?,
        })
    }

    /// Removes from `cands` every candidate covered by an allowed string.
    pub(crate) fn filter(&self, text: &str, cands: &mut Vec<Finding>) {
        let Some(ac) = &self.ac else { return };
        let zones: Vec<(usize, usize)> = ac
            .find_iter(text)
            .filter(|m| crate::text::is_token(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect();
        if zones.is_empty() {
            return;
        }
        cands.retain(|f| {
            !zones
                .iter()
                .any(|&(s, e)| s <= f.span.start && f.span.end <= e)
        });
    }
}

/// Strings always reported as a given kind (whole words, ASCII case-insensitive).
#[derive(Debug)]
pub(crate) struct DenyList {
    ac: Option<AhoCorasick>,
    kinds: Vec<Kind>,
}

impl DenyList {
    pub(crate) fn new(entries: &[(Kind, String)]) -> Result<DenyList, Error> {
        let words: Vec<String> = entries.iter().map(|(_, w)| w.clone()).collect();
        Ok(DenyList {
            ac: automaton(&words)?,
            kinds: entries.iter().map(|(k, _)| *k).collect(),
        })
    }

    pub(crate) fn detect(&self, text: &str, out: &mut Vec<Finding>) {
        let Some(ac) = &self.ac else { return };
        for m in ac.find_iter(text) {
            if crate::text::is_token(text, m.start(), m.end()) {
                let kind = self.kinds[m.pattern().as_usize()];
                out.push(Finding::new(
                    kind,
                    m.start(),
                    m.end(),
                    1000,
                    "deny-list",
                    Reason::DenyList,
                ));
            }
        }
    }
}

/// A caller's regex reported as a kind with a fixed confidence.
#[derive(Debug)]
pub(crate) struct CustomPattern {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) regex: regex::Regex,
    pub(crate) confidence: u16,
}

impl CustomPattern {
    pub(crate) fn new(
        name: &str,
        kind: Kind,
        pattern: &str,
        confidence: u16,
    ) -> Result<CustomPattern, Error> {
        let regex = regex::RegexBuilder::new(pattern)
            .size_limit(10 << 20)
            .build()
            .map_err(|e| Error::config(format!("custom pattern {name:?}: {e}")))?;
        Ok(CustomPattern {
            name: intern(&format!("custom:{name}")),
            kind,
            regex,
            confidence: confidence.min(1000),
        })
    }

    pub(crate) fn detect(&self, text: &str, out: &mut Vec<Finding>) {
        for m in self.regex.find_iter(text) {
            if !m.is_empty() {
                out.push(Finding::new(
                    self.kind,
                    m.start(),
                    m.end(),
                    self.confidence,
                    self.name,
                    Reason::CustomPattern,
                ));
            }
        }
    }
}
