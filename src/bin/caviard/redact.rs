//! `caviard redact`: pseudonymised text on stdout, optional report and vault.
//!
//! Keys never come from the command line: `--key-file FILE` or the `CAVIARD_KEY`
//! environment variable. `CAVIARD_KEY` holds the key in hex (at least 32 hex digits,
//! i.e. 16 bytes). A key file holds either hex (at least 32 hex digits, surrounding
//! white space ignored) or at least 16 raw bytes. Without a key, `redact` generates a
//! random one, unless a vault is asked for (the vault would be unreadable).

use crate::input::{self, Lines, Segmenter};
use crate::{CliError, EngineArgs};
use caviard::{Engine, Kind, Operator, Report, Session};
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// Options of `caviard redact`.
#[derive(clap::Args, Debug)]
pub(crate) struct RedactArgs {
    /// Input file (default: stdin).
    file: Option<PathBuf>,
    /// Operator for a kind: tag, mask, redact, hash or surrogate (repeatable), e.g.
    /// `--operator PHONE=mask`; `--operator all=surrogate` sets every kind.
    #[arg(long = "operator", value_name = "KIND=OP")]
    operators: Vec<String>,
    /// Write the audit report (JSON, no values) to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Write the mapping, encrypted under the key, to FILE (for `caviard restore`).
    #[arg(long, value_name = "FILE")]
    vault: Option<PathBuf>,
    /// Read the key from FILE (hex, or raw bytes); default: env CAVIARD_KEY.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Input is JSON lines `{"id": ..., "text": ...}`; output the same lines with
    /// `text` pseudonymised (one session for the whole file).
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if s.len() % 2 != 0 || s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// The key from `--key-file` or `CAVIARD_KEY`, if any (exit 2 when malformed).
pub(crate) fn load_key(key_file: Option<&Path>) -> Result<Option<Zeroizing<Vec<u8>>>, CliError> {
    let key = if let Some(p) = key_file {
        let raw = Zeroizing::new(
            std::fs::read(p).map_err(|e| CliError::input(format!("{}: {e}", p.display())))?,
        );
        let hex = std::str::from_utf8(&raw).ok().and_then(decode_hex);
        Zeroizing::new(match hex {
            Some(h) if h.len() >= 16 => h,
            _ => raw.to_vec(),
        })
    } else {
        match std::env::var("CAVIARD_KEY") {
            Ok(v) => {
                let v = Zeroizing::new(v);
                Zeroizing::new(decode_hex(&v).ok_or_else(|| {
                    CliError::input("CAVIARD_KEY must be hexadecimal (at least 32 hex digits)")
                })?)
            }
            Err(_) => return Ok(None),
        }
    };
    if key.len() < 16 {
        return Err(CliError::input(
            "the key is too short: at least 16 bytes (32 hex digits)",
        ));
    }
    Ok(Some(key))
}

fn parse_operator(
    s: &str,
    mut b: caviard::EngineBuilder,
) -> Result<caviard::EngineBuilder, CliError> {
    let (k, o) = s
        .split_once('=')
        .ok_or_else(|| CliError::usage(format!("--operator {s:?}: expected KIND=OP")))?;
    let op: Operator = o
        .trim()
        .parse()
        .map_err(|e: caviard::Error| CliError::usage(e.to_string()))?;
    if k.trim().eq_ignore_ascii_case("all") {
        for kind in Kind::ALL {
            b = b.operator(kind, op);
        }
        return Ok(b);
    }
    let kind: Kind = k
        .trim()
        .parse()
        .map_err(|_| CliError::usage(format!("--operator: unknown kind {:?}", k.trim())))?;
    Ok(b.operator(kind, op))
}

pub(crate) fn run(args: &RedactArgs) -> Result<(), CliError> {
    let mut b = args.engine.builder()?;
    for o in &args.operators {
        b = parse_operator(o, b)?;
    }
    let engine = b.build()?;
    let key = match load_key(args.key_file.as_deref())? {
        Some(k) => k,
        None if args.vault.is_some() => {
            return Err(CliError::input(
                "--vault needs a key: --key-file FILE or CAVIARD_KEY (hex)",
            ));
        }
        None => Zeroizing::new(caviard::generate_key()?.to_vec()),
    };
    let mut session = engine.session(&key)?;
    let threads = args.engine.threads();
    let reader = input::open(args.file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut report = args.report.as_ref().map(|_| Report::default());
    let bar = input::progress(args.file.as_deref());
    let res = if args.jsonl {
        redact_jsonl(
            &engine,
            &mut session,
            reader,
            threads,
            report.as_mut(),
            &bar,
            &mut out,
        )
    } else {
        redact_text(
            &engine,
            &mut session,
            reader,
            (threads, args.engine.max_input()),
            report.as_mut(),
            &bar,
            &mut out,
        )
    };
    bar.finish_and_clear();
    let flushed = out.flush().map_err(CliError::output);
    res.and(flushed)?;
    if let (Some(path), Some(r)) = (&args.report, &report) {
        std::fs::write(path, r.to_json() + "\n")
            .map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
    }
    if let Some(path) = &args.vault {
        let v = session.export_vault()?;
        std::fs::write(path, v).map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

fn redact_text(
    engine: &Engine,
    session: &mut Session,
    reader: Box<dyn std::io::Read + Send>,
    (threads, max_input): (usize, Option<usize>),
    mut report: Option<&mut Report>,
    bar: &indicatif::ProgressBar,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut seg = Segmenter::new(reader).with_limit(max_input);
    // Segments are scanned on the workers; the session (which numbers values in
    // order) pseudonymises them in input order on this thread.
    input::pipeline(
        threads,
        || seg.next_segment(),
        |s: &input::Segment| engine.scan(&s.text),
        |s, findings| {
            let text = match report.as_deref_mut() {
                Some(r) => {
                    let (t, mut part) =
                        session.pseudonymise_findings_with_report(&s.text, &findings);
                    part.offset_by(s.offset);
                    r.merge(part);
                    t
                }
                None => session.pseudonymise_findings(&s.text, &findings),
            };
            out.write_all(text.as_bytes()).map_err(CliError::output)?;
            bar.set_position((s.offset + s.text.len()) as u64);
            Ok(())
        },
    )
}

fn redact_jsonl(
    engine: &Engine,
    session: &mut Session,
    reader: Box<dyn std::io::Read + Send>,
    threads: usize,
    mut report: Option<&mut Report>,
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
                .map(|line| {
                    if input::is_blank(line) {
                        return None;
                    }
                    Some(input::parse_doc(line).map(|d| {
                        let f = engine.scan(&d.text);
                        (d, f)
                    }))
                })
                .collect::<Vec<_>>()
        },
        |_, docs| {
            for d in docs {
                let Some(d) = d else { continue };
                let (doc, findings) = d.map_err(CliError::input)?;
                let text = match report.as_deref_mut() {
                    Some(r) => {
                        let (t, part) =
                            session.pseudonymise_findings_with_report(&doc.text, &findings);
                        r.merge(part);
                        t
                    }
                    None => session.pseudonymise_findings(&doc.text, &findings),
                };
                let v = serde_json::json!({"id": doc.id, "text": text});
                serde_json::to_writer(&mut *out, &v).map_err(|e| CliError::output(e.into()))?;
                out.write_all(b"\n").map_err(CliError::output)?;
            }
            bar.set_position(position.load(std::sync::atomic::Ordering::Relaxed));
            Ok(())
        },
    )
}
