//! Findings: what was found, where, and why.

use crate::Kind;
use std::fmt;

/// A half-open range of UTF-8 byte offsets `[start, end)` into the scanned text.
///
/// ```
/// let text = "Hélène Dupont";
/// let span = caviard::Span { start: 0, end: 8 };
/// assert_eq!(&text[span.range()], "Hélène");
/// assert_eq!(span.to_utf16(text), caviard::Span { start: 0, end: 6 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// The span as a `Range`, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The same span in UTF-16 code units (Java, .NET, JavaScript string indices).
    ///
    /// # Panics
    ///
    /// When the span is not on character boundaries of `text` (a caller bug: spans
    /// produced by caviard always are).
    pub fn to_utf16(self, text: &str) -> Span {
        let start = text[..self.start].encode_utf16().count();
        let end = start + text[self.range()].encode_utf16().count();
        Span { start, end }
    }

    /// The same span in Unicode code points (Python string indices).
    ///
    /// ```
    /// let span = caviard::Span { start: 9, end: 15 };
    /// assert_eq!(span.to_chars("Hélène Dupont"), caviard::Span { start: 7, end: 13 });
    /// ```
    ///
    /// # Panics
    ///
    /// As [`Span::to_utf16`].
    pub fn to_chars(self, text: &str) -> Span {
        let start = text[..self.start].chars().count();
        let end = start + text[self.range()].chars().count();
        Span { start, end }
    }
}

/// Why a finding was reported: the evidence behind it, for the audit report.
///
/// ```
/// assert_eq!(caviard::Reason::Checksum.as_str(), "checksum");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// The value's checksum (mod 97, Luhn, key…) is valid.
    Checksum,
    /// The checksum is valid and a context word confirms the kind.
    ChecksumAndContext,
    /// A context word or label makes it this kind (shape alone would not).
    Context,
    /// The checksum failed but a strong label says what it is: reported so a typo
    /// does not leak, with low confidence.
    ContextChecksumFailed,
    /// The shape alone is distinctive enough (an e-mail address, an IPv6 address…).
    Shape,
    /// A dictionary (first names, surnames, communes, voie types) recognised it.
    Dictionary,
    /// The same value was found with stronger evidence elsewhere in the document.
    Propagated,
    /// It is on the caller's deny-list.
    DenyList,
    /// A custom pattern given by the caller matched.
    CustomPattern,
}

impl Reason {
    /// A stable, machine-readable name for the reason.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::Checksum => "checksum",
            Reason::ChecksumAndContext => "checksum+context",
            Reason::Context => "context",
            Reason::ContextChecksumFailed => "context, checksum failed",
            Reason::Shape => "shape",
            Reason::Dictionary => "dictionary",
            Reason::Propagated => "propagated",
            Reason::DenyList => "deny-list",
            Reason::CustomPattern => "custom pattern",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of personal data found in a text.
///
/// `Debug` shows the kind, span and evidence, never the value (the finding does not
/// hold it: slice the text with [`Finding::span`] when you need it).
///
/// ```
/// let engine = caviard::Engine::new();
/// let text = "Écrire à jean.dupont@example.fr.";
/// let f = &engine.scan(text)[0];
/// assert_eq!(f.kind, caviard::Kind::Email);
/// assert_eq!(&text[f.span.range()], "jean.dupont@example.fr");
/// assert!(f.confidence > 500);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// Where it is, in UTF-8 bytes.
    pub span: Span,
    /// How sure caviard is, from 0 to 1000.
    pub confidence: u16,
    /// Which detector produced it (`"nir"`, `"person"`, `"custom:NAME"`…).
    pub detector: &'static str,
    /// Why it was reported.
    pub reason: Reason,
}

impl Finding {
    /// A finding; used by detectors.
    pub(crate) fn new(
        kind: Kind,
        start: usize,
        end: usize,
        confidence: u16,
        detector: &'static str,
        reason: Reason,
    ) -> Finding {
        Finding {
            kind,
            span: Span { start, end },
            confidence: confidence.min(1000),
            detector,
            reason,
        }
    }
}

/// Converts many byte spans to UTF-16 spans in one pass over `text`.
///
/// Spans must be on character boundaries; they may come in any order.
///
/// ```
/// let text = "Zoé : zoe@example.fr";
/// let spans = [caviard::Span { start: 7, end: 21 }];
/// assert_eq!(caviard::utf16_spans(text, &spans), vec![caviard::Span { start: 6, end: 20 }]);
/// ```
pub fn utf16_spans(text: &str, spans: &[Span]) -> Vec<Span> {
    convert_spans(text, spans, |c| c.len_utf16())
}

/// Converts many byte spans to code-point spans in one pass over `text`.
pub fn char_spans(text: &str, spans: &[Span]) -> Vec<Span> {
    convert_spans(text, spans, |_| 1)
}

fn convert_spans(text: &str, spans: &[Span], unit: impl Fn(char) -> usize) -> Vec<Span> {
    // Every boundary, sorted, then one walk over the text.
    let mut points: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut mapped = Vec::with_capacity(points.len());
    let mut units = 0usize;
    let mut iter = text.char_indices().peekable();
    for &p in &points {
        while let Some(&(i, c)) = iter.peek() {
            if i >= p {
                break;
            }
            units += unit(c);
            iter.next();
        }
        mapped.push(units);
    }
    let look = |b: usize| {
        mapped[points
            .binary_search(&b)
            .unwrap_or_else(|i| i.min(points.len() - 1))]
    };
    spans
        .iter()
        .map(|s| Span {
            start: look(s.start),
            end: look(s.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_conversion_matches_single() {
        let text = "a😀é b\u{202f}c Ωx";
        let mut spans = vec![];
        let idx: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (a, &s) in idx.iter().enumerate() {
            for &e in &idx[a..] {
                spans.push(Span { start: s, end: e });
            }
        }
        let u16s = utf16_spans(text, &spans);
        let cps = char_spans(text, &spans);
        for (i, s) in spans.iter().enumerate() {
            assert_eq!(u16s[i], s.to_utf16(text));
            assert_eq!(cps[i], s.to_chars(text));
        }
    }
}
