//! caviard's error type.

use std::fmt;

/// An error from caviard.
///
/// The error is opaque: its message says what went wrong and where (a byte offset, a
/// line number), and never contains a personal value taken from the input.
///
/// ```
/// let err = caviard::Engine::builder().pattern("ref", caviard::Kind::Nir, "(", 500).build();
/// assert!(err.is_err());
/// println!("{}", err.unwrap_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// A builder option is invalid (bad custom pattern, unknown kind name, …).
    Config(String),
    /// Input is not valid UTF-8 at this byte offset.
    Utf8 { offset: usize },
    /// Input is larger than the configured maximum.
    TooLarge { len: usize, max: usize },
    /// A key is missing, too short or malformed.
    Key(String),
    /// A vault could not be read: wrong key, modified, truncated, unknown version.
    Vault(String),
}

impl Error {
    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config(msg.into()),
        }
    }
    pub(crate) fn utf8(offset: usize) -> Error {
        Error {
            kind: ErrorKind::Utf8 { offset },
        }
    }
    pub(crate) fn too_large(len: usize, max: usize) -> Error {
        Error {
            kind: ErrorKind::TooLarge { len, max },
        }
    }
    pub(crate) fn key(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Key(msg.into()),
        }
    }
    pub(crate) fn vault(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Vault(msg.into()),
        }
    }

    /// For invalid UTF-8 input, the byte offset of the first invalid byte.
    ///
    /// ```
    /// let err = caviard::validate_utf8(b"ok \xff").unwrap_err();
    /// assert_eq!(err.utf8_offset(), Some(3));
    /// ```
    pub fn utf8_offset(&self) -> Option<usize> {
        match self.kind {
            ErrorKind::Utf8 { offset } => Some(offset),
            _ => None,
        }
    }

    /// True when the input was larger than the configured maximum size.
    pub fn is_too_large(&self) -> bool {
        matches!(self.kind, ErrorKind::TooLarge { .. })
    }

    /// True for errors about keys (missing, too short).
    pub fn is_key(&self) -> bool {
        matches!(self.kind, ErrorKind::Key(_))
    }

    /// True for errors reading a vault (wrong key, tampered, truncated, unknown version).
    pub fn is_vault(&self) -> bool {
        matches!(self.kind, ErrorKind::Vault(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Config(m) => write!(f, "invalid configuration: {m}"),
            ErrorKind::Utf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            ErrorKind::TooLarge { len, max } => {
                write!(
                    f,
                    "input of {len} bytes is larger than the maximum of {max} bytes"
                )
            }
            ErrorKind::Key(m) => write!(f, "key error: {m}"),
            ErrorKind::Vault(m) => write!(f, "vault error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Checks that `bytes` are UTF-8 and returns them as `&str`, or an error naming the
/// byte offset of the first invalid sequence.
///
/// ```
/// assert_eq!(caviard::validate_utf8("Hélène".as_bytes()).unwrap(), "Hélène");
/// assert_eq!(caviard::validate_utf8(b"\xc3").unwrap_err().utf8_offset(), Some(0));
/// ```
pub fn validate_utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::utf8(e.valid_up_to()))
}
