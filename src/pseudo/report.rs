//! The audit report of one pseudonymised document.

use super::{Applied, Session, operators};
use crate::{Kind, Operator};
use serde::Serialize;

/// One finding in a [`Report`].
#[derive(Clone, Debug, Serialize)]
pub struct ReportEntry {
    /// Kind name (`"NIR"`, `"PERSON"`…).
    pub kind: &'static str,
    /// UTF-8 byte offset of the value in the input.
    pub start: usize,
    /// End (exclusive) of the value in the input.
    pub end: usize,
    /// Detector that found it.
    pub detector: &'static str,
    /// Why it was reported.
    pub reason: &'static str,
    /// Confidence, 0..=1000.
    pub confidence: u16,
    /// Operator applied.
    pub operator: &'static str,
    /// What replaced the value in the output.
    pub pseudonym: String,
    /// Keyed fingerprint of the normalised value (HMAC-SHA-256 under the session's
    /// fingerprint subkey, 16 hex digits): equal values have equal fingerprints
    /// within a session and across sessions with the same key.
    pub fingerprint: String,
    /// Below the engine's review threshold: to be confirmed by a person or an agent.
    pub review: bool,
    /// For entries to review: the output around the pseudonym (every other value
    /// already pseudonymised), the value itself between `⟦` and `⟧` shown as its
    /// pseudonym (or as the value when the report was asked with values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The value itself, only when explicitly asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The audit report of one pseudonymised document: every finding (those to review
/// first), and counts per kind. Never contains a value unless asked
/// ([`Session::pseudonymise_with_report_values`]).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    entries: Vec<ReportEntry>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    review_below: u16,
}

impl Report {
    /// The report as JSON:
    /// `{"review_below":500,"counts":{"EMAIL":1},"findings":[{...}]}`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct J<'a> {
            review_below: u16,
            to_review: usize,
            counts: &'a std::collections::BTreeMap<&'static str, usize>,
            findings: &'a [ReportEntry],
        }
        serde_json::to_string(&J {
            review_below: self.review_below,
            to_review: self.entries.iter().filter(|e| e.review).count(),
            counts: &self.counts,
            findings: &self.entries,
        })
        .unwrap_or_else(|_| "{}".to_owned())
    }

    /// The entries: those to review first, then by offset.
    pub fn entries(&self) -> &[ReportEntry] {
        &self.entries
    }

    /// Number of findings of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.counts.get(kind.name()).copied().unwrap_or(0)
    }

    /// Entries marked for review.
    pub fn to_review(&self) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(|e| e.review)
    }

    /// Shifts every offset by `base` (for a document processed in segments).
    pub fn offset_by(&mut self, base: usize) {
        for e in &mut self.entries {
            e.start += base;
            e.end += base;
        }
    }

    /// Appends another report's entries and counts (segments of one document).
    pub fn merge(&mut self, other: Report) {
        self.review_below = other.review_below;
        for (k, n) in other.counts {
            *self.counts.entry(k).or_default() += n;
        }
        self.entries.extend(other.entries);
        self.entries.sort_by_key(|e| (!e.review, e.start));
    }
}

const CONTEXT: usize = 60;

pub(crate) fn build(
    s: &Session,
    input: &str,
    out: &str,
    applied: &[Applied],
    values: bool,
) -> Report {
    let review_below = s.engine.review_below();
    let mut r = Report {
        review_below,
        ..Report::default()
    };
    for a in applied {
        let f = a.finding;
        let review = f.confidence < review_below;
        let pseudonym = out[a.out.range()].to_owned();
        let value = &input[f.span.range()];
        let context = review.then(|| {
            let lo = crate::text::floor_char(out, a.out.start.saturating_sub(CONTEXT));
            let hi = crate::text::floor_char(out, (a.out.end + CONTEXT).min(out.len()));
            let mid = if values { value } else { pseudonym.as_str() };
            format!("{}⟦{}⟧{}", &out[lo..a.out.start], mid, &out[a.out.end..hi])
        });
        *r.counts.entry(f.kind.name()).or_default() += 1;
        r.entries.push(ReportEntry {
            kind: f.kind.name(),
            start: f.span.start,
            end: f.span.end,
            detector: f.detector,
            reason: f.reason.as_str(),
            confidence: f.confidence,
            operator: op_name(a.op),
            pseudonym,
            fingerprint: operators::fingerprint(s.keys.fingerprint(), f.kind, s.map.norm(a.entity)),
            review,
            context,
            value: values.then(|| value.to_owned()),
        });
    }
    r.entries.sort_by_key(|e| (!e.review, e.start));
    r
}

fn op_name(op: Operator) -> &'static str {
    op.name()
}
