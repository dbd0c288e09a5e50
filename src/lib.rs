//! # caviard
//!
//! *caviarder*: to black out a passage of text. caviard finds French personal data in
//! free text — names, NIR (numéro de sécurité sociale), IBANs, addresses, e-mail
//! addresses, phone numbers and a dozen more kinds — and replaces it with pseudonyms
//! **before the text reaches a generative model**, then puts the real values back into
//! the model's answer. It runs in-process and offline: nothing is fetched, nothing is
//! sent anywhere.
//!
//! ## Scanning
//!
//! ```
//! use caviard::{Engine, Kind};
//!
//! // Build once (dictionaries are loaded here), share between threads.
//! let engine = Engine::new();
//! let text = "Mail : jean.dupont@example.fr";
//! let findings = engine.scan(text);
//! assert_eq!(findings.len(), 1);
//! let f = &findings[0];
//! assert_eq!(f.kind, Kind::Email);
//! assert_eq!(&text[f.span.range()], "jean.dupont@example.fr");
//! println!("{} found by {} ({}), confidence {}", f.kind, f.detector, f.reason, f.confidence);
//! ```
//!
//! Offsets are UTF-8 byte offsets into the text; [`Span::to_utf16`] and
//! [`utf16_spans`] give UTF-16 offsets (Java, .NET, JavaScript), [`Span::to_chars`]
//! code points (Python).
//!
//! ## Configuring
//!
//! [`EngineBuilder`] selects kinds, adds an allow-list (never reported), a deny-list
//! (always reported) and custom patterns, and chooses the [`Operator`] per kind.
//!
//! ## Pseudonymising and restoring
//!
//! ```
//! let engine = caviard::Engine::new();
//! let mut session = engine.session(b"a secret key of 32 bytes or so!!").unwrap();
//! let masked = session.pseudonymise("Répondre à jean.dupont@example.fr");
//! assert!(!masked.contains("jean.dupont"));
//! assert_eq!(session.restore(&masked), "Répondre à jean.dupont@example.fr");
//! ```
//!
//! ## Overlaps
//!
//! Findings never overlap. When detectors disagree, the candidate with the highest
//! confidence wins, then the longest, then the earliest, then the lowest [`Kind`]
//! value: the result does not depend on detector order.

#![deny(unsafe_code)]
#![deny(missing_docs)]

mod detect;
mod engine;
mod error;
#[allow(unsafe_code)]
pub mod ffi;
mod finding;
mod kind;
mod operator;
mod pseudo;
mod resolve;
#[cfg(test)]
mod testrng;
pub(crate) mod text;

pub use engine::{DEFAULT_MAX_INPUT, Engine, EngineBuilder};
pub use error::{Error, validate_utf8};
pub use finding::{Finding, Reason, Span, char_spans, utf16_spans};
pub use kind::Kind;
pub(crate) use kind::KindSet;
pub use operator::Operator;
pub use pseudo::{Pseudonymiser, Report, ReportEntry, Restorer, Session, generate_key};

// The README's examples are doctests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
