//! The engine: a builder compiles the configuration once; the engine scans any number
//! of texts from any number of threads.

use crate::detect::{self, AllowList, CustomPattern, DenyList, Detector, Scan, Seeds};
use crate::kind::KindSet;
use crate::{Error, Finding, Kind, Operator};
use std::sync::Arc;

/// Default maximum input size accepted by [`Engine::scan_bytes`]: 256 MiB.
pub const DEFAULT_MAX_INPUT: usize = 256 << 20;

/// Configures and compiles an [`Engine`].
///
/// ```
/// use caviard::{Engine, Kind, Operator};
///
/// let engine = Engine::builder()
///     .disable(Kind::Ip)
///     .allow(["Caisse d'allocations familiales"])
///     .deny(Kind::Person, ["Agent Smith"])
///     .pattern("dossier", Kind::TaxId, r"DOS-[0-9]{6}", 600)
///     .operator(Kind::Phone, Operator::Mask)
///     .build()?;
/// let text = "Réf. DOS-123456, traité par Agent Smith.";
/// let kinds: Vec<Kind> = engine.scan(text).iter().map(|f| f.kind).collect();
/// assert_eq!(kinds, [Kind::TaxId, Kind::Person]);
/// # Ok::<(), caviard::Error>(())
/// ```
/// `Debug` shows counts for the allow-list, deny-list and custom patterns, never
/// their words (a deny-list holds personal values).
#[derive(Clone)]
pub struct EngineBuilder {
    kinds: KindSet,
    allow: Vec<String>,
    deny: Vec<(Kind, String)>,
    patterns: Vec<(String, Kind, String, u16)>,
    operators: [Operator; Kind::ALL.len()],
    min_confidence: u16,
    review_below: u16,
    max_input: usize,
}

impl std::fmt::Debug for EngineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| self.kinds.contains(**k))
            .map(|k| k.name())
            .collect();
        f.debug_struct("EngineBuilder")
            .field("kinds", &kinds)
            .field("allow", &self.allow.len())
            .field("deny", &self.deny.len())
            .field("custom_patterns", &self.patterns.len())
            .field("operators", &self.operators)
            .field("min_confidence", &self.min_confidence)
            .field("review_below", &self.review_below)
            .field("max_input", &self.max_input)
            .finish()
    }
}

impl Default for EngineBuilder {
    fn default() -> Self {
        EngineBuilder {
            kinds: KindSet::all(),
            allow: Vec::new(),
            deny: Vec::new(),
            patterns: Vec::new(),
            operators: [Operator::Tag; Kind::ALL.len()],
            min_confidence: 1,
            review_below: 500,
            max_input: DEFAULT_MAX_INPUT,
        }
    }
}

impl EngineBuilder {
    /// A builder with every kind enabled and default options.
    pub fn new() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Detects only these kinds.
    ///
    /// ```
    /// let e = caviard::Engine::builder().kinds([caviard::Kind::Email]).build().unwrap();
    /// assert!(e.is_enabled(caviard::Kind::Email) && !e.is_enabled(caviard::Kind::Nir));
    /// ```
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = Kind>) -> EngineBuilder {
        self.kinds = KindSet::empty();
        for k in kinds {
            self.kinds.insert(k);
        }
        self
    }

    /// Enables one kind.
    pub fn enable(mut self, kind: Kind) -> EngineBuilder {
        self.kinds.insert(kind);
        self
    }

    /// Disables one kind.
    pub fn disable(mut self, kind: Kind) -> EngineBuilder {
        self.kinds.remove(kind);
        self
    }

    /// Strings never reported (ASCII case-insensitive, whole words): a finding lying
    /// inside an occurrence of one of them is dropped. For the administration's own
    /// service names, public figures it may name, etc.
    ///
    /// ```
    /// let e = caviard::Engine::builder().allow(["contact@mairie.fr"]).build().unwrap();
    /// assert!(e.scan("Écrire à contact@mairie.fr").is_empty());
    /// ```
    pub fn allow<S: AsRef<str>>(mut self, words: impl IntoIterator<Item = S>) -> EngineBuilder {
        self.allow.extend(
            words
                .into_iter()
                .map(|w| w.as_ref().to_owned())
                .filter(|w| !w.trim().is_empty()),
        );
        self
    }

    /// Strings always reported as `kind` (ASCII case-insensitive, whole words), with
    /// confidence 1000: a list of agents' names, of local place names…
    ///
    /// ```
    /// use caviard::Kind;
    /// let e = caviard::Engine::builder().deny(Kind::Person, ["Zorglub"]).build().unwrap();
    /// assert_eq!(e.scan("vu par zorglub")[0].kind, Kind::Person);
    /// ```
    pub fn deny<S: AsRef<str>>(
        mut self,
        kind: Kind,
        words: impl IntoIterator<Item = S>,
    ) -> EngineBuilder {
        self.deny.extend(
            words
                .into_iter()
                .map(|w| (kind, w.as_ref().to_owned()))
                .filter(|(_, w)| !w.trim().is_empty()),
        );
        self
    }

    /// A custom regular expression (syntax of the `regex` crate) reported as `kind`
    /// with `confidence` (0..=1000). The detector is named `custom:NAME` in findings.
    /// An invalid pattern makes [`EngineBuilder::build`] fail.
    pub fn pattern(
        mut self,
        name: &str,
        kind: Kind,
        regex: &str,
        confidence: u16,
    ) -> EngineBuilder {
        self.patterns
            .push((name.to_owned(), kind, regex.to_owned(), confidence));
        self
    }

    /// The operator used for `kind` when pseudonymising (default [`Operator::Tag`]).
    pub fn operator(mut self, kind: Kind, op: Operator) -> EngineBuilder {
        self.operators[kind.index()] = op;
        self
    }

    /// Findings below this confidence (0..=1000) are not reported. Default 1.
    pub fn min_confidence(mut self, c: u16) -> EngineBuilder {
        self.min_confidence = c.min(1000);
        self
    }

    /// Findings below this confidence are marked for human review in reports.
    /// Default 500.
    pub fn review_below(mut self, c: u16) -> EngineBuilder {
        self.review_below = c.min(1001);
        self
    }

    /// Largest input, in bytes, accepted by the checked entry points
    /// ([`Engine::scan_bytes`], the C ABI, the CLI). Default [`DEFAULT_MAX_INPUT`].
    pub fn max_input_len(mut self, bytes: usize) -> EngineBuilder {
        self.max_input = bytes;
        self
    }

    /// Compiles the engine.
    ///
    /// # Errors
    ///
    /// When a custom pattern does not compile or a list is too large.
    pub fn build(&self) -> Result<Engine, Error> {
        let custom = self
            .patterns
            .iter()
            .map(|(name, kind, re, c)| CustomPattern::new(name, *kind, re, *c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Engine {
            inner: Arc::new(Inner {
                kinds: self.kinds,
                detectors: detect::builtin(self.kinds),
                allow: AllowList::new(&self.allow)?,
                deny: DenyList::new(&self.deny)?,
                custom,
                operators: self.operators,
                min_confidence: self.min_confidence,
                review_below: self.review_below,
                max_input: self.max_input,
            }),
        })
    }
}

struct Inner {
    kinds: KindSet,
    detectors: Vec<Box<dyn Detector>>,
    allow: AllowList,
    deny: DenyList,
    custom: Vec<CustomPattern>,
    operators: [Operator; Kind::ALL.len()],
    min_confidence: u16,
    review_below: u16,
    max_input: usize,
}

/// A compiled, immutable detection engine.
///
/// Build it once (it loads the dictionaries), then share it: it is `Send + Sync`, and
/// cloning it is cheap (a reference count). Sessions created from it keep it alive.
///
/// ```
/// let engine = caviard::Engine::new();
/// let text = "Contact : jean.dupont@example.fr";
/// for f in engine.scan(text) {
///     println!("{} {:?} {} ({})", f.kind, f.span, f.confidence, f.reason);
/// }
/// ```
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| self.inner.kinds.contains(**k))
            .map(|k| k.name())
            .collect();
        f.debug_struct("Engine")
            .field("kinds", &kinds)
            .field("custom_patterns", &self.inner.custom.len())
            .field("max_input", &self.inner.max_input)
            .finish_non_exhaustive()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with every kind and the default options.
    pub fn new() -> Engine {
        EngineBuilder::new()
            .build()
            .expect("the default configuration is valid")
    }

    /// A builder, to choose kinds, lists, patterns and operators.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::new()
    }

    /// Finds personal data in `text`: non-overlapping findings, sorted by start offset.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(text, &mut out);
        out
    }

    /// Like [`Engine::scan`], reusing `out`'s allocation (it is cleared first).
    pub fn scan_into(&self, text: &str, out: &mut Vec<Finding>) {
        self.scan_seeded(text, None, out);
    }

    /// [`Engine::scan_into`] with the names of a session's earlier texts, found
    /// again alone in this one (PERSON propagation across a session's texts).
    pub(crate) fn scan_seeded(&self, text: &str, seeds: Option<&Seeds>, out: &mut Vec<Finding>) {
        out.clear();
        let inner = &*self.inner;
        // The digit-run index is rebuilt per text in a per-thread buffer, so that
        // scanning many small documents does not allocate for it each time.
        thread_local! {
            static RUNS: std::cell::Cell<Vec<(usize, usize)>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut scan = Scan::new(text, RUNS.with(|r| r.take()));
        scan.seeds = seeds;
        for d in &inner.detectors {
            d.detect(&scan, out);
        }
        let mut runs = scan.into_buffer();
        if runs.capacity() <= 1 << 20 {
            runs.clear();
            RUNS.with(|r| r.set(runs));
        }
        inner.deny.detect(text, out);
        for p in &inner.custom {
            p.detect(text, out);
        }
        out.retain(|f| {
            inner.kinds.contains(f.kind)
                && f.confidence >= inner.min_confidence
                && f.span.start < f.span.end
                && f.span.end <= text.len()
        });
        inner.allow.filter(text, out);
        // Empty spans were dropped just above.
        crate::resolve::resolve_nonempty(out);
    }

    /// Checks size and UTF-8, then scans.
    ///
    /// # Errors
    ///
    /// Invalid UTF-8 (with the byte offset) or input over the maximum size.
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// assert_eq!(engine.scan_bytes(b"ok \xff").unwrap_err().utf8_offset(), Some(3));
    /// ```
    pub fn scan_bytes(&self, bytes: &[u8]) -> Result<Vec<Finding>, Error> {
        Ok(self.scan(self.check_input(bytes)?))
    }

    /// Checks an input against the size limit and UTF-8, returning it as text.
    ///
    /// # Errors
    ///
    /// As [`Engine::scan_bytes`].
    pub fn check_input<'a>(&self, bytes: &'a [u8]) -> Result<&'a str, Error> {
        if bytes.len() > self.inner.max_input {
            return Err(Error::too_large(bytes.len(), self.inner.max_input));
        }
        crate::validate_utf8(bytes)
    }

    /// True when `kind` is detected by this engine.
    pub fn is_enabled(&self, kind: Kind) -> bool {
        self.inner.kinds.contains(kind)
    }

    /// The operator configured for `kind`.
    pub fn operator(&self, kind: Kind) -> Operator {
        self.inner.operators[kind.index()]
    }

    /// Findings below this confidence are marked for human review.
    pub fn review_below(&self) -> u16 {
        self.inner.review_below
    }

    /// The maximum input size of the checked entry points.
    pub fn max_input_len(&self) -> usize {
        self.inner.max_input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn assert_traits<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    const _: () = assert_traits::<Engine>();

    #[test]
    fn bad_pattern_is_an_error() {
        let e = Engine::builder()
            .pattern("x", Kind::Nir, "(", 10)
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("custom pattern"));
    }

    #[test]
    fn size_limit() {
        let e = Engine::builder().max_input_len(3).build().unwrap();
        assert!(e.scan_bytes(b"abcd").unwrap_err().is_too_large());
        assert!(e.scan_bytes(b"abc").unwrap().is_empty());
    }

    #[test]
    fn builder_debug_shows_no_list_word() {
        let b = Engine::builder()
            .deny(Kind::Person, ["Zorglub"])
            .allow(["service@caf.fr"]);
        let d = format!("{b:?}");
        assert!(d.contains("deny: 1") && d.contains("allow: 1"), "{d}");
        assert!(!d.contains("Zorglub") && !d.contains("caf.fr"), "{d}");
    }

    #[test]
    fn allow_deny_custom() {
        let e = Engine::builder()
            .deny(Kind::Person, ["Zorglub"])
            .allow(["service@caf.fr"])
            .pattern("ref", Kind::TaxId, "REF-[0-9]+", 400)
            .build()
            .unwrap();
        let text = "ZORGLUB écrit à service@caf.fr et x@y.fr, REF-42";
        let got: Vec<(Kind, &str, &str)> = e
            .scan(text)
            .iter()
            .map(|f| (f.kind, &text[f.span.range()], f.detector))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::Person, "ZORGLUB", "deny-list"),
                (Kind::Email, "x@y.fr", "email"),
                (Kind::TaxId, "REF-42", "custom:ref")
            ]
        );
    }
}
