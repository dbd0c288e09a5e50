//! Streaming pseudonymisation (see [`Pseudonymiser`] for what it promises).

use super::Session;

/// Pseudonymises text arriving in chunks. Text is held until a paragraph break
/// (blank line, `\n\n`) and each paragraph is pseudonymised as one text, whatever
/// the chunk sizes: the output equals pseudonymising the paragraphs one by one,
/// which equals pseudonymising the whole text when no finding depends on a later
/// paragraph.
///
/// # What equality a stream can promise
///
/// Restoring a stream ([`Restorer`](crate::Restorer)) is exact: a pseudonym is no
/// longer than the longest tag (or the longest surrogate), so holding back that much
/// gives the whole-text result.
///
/// Detecting personal data is not local: the engine reads the whole document it is
/// given. Once "Jean DUPONT" is found, a bare "Dupont" *earlier or later* in the
/// same text is a finding too (propagation goes both ways); an address may run over
/// a line break. So no output can be released before the end of the input while
/// guaranteeing the whole-text result, short of holding everything back. The
/// streaming pseudonymiser therefore makes a weaker promise, and keeps it exactly:
///
/// * the text is cut after each blank line (`\n\n`), and each paragraph is
///   pseudonymised as one document, in order, in the same session;
/// * the output does not depend on how the input was chunked: it equals
///   `pseudonymise` called on each paragraph in turn (a property test checks this
///   on random chunkings), and memory is bounded by the longest paragraph;
/// * names found in earlier paragraphs (and in earlier calls of the session) are
///   found again alone in later ones, as within one text: "Mme Nadège Kerouredan"
///   in paragraph 1 makes a bare "Kerouredan" in paragraph 3 a finding;
/// * so it equals whole-text [`Session::pseudonymise`](crate::Session::pseudonymise)
///   unless a finding depends on a *later* paragraph (a bare name whose only
///   evidence comes after it, a value spanning a blank line). A caller needing the
///   whole-text result in every case buffers the text and calls `pseudonymise`
///   once: that is what "holding back what could still change" amounts to for
///   detection.
///
/// Values already mapped in the session keep their pseudonym in every paragraph
/// (same tag, same surrogate), so a name seen in full in paragraph 1 and found again
/// in paragraph 3 is the same person (`[PERSONNE_1]`, or `[PERSONNE_1_2]` for
/// another spelling) either way.
pub struct Pseudonymiser<'a> {
    session: &'a mut Session,
    buf: String,
}

// `buf` never holds a paragraph break (`\n\n`): each `push` cuts them all. So a
// new break starts at the last byte held before the chunk at the earliest, and
// `push` reads each byte a bounded number of times (linear time for a long
// paragraph arriving in small chunks), and moves the held rest once per chunk.

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
        let mut from = self.buf.len().saturating_sub(1);
        self.buf.push_str(chunk);
        let mut out = String::new();
        let mut start = 0;
        while let Some(p) = memchr::memmem::find(&self.buf.as_bytes()[from..], b"\n\n") {
            // Just after `\n\n`: a character boundary.
            let end = from + p + 2;
            out.push_str(&self.session.pseudonymise(&self.buf[start..end]));
            start = end;
            from = end;
        }
        self.buf.drain(..start);
        out
    }

    /// Ends the stream; returns the pseudonymised rest.
    pub fn finish(mut self) -> String {
        let rest = std::mem::take(&mut self.buf);
        self.session.pseudonymise(&rest)
    }
}
