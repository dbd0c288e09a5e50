//! Reading input: files or stdin, cut into segments for bounded memory, and JSON lines.

use crate::CliError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A segment is cut at the first blank line found at or after this many bytes…
pub(crate) const SEGMENT_TARGET: usize = 1 << 20;
/// …or, failing that, at the first line break after the target, or at this size.
pub(crate) const SEGMENT_MAX: usize = 8 << 20;

/// Opens FILE, or stdin when absent or `-`.
pub(crate) fn open(file: Option<&Path>) -> Result<Box<dyn Read + Send>, CliError> {
    match file {
        None => Ok(Box::new(std::io::stdin())),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(std::io::stdin())),
        Some(p) => std::fs::File::open(p)
            .map(|f| Box::new(f) as Box<dyn Read + Send>)
            .map_err(|e| CliError::input(format!("{}: {e}", p.display()))),
    }
}

/// The size of FILE when known (for the progress bar).
pub(crate) fn size_hint(file: Option<&Path>) -> Option<u64> {
    let p = file.filter(|p| p.as_os_str() != "-")?;
    std::fs::metadata(p).ok().map(|m| m.len())
}

/// One segment of the input: its text and its byte offset in the whole input.
pub(crate) struct Segment {
    pub(crate) offset: usize,
    pub(crate) text: String,
}

/// Cuts a byte stream into UTF-8 segments at positions that depend only on the text
/// (never on read sizes), so results do not depend on buffering or thread count.
pub(crate) struct Segmenter {
    reader: Box<dyn Read + Send>,
    buf: Vec<u8>,
    offset: usize,
    eof: bool,
    /// The largest input accepted (`--max-input`), if any.
    max: Option<usize>,
}

impl Segmenter {
    pub(crate) fn new(reader: Box<dyn Read + Send>) -> Segmenter {
        Segmenter {
            reader,
            buf: Vec::with_capacity(SEGMENT_MAX + 64 * 1024),
            offset: 0,
            eof: false,
            max: None,
        }
    }

    /// Fails with an input error once more than `max` bytes have been read.
    pub(crate) fn with_limit(mut self, max: Option<usize>) -> Segmenter {
        self.max = max;
        self
    }

    fn fill(&mut self, want: usize) -> Result<(), CliError> {
        let mut chunk = [0u8; 64 * 1024];
        while !self.eof && self.buf.len() < want {
            match self.reader.read(&mut chunk) {
                Ok(0) => self.eof = true,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(CliError::input(format!("reading input: {e}"))),
            }
        }
        Ok(())
    }

    /// Where to cut the buffered bytes. `fill` buffered `SEGMENT_MAX` bytes or the
    /// whole rest of the input, so the rule below sees the same bytes whatever the
    /// read sizes: first blank line after the target, else first line break after
    /// it, else the maximum (on a character boundary).
    fn cut_point(&self) -> usize {
        let b = &self.buf;
        if b.len() <= SEGMENT_TARGET {
            return b.len();
        }
        let limit = b.len().min(SEGMENT_MAX);
        let from = SEGMENT_TARGET;
        if let Some(p) = memchr::memmem::find(&b[from..limit], b"\n\n") {
            return from + p + 2;
        }
        if let Some(p) = memchr::memchr(b'\n', &b[from..limit]) {
            return from + p + 1;
        }
        if self.eof && limit == b.len() {
            return limit;
        }
        // No line break at all (one huge line): cut after a space that has a letter
        // on each side, so that no value (an e-mail, a name, a number written with
        // spaces) straddles the cut; failing that, after any space; failing that, on
        // a character boundary.
        let window = &b[from..limit];
        let letter = |c: u8| c.is_ascii_alphabetic() || c >= 0x80;
        let mut any_space = None;
        for p in memchr::memrchr_iter(b' ', window) {
            let at = from + p;
            any_space.get_or_insert(at + 1);
            if at > 0 && letter(b[at - 1]) && b.get(at + 1).is_some_and(|&c| letter(c)) {
                // Not inside a "word word" that could be a name: need the previous
                // word to end in lower case, the next to start in lower case.
                if b[at - 1].is_ascii_lowercase() && b[at + 1].is_ascii_lowercase() {
                    return at + 1;
                }
            }
            if limit - at > 1 << 16 {
                break;
            }
        }
        if let Some(p) = any_space {
            return p;
        }
        let mut p = limit;
        while p > from && (b[p] & 0xC0) == 0x80 {
            p -= 1;
        }
        p
    }

    /// The next segment, or `None` at the end of the input.
    pub(crate) fn next_segment(&mut self) -> Result<Option<Segment>, CliError> {
        // Buffer only as far as the rule needs: usually a blank line comes soon after
        // the target, and the bytes after the cut (copied to the next buffer) are few.
        // Only when there is none are `SEGMENT_MAX` bytes buffered, so the cut is the
        // same as with the whole input in memory.
        self.fill(SEGMENT_TARGET + 1)?;
        let mut searched = SEGMENT_TARGET;
        loop {
            let end = self.buf.len().min(SEGMENT_MAX);
            if end > searched
                && memchr::memmem::find(
                    &self.buf[searched.saturating_sub(1).max(SEGMENT_TARGET)..end],
                    b"\n\n",
                )
                .is_some()
            {
                break;
            }
            if self.eof || self.buf.len() >= SEGMENT_MAX {
                break;
            }
            searched = end.max(SEGMENT_TARGET);
            let want = (self.buf.len() + (256 << 10)).min(SEGMENT_MAX);
            self.fill(want)?;
        }
        if let Some(max) = self.max {
            if self.offset + self.buf.len() > max {
                return Err(CliError::input(format!(
                    "input larger than the maximum of {max} bytes (--max-input)"
                )));
            }
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let cut = self.cut_point();
        let rest = self.buf.split_off(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let offset = self.offset;
        self.offset += bytes.len();
        let text = String::from_utf8(bytes).map_err(|e| {
            CliError::input(format!(
                "invalid UTF-8 at byte {}",
                offset + e.utf8_error().valid_up_to()
            ))
        })?;
        Ok(Some(Segment { offset, text }))
    }
}

/// Reads JSON lines, keeping line numbers, without loading the whole input.
pub(crate) struct Lines {
    reader: BufReader<Box<dyn Read + Send>>,
    line_no: usize,
    bytes: u64,
    /// Bytes consumed so far, readable from another thread (progress bar).
    progress: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// One input line of a JSONL file.
pub(crate) struct Line {
    /// 1-based line number.
    pub(crate) no: usize,
    pub(crate) bytes: Vec<u8>,
}

impl Lines {
    pub(crate) fn new(reader: Box<dyn Read + Send>) -> Lines {
        Lines {
            reader: BufReader::with_capacity(1 << 20, reader),
            line_no: 0,
            bytes: 0,
            progress: Default::default(),
        }
    }

    /// Reads up to `max_lines` lines or about `max_bytes` bytes.
    pub(crate) fn batch(
        &mut self,
        max_lines: usize,
        max_bytes: usize,
    ) -> Result<Vec<Line>, CliError> {
        let mut out = Vec::new();
        let mut size = 0;
        while out.len() < max_lines && size < max_bytes {
            let mut bytes = Vec::new();
            let n = self.reader.read_until(b'\n', &mut bytes).map_err(|e| {
                CliError::input(format!("reading input after line {}: {e}", self.line_no))
            })?;
            if n == 0 {
                break;
            }
            self.line_no += 1;
            self.bytes += n as u64;
            size += n;
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
            }
            out.push(Line {
                no: self.line_no,
                bytes,
            });
        }
        Ok(out)
    }

    /// The next work item of a JSONL pipeline: a small batch of lines (one task per
    /// worker at a time), `None` at the end of the input.
    pub(crate) fn next_batch(&mut self) -> Result<Option<Vec<Line>>, CliError> {
        let batch = self.batch(64, 1 << 20)?;
        self.progress
            .store(self.bytes, std::sync::atomic::Ordering::Relaxed);
        Ok((!batch.is_empty()).then_some(batch))
    }

    /// A handle on the number of bytes consumed, for a progress bar on another
    /// thread.
    pub(crate) fn progress(&self) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        self.progress.clone()
    }
}

/// A parsed JSONL document: its id (any JSON value) and its text.
pub(crate) struct Doc {
    pub(crate) id: serde_json::Value,
    pub(crate) text: String,
}

/// Parses one JSONL line into a document, or says what is wrong with it (never
/// quoting the line's content).
pub(crate) fn parse_doc(line: &Line) -> Result<Doc, String> {
    let text = std::str::from_utf8(&line.bytes).map_err(|e| {
        format!(
            "line {}: invalid UTF-8 at byte {} of the line",
            line.no,
            e.valid_up_to()
        )
    })?;
    let mut v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "line {}: not valid JSON (column {}: {})",
            line.no,
            e.column(),
            e.classify_name()
        )
    })?;
    let obj = v
        .as_object_mut()
        .ok_or_else(|| format!("line {}: not a JSON object", line.no))?;
    let id = obj.remove("id").unwrap_or(serde_json::Value::Null);
    match obj.remove("text") {
        Some(serde_json::Value::String(text)) => Ok(Doc { id, text }),
        Some(_) => Err(format!("line {}: \"text\" is not a string", line.no)),
        None => Err(format!("line {}: no \"text\" field", line.no)),
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "unexpected data",
            serde_json::error::Category::Eof => "unexpected end of line",
        }
    }
}

/// True when a line is only white space (skipped in JSONL input).
pub(crate) fn is_blank(line: &Line) -> bool {
    line.bytes.iter().all(u8::is_ascii_whitespace)
}

/// Inputs at least this large get a progress bar (when stderr is a terminal).
pub(crate) const PROGRESS_MIN_BYTES: u64 = 32 << 20;

/// A progress bar on stderr for large inputs read from a file, when stderr is a
/// terminal; a hidden bar otherwise.
pub(crate) fn progress(file: Option<&Path>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    match size_hint(file) {
        Some(len) if len >= PROGRESS_MIN_BYTES && std::io::stderr().is_terminal() => {
            let bar = indicatif::ProgressBar::new(len);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        }
        _ => indicatif::ProgressBar::hidden(),
    }
}

/// Runs a three-stage pipeline with bounded memory: `produce` (on its own thread)
/// yields work items in order, `threads` workers map them with `work`, and `sink`
/// (on the calling thread) receives the results **in input order**. At most about
/// `2 × threads` items are in flight. The first error, from `produce` or `sink`, stops
/// the pipeline; results before it have been given to `sink`.
pub(crate) fn pipeline<T, R, P, W, S>(
    threads: usize,
    mut produce: P,
    work: W,
    mut sink: S,
) -> Result<(), CliError>
where
    T: Send,
    R: Send,
    P: FnMut() -> Result<Option<T>, CliError> + Send,
    W: Fn(&T) -> R + Sync,
    S: FnMut(T, R) -> Result<(), CliError>,
{
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, mpsc};

    let threads = threads.max(1);
    if threads == 1 {
        while let Some(item) = produce()? {
            let r = work(&item);
            sink(item, r)?;
        }
        return Ok(());
    }
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, T)>(threads);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, T, R)>(threads);
    std::thread::scope(|s| {
        let stop = &stop;
        let producer = s.spawn(move || -> Result<(), CliError> {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                match produce()? {
                    Some(item) => {
                        if work_tx.send((i, item)).is_err() {
                            break;
                        }
                        i += 1;
                    }
                    None => break,
                }
            }
            Ok(())
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            let work = &work;
            s.spawn(move || {
                loop {
                    let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, item)) = next else { break };
                    let r = work(&item);
                    if done_tx.send((i, item, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut result = Ok(());
        for (i, item, r) in done_rx.iter() {
            if result.is_err() {
                continue; // drain so that workers and the producer can finish
            }
            pending.insert(i, (item, r));
            while let Some((item, r)) = pending.remove(&next) {
                next += 1;
                if let Err(e) = sink(item, r) {
                    stop.store(true, Ordering::Relaxed);
                    result = Err(e);
                    break;
                }
            }
        }
        let produced = producer
            .join()
            .unwrap_or_else(|_| Err(CliError::input("reader thread failed")));
        result.and(produced)
    })
}
