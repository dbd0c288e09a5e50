//! The operators that replace a finding's value when pseudonymising.

use std::fmt;
use std::str::FromStr;

/// How a session replaces a value of a given kind (chosen per kind with
/// [`EngineBuilder::operator`](crate::EngineBuilder::operator)).
///
/// ```
/// use caviard::Operator;
/// assert_eq!("mask".parse::<Operator>().unwrap(), Operator::Mask);
/// assert_eq!(Operator::default(), Operator::Tag);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Operator {
    /// `[PERSONNE_1]`, `[NIR_2]`: readable by a model, stable within a session (default).
    #[default]
    Tag,
    /// Keeps the shape, hides the value: `06 •• •• •• 78`.
    Mask,
    /// Removes the value, leaves the kind: `[EMAIL]`.
    Redact,
    /// A keyed HMAC-SHA-256 fingerprint, truncated and prefixed by the kind.
    Hash,
    /// A realistic fake of the same kind that passes the same checksum, deterministic
    /// under the session key.
    Surrogate,
}

impl Operator {
    /// Every operator.
    pub const ALL: [Operator; 5] = [
        Operator::Tag,
        Operator::Mask,
        Operator::Redact,
        Operator::Hash,
        Operator::Surrogate,
    ];

    /// The operator's name (`"tag"`, `"mask"`, `"redact"`, `"hash"`, `"surrogate"`).
    pub const fn name(self) -> &'static str {
        match self {
            Operator::Tag => "tag",
            Operator::Mask => "mask",
            Operator::Redact => "redact",
            Operator::Hash => "hash",
            Operator::Surrogate => "surrogate",
        }
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Operator {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Operator, crate::Error> {
        Operator::ALL
            .iter()
            .copied()
            .find(|o| o.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                crate::Error::config(format!(
                    "unknown operator {s:?} (tag, mask, redact, hash, surrogate)"
                ))
            })
    }
}
