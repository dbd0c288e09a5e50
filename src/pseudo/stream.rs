//! Streaming pseudonymisation.

use super::Session;

/// Pseudonymises text arriving in chunks. Text is held until a paragraph break
/// (blank line, `\n\n`) and each paragraph is pseudonymised as one text, whatever
/// the chunk sizes: the output equals pseudonymising the paragraphs one by one,
/// which equals pseudonymising the whole text when detection does not depend on
/// other paragraphs (no finding spans a blank line, no propagation across them).
pub struct Pseudonymiser<'a> {
    session: &'a mut Session,
    buf: String,
}

impl std::fmt::Debug for Pseudonymiser<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pseudonymiser")
            .field("held_bytes", &self.buf.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Pseudonymiser<'a> {
    pub(crate) fn new(session: &'a mut Session) -> Pseudonymiser<'a> {
        Pseudonymiser {
            session,
            buf: String::new(),
        }
    }

    /// Adds a chunk; returns the pseudonymised text of every complete paragraph.
    pub fn push(&mut self, chunk: &str) -> String {
        self.buf.push_str(chunk);
        let mut out = String::new();
        while let Some(p) = self.buf.find("\n\n") {
            let rest = self.buf.split_off(p + 2);
            let done = std::mem::replace(&mut self.buf, rest);
            out.push_str(&self.session.pseudonymise(&done));
        }
        out
    }

    /// Ends the stream; returns the pseudonymised rest.
    pub fn finish(mut self) -> String {
        let rest = std::mem::take(&mut self.buf);
        self.session.pseudonymise(&rest)
    }
}
