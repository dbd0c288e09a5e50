//! `caviard scan`: findings as JSON, or JSON lines in and out.

use crate::input::{self, Doc, Lines, Segmenter};
use crate::{CliError, EngineArgs};
use caviard::{Engine, Finding};
use std::io::Write;
use std::path::PathBuf;

/// Options of `caviard scan`.
#[derive(clap::Args, Debug)]
pub(crate) struct ScanArgs {
    /// Input file (default: stdin).
    file: Option<PathBuf>,
    /// Input is JSON lines `{"id": ..., "text": ...}`; output one line per input line,
    /// `{"id": ..., "entities": [...]}`, with UTF-8 byte offsets into `text`.
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: report bad lines on stderr and in the output
    /// (`{"id": ..., "error": ...}`) and go on, instead of stopping.
    #[arg(long, requires = "jsonl")]
    skip_invalid: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// One entity of the JSON output (DESIGN.md §4; field order kept for readability).
#[derive(serde::Serialize)]
pub(crate) struct Entity {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
    score: f64,
    detector: &'static str,
    reason: &'static str,
}

/// The entity for a finding, its offsets shifted by `base`.
pub(crate) fn entity_json(f: &Finding, base: usize) -> Entity {
    Entity {
        kind: f.kind.name(),
        start: f.span.start + base,
        end: f.span.end + base,
        score: f64::from(f.confidence) / 1000.0,
        detector: f.detector,
        reason: f.reason.as_str(),
    }
}

#[derive(serde::Serialize)]
struct DocOut<'a> {
    id: &'a serde_json::Value,
    entities: Vec<Entity>,
}

pub(crate) fn run(args: &ScanArgs) -> Result<(), CliError> {
    let engine = args.engine.builder()?.build()?;
    let threads = args.engine.threads();
    let reader = input::open(args.file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let bar = input::progress(args.file.as_deref());
    let res = if args.jsonl {
        scan_jsonl(&engine, reader, threads, args.skip_invalid, &bar, &mut out)
    } else {
        scan_text(
            &engine,
            reader,
            (threads, args.engine.max_input()),
            &bar,
            &mut out,
        )
    };
    bar.finish_and_clear();
    let flushed = out.flush().map_err(CliError::output);
    res.and(flushed)
}

fn scan_text(
    engine: &Engine,
    reader: Box<dyn std::io::Read + Send>,
    (threads, max_input): (usize, Option<usize>),
    bar: &indicatif::ProgressBar,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut seg = Segmenter::new(reader).with_limit(max_input);
    out.write_all(b"{\"entities\":[")
        .map_err(CliError::output)?;
    let mut first = true;
    let mut counts = [0usize; caviard::Kind::ALL.len()];
    let mut total = 0usize;
    let result = input::pipeline(
        threads,
        || seg.next_segment(),
        |s: &input::Segment| engine.scan(&s.text),
        |s, findings| {
            for f in &findings {
                if !first {
                    out.write_all(b",").map_err(CliError::output)?;
                }
                first = false;
                counts[f.kind as usize] += 1;
                serde_json::to_writer(&mut *out, &entity_json(f, s.offset))
                    .map_err(|e| CliError::output(e.into()))?;
            }
            total = s.offset + s.text.len();
            bar.set_position(total as u64);
            Ok(())
        },
    );
    let counts: serde_json::Map<String, serde_json::Value> = caviard::Kind::ALL
        .iter()
        .filter(|k| counts[**k as usize] > 0)
        .map(|k| (k.name().to_owned(), counts[*k as usize].into()))
        .collect();
    // The output stays valid JSON even when the input fails half-way.
    write!(
        out,
        "],\"counts\":{},\"bytes\":{total}",
        serde_json::Value::Object(counts)
    )
    .map_err(CliError::output)?;
    if let Err(e) = &result {
        write!(out, ",\"error\":{}", serde_json::Value::from(e.message()))
            .map_err(CliError::output)?;
    }
    out.write_all(b"}\n").map_err(CliError::output)?;
    result
}

fn scan_jsonl(
    engine: &Engine,
    reader: Box<dyn std::io::Read + Send>,
    threads: usize,
    skip_invalid: bool,
    bar: &indicatif::ProgressBar,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut lines = Lines::new(reader);
    let position = lines.progress();
    input::pipeline(
        threads,
        || lines.next_batch(),
        |batch: &Vec<input::Line>| {
            batch
                .iter()
                .map(|line| scan_line(engine, line))
                .collect::<Vec<_>>()
        },
        |batch, results| {
            for (line, r) in batch.iter().zip(results) {
                match r {
                    None => {}
                    Some(Ok(bytes)) => out.write_all(&bytes).map_err(CliError::output)?,
                    Some(Err(msg)) if skip_invalid => {
                        eprintln!("caviard: skipped {msg}");
                        let v = serde_json::json!({"id": error_id(line), "error": msg, "line": line.no});
                        serde_json::to_writer(&mut *out, &v)
                            .map_err(|e| CliError::output(e.into()))?;
                        out.write_all(b"\n").map_err(CliError::output)?;
                    }
                    Some(Err(msg)) => return Err(CliError::input(msg)),
                }
            }
            bar.set_position(position.load(std::sync::atomic::Ordering::Relaxed));
            Ok(())
        },
    )
}

/// The output line for one input line (`None` for a blank line), or what is wrong
/// with it.
fn scan_line(engine: &Engine, line: &input::Line) -> Option<Result<Vec<u8>, String>> {
    if input::is_blank(line) {
        return None;
    }
    Some(input::parse_doc(line).and_then(|Doc { id, text }| {
        if text.len() > engine.max_input_len() {
            return Err(format!(
                "line {}: text of {} bytes is larger than the maximum of {} bytes",
                line.no,
                text.len(),
                engine.max_input_len()
            ));
        }
        let entities = engine
            .scan(&text)
            .iter()
            .map(|f| entity_json(f, 0))
            .collect();
        let mut v = serde_json::to_vec(&DocOut { id: &id, entities })
            .map_err(|e| format!("line {}: {e}", line.no))?;
        v.push(b'\n');
        Ok(v)
    }))
}

/// The id of a bad line, when it can still be read.
fn error_id(line: &input::Line) -> serde_json::Value {
    std::str::from_utf8(&line.bytes)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|mut v| v.as_object_mut().and_then(|o| o.remove("id")))
        .unwrap_or(serde_json::Value::Null)
}
