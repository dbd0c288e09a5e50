//! Pseudonymisation sessions: operators, restore, vault, report and streaming.
//!
//! # Design
//!
//! A [`Session`] keeps a mapping of **entities** (one real value: a person, a NIR…),
//! numbered per kind in order of appearance, each with the exact **surface forms**
//! seen ("Jean DUPONT", "M. Dupont", "DUPONT" are forms of one person; a NIR written
//! with or without spaces, a phone number in `+33` or `06` form, an e-mail in any
//! case are forms of one value).
//!
//! * **Tags** carry the entity number and, when a form differs from the first one
//!   seen, a variant number: `[PERSONNE_1]` for "Jean DUPONT", `[PERSONNE_1_2]` for
//!   "M. Dupont". A model sees that both are the same person; restore puts back the
//!   exact spelling. A model writing `[PERSONNE_1]` where it meant the second form
//!   gets the first form back.
//! * **Text that already looks like a pseudonym** (a literal `[EMAIL_1]` or
//!   `PERSONNE_2` typed by a user, or a surrogate of an earlier call) is itself
//!   protected: it is given a tag of its own and comes back unchanged. Protection
//!   matches loosely (ignoring word boundaries) and restore strictly, so restore can
//!   never see a pseudonym that pseudonymise did not write.
//! * `restore(pseudonymise(x)) == x` for every `x` when every kind uses `tag`, `hash`
//!   or `surrogate`: after rendering, a session checks the round trip whenever a
//!   non-tag pseudonym is involved and, should a surrogate or hash collide with the
//!   surrounding text, renders that text with tags instead. `mask` and `redact` lose
//!   the value by design: restore leaves them as they are.
//!
//! | operator | output | restore |
//! | --- | --- | --- |
//! | `tag` | `[PERSONNE_1]`, `[NIR_2]`, variant `[PERSONNE_1_2]` | exact; tolerates `[personne_1]`, `PERSONNE_1`, `[Personne 1]`, `Personne_1` |
//! | `hash` | `[NIR:3f9a1c2b7e]` (HMAC-SHA-256, hash subkey) | exact; any case |
//! | `surrogate` | a fake of the same kind and shape, passing its checksum | exact; any ASCII case, whole words |
//! | `mask` | `06 •• •• •• 78`, `j•••@•••.fr` | none (left as is) |
//! | `redact` | `[EMAIL]` | none (left as is) |
//!
//! Surrogates keep the written shape (spaces, dots, case, civility) and pass the
//! kind's checksum (NIR key with coherent sex and month, IBAN mod 97 in the same
//! country, Luhn for cards, SIREN and SIRET); a phone keeps its type (06, 01…), an
//! e-mail its webmail domain (others become `exemple.fr`), an address is set in a
//! real commune. A surrogate never equals a value seen in the session, nor another
//! entity's pseudonym; a person surrogate never uses a surname already met in the
//! session's input, and its surname alone maps back too ("M. Roussel" → "M. Dupont").
//!
//! Restore looks up the exact spelling first, then the ASCII-case-folded one, with
//! word boundaries for surrogates; streaming ([`Restorer`]) holds back only what
//! could still be the start of a pseudonym, and its output equals the whole-text
//! restore. [`Pseudonymiser`] cuts the input at blank lines: its output does not
//! depend on the chunking and equals pseudonymising paragraph by paragraph, which is
//! the whole-text result unless detection in one paragraph depends on another
//! (detection reads a whole document; see [`Pseudonymiser`]).
//!
//! Keys: the caller's key (≥ 16 bytes) goes through HKDF-SHA256 into four subkeys
//! (hash, surrogate, vault, report fingerprint). Tag numbering is not keyed. The
//! subkeys and the mapping are zeroised on drop; `Debug` prints counts only.
//!
//! Vault: `CAVIARDV` · version byte · 12-byte random nonce · ChaCha20-Poly1305 of the
//! mapping (entities, spellings, pseudonyms) under the vault subkey, the 9-byte
//! header authenticated as associated data. A wrong key, a modified or truncated
//! vault is an [`Error`](crate::Error) for which `is_vault()` is true, and nothing is
//! loaded. (The words met in past input are not stored: a session re-created from a
//! vault may pick other surrogates for new values than the original would have.)

mod keys;
mod mapping;
mod operators;
mod report;
mod restore;
mod stream;
pub(crate) mod tags;
mod vault;
pub(crate) use mapping::wipe_buffer;

pub use report::{Report, ReportEntry};
pub use restore::Restorer;
pub use stream::Pseudonymiser;

use crate::{Engine, Error, Finding, Kind, Operator, Span};
use keys::Keys;
use mapping::Mapping;

/// A pseudonymisation session over an [`Engine`]: the same value gets the same
/// pseudonym for the whole session, and [`Session::restore`] puts values back.
///
/// ```
/// let engine = caviard::Engine::new();
/// let mut s = engine.session(&[7u8; 32]).unwrap();
/// let out = s.pseudonymise("Écrire à jean.dupont@example.fr");
/// assert_eq!(out, "Écrire à [EMAIL_1]");
/// assert_eq!(s.restore("J'ai écrit à [email 1]."), "J'ai écrit à jean.dupont@example.fr.");
/// assert_eq!(s.restore(&out), "Écrire à jean.dupont@example.fr");
/// ```
///
/// A session is used by one thread at a time (`Send`); `Debug` shows counts only,
/// never a value or a key.
pub struct Session {
    engine: Engine,
    keys: Keys,
    map: Mapping,
    matcher: restore::PseudoMatcher,
    scratch: Vec<Finding>,
    /// Names found in the session's earlier texts: found again alone in later ones.
    seeds: crate::detect::Seeds,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("entities", &self.map.len())
            .field("forms", &self.map.form_total())
            .finish_non_exhaustive()
    }
}

/// Generates a fresh random 32-byte session key (from the operating system).
///
/// ```
/// let key = caviard::generate_key().unwrap();
/// assert!(caviard::Engine::new().session(&*key).is_ok());
/// ```
///
/// # Errors
///
/// When the operating system has no random source.
pub fn generate_key() -> Result<zeroize::Zeroizing<[u8; 32]>, Error> {
    let mut k = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::getrandom(&mut *k).map_err(|_| Error::key("no random source to generate a key"))?;
    Ok(k)
}

impl Engine {
    /// A new session under `key` (at least 16 bytes of secret material).
    ///
    /// # Errors
    ///
    /// When the key is shorter than 16 bytes.
    pub fn session(&self, key: &[u8]) -> Result<Session, Error> {
        let mut map = Mapping::default();
        map.track_seen = Kind::ALL
            .iter()
            .any(|k| self.operator(*k) == Operator::Surrogate);
        Ok(Session {
            engine: self.clone(),
            keys: Keys::derive(key)?,
            map,
            matcher: restore::PseudoMatcher::default(),
            scratch: Vec::new(),
            seeds: Default::default(),
        })
    }

    /// Re-creates a session from a vault written by [`Session::export_vault`] under
    /// the same key.
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// let mut s = engine.session(&[1u8; 32]).unwrap();
    /// let out = s.pseudonymise("à jean@example.fr");
    /// let vault = s.export_vault().unwrap();
    /// let t = engine.session_from_vault(&[1u8; 32], &vault).unwrap();
    /// assert_eq!(t.restore(&out), "à jean@example.fr");
    /// assert!(engine.session_from_vault(&[2u8; 32], &vault).unwrap_err().is_vault());
    /// ```
    ///
    /// # Errors
    ///
    /// Short key, wrong key, modified or truncated vault, unknown vault version.
    pub fn session_from_vault(&self, key: &[u8], vault: &[u8]) -> Result<Session, Error> {
        let keys = Keys::derive(key)?;
        let map = vault::open(keys.vault(), vault)?;
        let mut s = Session {
            engine: self.clone(),
            keys,
            map,
            matcher: restore::PseudoMatcher::default(),
            scratch: Vec::new(),
            seeds: Default::default(),
        };
        s.matcher.refresh(&s.map);
        // The names of the texts pseudonymised before the vault was written.
        for r in s.map.records() {
            if r.kind == Kind::Person as u32 {
                for (surface, _) in &r.forms {
                    s.seeds.add(surface, 850);
                }
            }
        }
        Ok(s)
    }
}

/// A piece of the input to replace: a finding (possibly widened over tag-like text
/// it overlaps) or protected tag-like text.
#[derive(Clone, Copy)]
struct Group {
    span: Span,
    kind: Kind,
    /// Index of the finding in the caller's list (`None`: protected text).
    finding: Option<u32>,
}

/// The findings that can be replaced, in order, as groups: those in bounds, on
/// character boundaries, not overlapping an earlier one.
#[derive(Clone)]
struct Valid<'a> {
    text: &'a str,
    findings: std::iter::Enumerate<std::slice::Iter<'a, Finding>>,
    last_end: usize,
}

impl<'a> Valid<'a> {
    fn new(text: &'a str, findings: &'a [Finding]) -> Valid<'a> {
        Valid {
            text,
            findings: findings.iter().enumerate(),
            last_end: 0,
        }
    }
}

impl Iterator for Valid<'_> {
    type Item = Group;

    fn next(&mut self) -> Option<Group> {
        for (i, f) in self.findings.by_ref() {
            let s = f.span;
            if s.start < self.last_end
                || s.end > self.text.len()
                || s.start >= s.end
                || !self.text.is_char_boundary(s.start)
                || !self.text.is_char_boundary(s.end)
            {
                continue;
            }
            self.last_end = s.end;
            return Some(Group {
                span: s,
                kind: f.kind,
                finding: Some(i as u32),
            });
        }
        None
    }
}

/// The groups of a call: a list, or the valid findings.
enum Either<'a> {
    List(std::slice::Iter<'a, Group>),
    Valid(Valid<'a>),
}

impl<'a> Either<'a> {
    fn new(groups: &'a Option<Vec<Group>>, text: &'a str, findings: &'a [Finding]) -> Either<'a> {
        match groups {
            Some(g) => Either::List(g.iter()),
            None => Either::Valid(Valid::new(text, findings)),
        }
    }
}

impl Iterator for Either<'_> {
    type Item = Group;

    #[inline]
    fn next(&mut self) -> Option<Group> {
        match self {
            Either::List(l) => l.next().copied(),
            Either::Valid(v) => v.next(),
        }
    }
}

/// What was written for one group (for the report).
pub(crate) struct Applied {
    pub(crate) finding: Finding,
    pub(crate) op: Operator,
    pub(crate) out: Span,
    pub(crate) entity: u32,
}

impl Session {
    /// The engine this session uses.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Number of distinct values (entities) in the mapping.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing has been pseudonymised yet.
    pub fn is_empty(&self) -> bool {
        self.map.len() == 0
    }

    /// Scans `text` with the names of the session's earlier texts.
    fn scan(&mut self, text: &str, findings: &mut Vec<Finding>) {
        self.seeds.flush();
        self.engine.scan_seeded(text, Some(&self.seeds), findings);
    }

    /// Replaces every finding in `text` by its pseudonym.
    ///
    /// The names found in the session's earlier texts count as found in this one:
    /// "M. Yann KEROUREDAN" in one message makes a bare "Kerouredan" in a later
    /// message a finding (a conversation is one document). [`Engine::scan`] on the
    /// later text alone would not report it.
    pub fn pseudonymise(&mut self, text: &str) -> String {
        let mut findings = std::mem::take(&mut self.scratch);
        self.scan(text, &mut findings);
        let out = self.apply(text, &findings, None);
        self.scratch = findings;
        out
    }

    /// Replaces the given findings (from [`Engine::scan`] on the same `text`, sorted
    /// and non-overlapping, as the engine returns them) by their pseudonyms: lets a
    /// caller scan many texts in parallel, then pseudonymise them in order.
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// let text = "à jean@example.fr";
    /// let findings = engine.scan(text);
    /// let mut s = engine.session(&[3u8; 16]).unwrap();
    /// assert_eq!(s.pseudonymise_findings(text, &findings), "à [EMAIL_1]");
    /// ```
    ///
    /// Findings out of bounds, overlapping or not on character boundaries are skipped.
    pub fn pseudonymise_findings(&mut self, text: &str, findings: &[Finding]) -> String {
        self.apply(text, findings, None)
    }

    /// Like [`Session::pseudonymise`], also returning the document's audit report.
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// let mut s = engine.session(&[3u8; 16]).unwrap();
    /// let (out, report) = s.pseudonymise_with_report("à jean@example.fr");
    /// assert_eq!(out, "à [EMAIL_1]");
    /// let json = report.to_json();
    /// assert!(json.contains("\"pseudonym\":\"[EMAIL_1]\"") && !json.contains("jean@"));
    /// ```
    pub fn pseudonymise_with_report(&mut self, text: &str) -> (String, Report) {
        let mut findings = Vec::new();
        self.scan(text, &mut findings);
        self.pseudonymise_findings_with_report(text, &findings)
    }

    /// [`Session::pseudonymise_findings`] with the audit report.
    pub fn pseudonymise_findings_with_report(
        &mut self,
        text: &str,
        findings: &[Finding],
    ) -> (String, Report) {
        let mut applied = Vec::new();
        let out = self.apply(text, findings, Some(&mut applied));
        let report = report::build(self, text, &out, &applied, false);
        (out, report)
    }

    /// Like [`Session::pseudonymise_with_report`], but the report also contains each
    /// value (`"value"`) and the review contexts show it: for a caller that needs them
    /// and keeps the report as secret as the input.
    pub fn pseudonymise_with_report_values(&mut self, text: &str) -> (String, Report) {
        let mut findings = Vec::new();
        self.scan(text, &mut findings);
        let mut applied = Vec::new();
        let out = self.apply(text, &findings, Some(&mut applied));
        let report = report::build(self, text, &out, &applied, true);
        (out, report)
    }

    /// Puts the original values back into `text` (typically a model's answer).
    /// Text without pseudonyms of this session comes back unchanged.
    pub fn restore(&self, text: &str) -> String {
        restore::restore(&self.map, &self.matcher, text)
    }

    /// A streaming restorer for text arriving in chunks (a model's token stream).
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// let mut s = engine.session(&[3u8; 16]).unwrap();
    /// s.pseudonymise("à jean@example.fr");
    /// let mut r = s.restorer();
    /// let mut out = r.push("Écrire à [EMA");
    /// out += &r.push("IL_1] vite");
    /// out += &r.finish();
    /// assert_eq!(out, "Écrire à jean@example.fr vite");
    /// ```
    pub fn restorer(&self) -> Restorer<'_> {
        Restorer::new(self)
    }

    /// A streaming pseudonymiser: text arriving in chunks is cut at paragraph breaks
    /// (blank lines) and pseudonymised paragraph by paragraph; the output does not
    /// depend on the chunking. It equals [`Session::pseudonymise`] of the whole text
    /// unless a finding depends on another paragraph (a name propagated across a
    /// blank line): for that guarantee, buffer and call `pseudonymise` once.
    ///
    /// ```
    /// let engine = caviard::Engine::new();
    /// let mut s = engine.session(&[3u8; 16]).unwrap();
    /// let mut p = s.pseudonymiser();
    /// let mut out = p.push("Écrire à jean@exa");
    /// out += &p.push("mple.fr.\n\nPuis à jean@example.fr");
    /// out += &p.finish();
    /// assert_eq!(out, "Écrire à [EMAIL_1].\n\nPuis à [EMAIL_1]");
    /// ```
    pub fn pseudonymiser(&mut self) -> Pseudonymiser<'_> {
        Pseudonymiser::new(self)
    }

    /// Exports the session's mapping as an encrypted, authenticated vault
    /// (ChaCha20-Poly1305 under the vault subkey; versioned header authenticated).
    ///
    /// # Errors
    ///
    /// When the operating system has no random source for the nonce.
    pub fn export_vault(&self) -> Result<Vec<u8>, Error> {
        vault::seal(self.keys.vault(), &self.map)
    }

    fn render(
        &mut self,
        text: &str,
        g: &Group,
        tags_only: bool,
        out: &mut String,
    ) -> (u32, Operator) {
        let value = &text[g.span.range()];
        let literal = g.finding.is_none();
        let (e, v, new) = self.map.intern(g.kind, value, literal);
        let op = if literal || tags_only {
            Operator::Tag
        } else {
            self.engine.operator(g.kind)
        };
        let number = self.map.number(e);
        match op {
            Operator::Mask => out.push_str(&operators::mask(g.kind, value)),
            Operator::Redact => out.push_str(&operators::redact(g.kind)),
            Operator::Hash | Operator::Surrogate => {
                if new || self.map.pseudonym(e, v).is_empty() {
                    let p = if op == Operator::Hash {
                        operators::hash(self.keys.hash(), g.kind, self.map.norm(e), v)
                    } else {
                        self.fresh_surrogate(g.kind, e, v, value)
                    };
                    self.map.set_pseudonym(e, v, p);
                    if op == Operator::Surrogate && g.kind == Kind::Person {
                        self.alias_surname(e, v, value);
                    }
                }
                out.push_str(self.map.pseudonym(e, v));
            }
            _ => tags::render(g.kind, number, v, out),
        }
        (e, op)
    }

    /// For a person surrogate "Julien Roussel" of "Jean Dupont", also maps the surname
    /// alone ("Roussel" → "Dupont"), as if "Dupont" had been seen: a model answering
    /// "Monsieur Roussel" gets "Monsieur Dupont" back.
    fn alias_surname(&mut self, e: u32, v: u32, surface: &str) {
        let p = self.map.pseudonym(e, v).to_owned();
        let ow: Vec<&str> = surface.split_whitespace().collect();
        let pw: Vec<&str> = p.split_whitespace().collect();
        if ow.len() < 2 || ow.len() != pw.len() {
            return;
        }
        let (o_last, s_last) = (ow[ow.len() - 1], pw[pw.len() - 1]);
        if o_last.chars().count() < 2
            || !s_last.chars().all(char::is_alphabetic)
            || self.map.lookup(Kind::Person, o_last) != Some(e)
            || self
                .map
                .pseudos_folded
                .contains_key(&s_last.to_ascii_lowercase())
            || self.map.seen_folded.contains(&s_last.to_lowercase())
            || self.map.word_seen(s_last)
        {
            return;
        }
        let (e2, v2, _) = self.map.intern(Kind::Person, o_last, false);
        if e2 == e && self.map.pseudonym(e2, v2).is_empty() {
            self.map.set_pseudonym(e2, v2, s_last.to_owned());
        }
    }

    /// A surrogate that equals no value seen and no other pseudonym.
    fn fresh_surrogate(&self, kind: Kind, e: u32, v: u32, surface: &str) -> String {
        let norm = self.map.norm(e);
        let mut last = String::new();
        for attempt in 0..64 {
            let s = operators::surrogate(self.keys.surrogate(), kind, norm, surface, attempt);
            // Case variants of one entity may share a folded pseudonym (restore looks
            // the exact spelling up first); other entities may not.
            let other = self
                .map
                .pseudos_folded
                .get(&s.to_ascii_lowercase())
                .is_some_and(|&(o, _)| o != e);
            // A person surrogate's surname was never met in the text.
            // No word of it is another entity's pseudonym either: "M. Giraud" must not
            // take over an earlier output's "M. " + surrogate "Giraud".
            let met = kind == Kind::Person
                && (s
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| self.map.word_seen(w))
                    || s.split_whitespace().any(|w| {
                        self.map
                            .pseudos_folded
                            .get(&w.to_ascii_lowercase())
                            .is_some_and(|&(o, _)| o != e)
                    }));
            // An e-mail surrogate's name part uses no word of the text either
            // ("josyane.bihan@" for the "jlebihan@" of a Le Bihan).
            let met = met
                || (kind == Kind::Email
                    && s.split('@')
                        .next()
                        .unwrap_or("")
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .any(|w| w.len() >= 3 && self.map.word_seen(w)));
            // Nor does it contain the value ("Lapierre" for "Pierre").
            let contains = surface.len() >= 3 && s.to_lowercase().contains(&surface.to_lowercase());
            if !s.is_empty()
                && !other
                && !met
                && !contains
                && !self.map.pseudos.contains_key(&s)
                && !self.map.seen_folded.contains(&s.to_lowercase())
            {
                return s;
            }
            last = s;
        }
        // Rare: fall back to a hash, unique per entity and spelling.
        let _ = last;
        operators::hash(self.keys.hash(), kind, norm, v)
    }

    /// Protected spans + findings → groups, sorted, non-overlapping; `None` when
    /// there is no protected span: the groups are then [`Valid`] findings, and no
    /// list is built.
    fn groups(&self, text: &str, findings: &[Finding]) -> Option<Vec<Group>> {
        let mut lits = Vec::new();
        if self.matcher.is_empty() {
            // Protection does not read the findings then.
            restore::protected(&self.map, &self.matcher, text, &[], &mut lits);
            if lits.is_empty() {
                return None;
            }
        }
        let mut items: Vec<Group> = Vec::with_capacity(findings.len());
        items.extend(Valid::new(text, findings));
        if !self.matcher.is_empty() {
            restore::protected(&self.map, &self.matcher, text, &items, &mut lits);
            if lits.is_empty() {
                return Some(items);
            }
        }
        items.extend(lits);
        items.sort_by_key(|g| (g.span.start, g.finding.is_none()));
        // Merge overlapping groups; a finding wins the kind.
        let mut merged: Vec<Group> = Vec::with_capacity(items.len());
        for g in items {
            match merged.last_mut() {
                Some(m) if g.span.start < m.span.end => {
                    m.span.end = m.span.end.max(g.span.end);
                    if m.finding.is_none() && g.finding.is_some() {
                        m.finding = g.finding;
                        m.kind = g.kind;
                    }
                }
                _ => merged.push(g),
            }
        }
        Some(merged)
    }

    /// Writes `text` into `out` with every group replaced by its pseudonym (tags only
    /// when `tags_only`), recording what was applied when `record` (the findings the
    /// groups index) is given. Returns whether an operator other than `tag` was used.
    fn render_all(
        &mut self,
        text: &str,
        groups: impl Iterator<Item = Group>,
        tags_only: bool,
        record: Option<&[Finding]>,
        out: &mut String,
        rec: &mut Vec<Applied>,
    ) -> bool {
        let mut non_tag = false;
        let mut last = 0;
        if record.is_none()
            && (tags_only
                || Kind::ALL
                    .iter()
                    .all(|&k| self.engine.operator(k) == Operator::Tag))
        {
            // Tags only, nothing recorded (the common case): no operator to choose
            // per group.
            for g in groups {
                out.push_str(&text[last..g.span.start]);
                let value = &text[g.span.range()];
                let (e, v, _) = self.map.intern(g.kind, value, g.finding.is_none());
                tags::render(g.kind, self.map.number(e), v, out);
                last = g.span.end;
            }
            out.push_str(&text[last..]);
            return false;
        }
        for g in groups {
            out.push_str(&text[last..g.span.start]);
            let o = out.len();
            let (e, op) = self.render(text, &g, tags_only, out);
            non_tag |= op != Operator::Tag;
            if let (Some(findings), Some(i)) = (record, g.finding) {
                let mut f = findings[i as usize];
                f.span = g.span;
                rec.push(Applied {
                    finding: f,
                    op,
                    out: Span {
                        start: o,
                        end: out.len(),
                    },
                    entity: e,
                });
            }
            last = g.span.end;
        }
        out.push_str(&text[last..]);
        non_tag
    }

    fn apply(
        &mut self,
        text: &str,
        findings: &[Finding],
        applied: Option<&mut Vec<Applied>>,
    ) -> String {
        if self.map.track_seen {
            self.map.see_words(text);
        }
        for f in findings {
            if f.kind == Kind::Person {
                if let Some(name) = text.get(f.span.range()) {
                    self.seeds.add(name, f.confidence);
                }
            }
        }
        let groups = self.groups(text, findings);
        let each = |groups| Either::new(groups, text, findings);
        // Room for every group (the findings, when there is no list: an upper bound).
        let n = groups.as_ref().map_or(findings.len(), Vec::len);
        match &groups {
            Some(g) => self
                .map
                .reserve(g.iter().map(|g| (g.kind, g.span.end - g.span.start))),
            None => self.map.reserve(findings.iter().map(|f| {
                let end = f.span.end.min(text.len());
                (f.kind, end.saturating_sub(f.span.start))
            })),
        }
        let mut out = String::with_capacity(text.len() + 16 * n);
        let mut rec = Vec::new();
        let record = applied.is_some().then_some(findings);
        let non_tag = self.render_all(text, each(&groups), false, record, &mut out, &mut rec);
        if non_tag || !self.map.pseudos.is_empty() {
            self.matcher.refresh(&self.map);
            let all_restorable = each(&groups)
                .all(|g| g.finding.is_none() || mapping::restorable(self.engine.operator(g.kind)));
            if all_restorable && self.restore(&out) != text {
                // A surrogate or hash collided with the text around it: tags only,
                // protecting every pseudonym now known.
                let groups = self.groups(text, findings);
                out.clear();
                rec.clear();
                self.render_all(text, each(&groups), true, record, &mut out, &mut rec);
            }
        }
        if let Some(a) = applied {
            *a = rec;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn assert_send<T: Send>() {}
    const _: () = assert_send::<Session>();

    #[test]
    fn names_of_earlier_texts_are_found_again() {
        let e = Engine::new();
        let later = "Kerouredan a rappelé hier.";
        // Alone, a bare surname is not enough.
        assert!(e.scan(later).is_empty());
        let mut s = e.session(&[1u8; 16]).unwrap();
        assert_eq!(
            s.pseudonymise("Je suis M. Yann KEROUREDAN."),
            "Je suis M. [PERSONNE_1]."
        );
        // The same person, another spelling: the same number, a variant mark.
        assert_eq!(s.pseudonymise(later), "[PERSONNE_1_2] a rappelé hier.");
        assert_eq!(s.restore("[PERSONNE_1_2] a rappelé hier."), later);
        // From a vault, too.
        let vault = s.export_vault().unwrap();
        let mut t = e.session_from_vault(&[1u8; 16], &vault).unwrap();
        assert_eq!(t.pseudonymise(later), "[PERSONNE_1_2] a rappelé hier.");
        // A new session does not know the name.
        let mut u = e.session(&[1u8; 16]).unwrap();
        assert_eq!(u.pseudonymise(later), later);
    }

    #[test]
    fn a_stream_finds_the_names_of_earlier_paragraphs() {
        let e = Engine::new();
        let mut s = e.session(&[1u8; 16]).unwrap();
        let mut p = s.pseudonymiser();
        let mut out = p.push("Objet : dossier de Mme Nadège Kerouredan\n\nMme Kerou");
        out.push_str(&p.push("redan a écrit.\n\nKerouredan attend"));
        out.push_str(&p.finish());
        assert_eq!(
            out,
            "Objet : dossier de Mme [PERSONNE_1]\n\nMme [PERSONNE_1_2] a écrit.\n\n\
             [PERSONNE_1_2] attend"
        );
    }

    #[test]
    fn an_address_written_out_is_the_same_address() {
        let e = Engine::new();
        let mut s = e.session(&[1u8; 16]).unwrap();
        let text = "Écrire à marie.curie@free.fr, ou marie.curie [at] free [dot] fr.";
        let out = s.pseudonymise(text);
        assert_eq!(out, "Écrire à [EMAIL_1], ou [EMAIL_1_2].");
        assert_eq!(s.restore(&out), text);
        // Dictated in a later text of the session: the same pseudonym number.
        let later = "c'est marie point curie arobase free point fr";
        assert_eq!(s.pseudonymise(later), "c'est [EMAIL_1_3]");
    }

    #[test]
    fn email_surrogates_use_no_word_of_the_text() {
        let e = Engine::builder()
            .operator(Kind::Email, Operator::Surrogate)
            .build()
            .unwrap();
        let names = [
            "martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand",
            "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david",
            "bertrand", "roux", "vincent", "fournier", "morel", "girard", "andre", "mercier",
        ];
        // Most of the words the surrogates are made of are in the text.
        let mut text: String = include_str!("../../data/surnames.tsv")
            .lines()
            .skip(1)
            .take(4000)
            .chain(
                include_str!("../../data/firstnames.tsv")
                    .lines()
                    .skip(1)
                    .take(1500),
            )
            .filter_map(|l| l.split('\t').next())
            .collect::<Vec<_>>()
            .join(" ");
        text.push('\n');
        for (k, a) in names.iter().enumerate() {
            let b = names[(k * 7 + 3) % names.len()];
            text.push_str(&format!("Écrire à {a}.{b}@exemple.fr ou {b}{k}@free.fr.\n"));
        }
        let words: std::collections::HashSet<String> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .map(str::to_ascii_lowercase)
            .collect();
        let mut s = e.session(&[9u8; 16]).unwrap();
        let out = s.pseudonymise(&text);
        let mut n = 0;
        for t in out.split([' ', '\n']).filter(|t| t.contains('@')) {
            n += 1;
            for w in t
                .split('@')
                .next()
                .unwrap()
                .split(|c: char| !c.is_ascii_alphabetic())
            {
                assert!(
                    w.len() < 3 || !words.contains(&w.to_ascii_lowercase()),
                    "{w}"
                );
            }
        }
        assert_eq!(n, 2 * names.len());
        assert_eq!(s.restore(&out), text);
    }

    #[test]
    fn debug_shows_counts_only() {
        let e = Engine::builder()
            .deny(Kind::Person, ["Zorglub"])
            .build()
            .unwrap();
        let mut s = e.session(&[1u8; 16]).unwrap();
        s.pseudonymise("Zorglub et z@x.fr");
        let d = format!("{s:?}");
        assert!(
            d.contains("entities: 2") && !d.contains("Zorglub") && !d.contains("z@x"),
            "{d}"
        );
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn findings_out_of_bounds_are_skipped() {
        let e = Engine::new();
        let mut s = e.session(&[1u8; 16]).unwrap();
        let f = e.scan("a@b.fr");
        let text = "é";
        assert_eq!(s.pseudonymise_findings(text, &f), "é");
    }
}
