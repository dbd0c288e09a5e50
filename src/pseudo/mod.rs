//! Pseudonymisation sessions, operators, restore, vault and report.
//!
//! PLACEHOLDER: a minimal tag-only session with the public signatures that the C ABI
//! and the CLI rely on. The full implementation (operators, variants of names,
//! streaming, encrypted vault, report) replaces it.

use crate::{Engine, Error};
use std::collections::HashMap;

/// A pseudonymisation session over an [`Engine`]: the same value gets the same
/// pseudonym for the whole session, and [`Session::restore`] puts values back.
///
/// ```
/// let engine = caviard::Engine::new();
/// let mut s = engine.session(&[7u8; 32]).unwrap();
/// let out = s.pseudonymise("Écrire à jean.dupont@example.fr");
/// assert!(!out.contains("jean.dupont"));
/// assert_eq!(s.restore(&out), "Écrire à jean.dupont@example.fr");
/// ```
pub struct Session {
    engine: Engine,
    forward: HashMap<String, String>,
    backward: HashMap<String, String>,
    counters: [u32; crate::Kind::ALL.len()],
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("values", &self.forward.len())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// A new session under `key` (at least 16 bytes of secret material).
    ///
    /// # Errors
    ///
    /// When the key is shorter than 16 bytes.
    pub fn session(&self, key: &[u8]) -> Result<Session, Error> {
        if key.len() < 16 {
            return Err(Error::key("a session key needs at least 16 bytes"));
        }
        Ok(Session {
            engine: self.clone(),
            forward: HashMap::new(),
            backward: HashMap::new(),
            counters: [0; crate::Kind::ALL.len()],
        })
    }
}

impl Session {
    /// Replaces every finding in `text` by its pseudonym.
    pub fn pseudonymise(&mut self, text: &str) -> String {
        let findings = self.engine.scan(text);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for f in findings {
            out.push_str(&text[last..f.span.start]);
            let value = &text[f.span.range()];
            let tag = match self.forward.get(value) {
                Some(t) => t.clone(),
                None => {
                    self.counters[f.kind as usize] += 1;
                    let t = format!("[{}_{}]", f.kind.name(), self.counters[f.kind as usize]);
                    self.forward.insert(value.to_owned(), t.clone());
                    self.backward.insert(t.clone(), value.to_owned());
                    t
                }
            };
            out.push_str(&tag);
            last = f.span.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// Puts the original values back into `text`.
    pub fn restore(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (tag, value) in &self.backward {
            out = out.replace(tag, value);
        }
        out
    }
}

/// The audit report of one pseudonymised document (PLACEHOLDER: the full report lists
/// every finding with kind, offsets, detector, reason, confidence, operator, pseudonym
/// and a keyed fingerprint, never the value).
#[derive(Debug, Clone, Default)]
pub struct Report {
    findings: usize,
}

impl Report {
    /// The report as JSON.
    pub fn to_json(&self) -> String {
        format!("{{\"findings\":{}}}", self.findings)
    }
}

impl Session {
    /// Like [`Session::pseudonymise`], also returning the document's audit report.
    pub fn pseudonymise_with_report(&mut self, text: &str) -> (String, Report) {
        let findings = self.engine.scan(text).len();
        (self.pseudonymise(text), Report { findings })
    }

    /// Exports the session's mapping as an encrypted, authenticated vault.
    ///
    /// # Errors
    ///
    /// PLACEHOLDER: always an error until the vault is implemented.
    pub fn export_vault(&self) -> Result<Vec<u8>, Error> {
        Err(Error::vault("not implemented yet"))
    }
}

impl Engine {
    /// Re-creates a session from a vault written by [`Session::export_vault`] under
    /// the same key.
    ///
    /// # Errors
    ///
    /// Wrong key, modified or truncated vault, unknown vault version.
    pub fn session_from_vault(&self, key: &[u8], vault: &[u8]) -> Result<Session, Error> {
        let _ = (key, vault);
        Err(Error::vault("not implemented yet"))
    }
}
