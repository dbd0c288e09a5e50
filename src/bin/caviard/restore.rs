//! `caviard restore`: puts the original values back, using a vault written by
//! `caviard redact --vault` and the same key (`--key-file FILE` or `CAVIARD_KEY`).

use crate::CliError;
use crate::input::{self, Lines, Segmenter};
use std::io::Write;
use std::path::PathBuf;

/// Options of `caviard restore`.
#[derive(clap::Args, Debug)]
pub(crate) struct RestoreArgs {
    /// Input file (default: stdin).
    file: Option<PathBuf>,
    /// The vault written by `caviard redact --vault`.
    #[arg(long)]
    vault: PathBuf,
    /// Read the key from FILE (hex, or raw bytes); default: env CAVIARD_KEY.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Input is JSON lines `{"id": ..., "text": ...}`: restore each `text`.
    #[arg(long)]
    jsonl: bool,
}

pub(crate) fn run(args: &RestoreArgs) -> Result<(), CliError> {
    let key = crate::redact::load_key(args.key_file.as_deref())?.ok_or_else(|| {
        CliError::input("restore needs the vault's key: --key-file FILE or CAVIARD_KEY (hex)")
    })?;
    let vault = std::fs::read(&args.vault)
        .map_err(|e| CliError::input(format!("{}: {e}", args.vault.display())))?;
    let engine = caviard::Engine::builder().kinds([]).build()?;
    let session = engine.session_from_vault(&key, &vault)?;
    let reader = input::open(args.file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let res = if args.jsonl {
        let mut lines = Lines::new(reader);
        loop {
            let batch = lines.batch(1024, 4 << 20)?;
            if batch.is_empty() {
                break Ok(());
            }
            for line in &batch {
                if input::is_blank(line) {
                    continue;
                }
                let doc = input::parse_doc(line).map_err(CliError::input)?;
                let v = serde_json::json!({"id": doc.id, "text": session.restore(&doc.text)});
                serde_json::to_writer(&mut out, &v).map_err(|e| CliError::output(e.into()))?;
                out.write_all(b"\n").map_err(CliError::output)?;
            }
        }
    } else {
        let mut seg = Segmenter::new(reader);
        let mut r = session.restorer();
        loop {
            match seg.next_segment() {
                Ok(Some(s)) => out
                    .write_all(r.push(&s.text).as_bytes())
                    .map_err(CliError::output)?,
                Ok(None) => {
                    out.write_all(r.finish().as_bytes())
                        .map_err(CliError::output)?;
                    break Ok(());
                }
                Err(e) => break Err(e),
            }
        }
    };
    let flushed = out.flush().map_err(CliError::output);
    res.and(flushed)
}
