//! `caviard`: find and pseudonymise French personal data in files and pipelines.
//!
//! Exit codes: 0 success, 1 usage error, 2 input error (invalid UTF-8, bad JSON
//! line, unreadable file, wrong key or vault). Errors never print personal values.

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

mod input;
mod redact;
mod restore;
mod scan;

/// Find French personal data in text and pseudonymise it, offline.
#[derive(Parser, Debug)]
#[command(name = "caviard", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Print the personal data found in FILE (or stdin) as JSON.
    Scan(scan::ScanArgs),
    /// Print FILE (or stdin) with personal data replaced by pseudonyms.
    Redact(redact::RedactArgs),
    /// Put the original values back into FILE (or stdin), using a vault.
    Restore(restore::RestoreArgs),
}

/// Options shared by the commands that build an engine.
#[derive(Args, Debug, Clone)]
pub(crate) struct EngineArgs {
    /// Only these kinds (comma-separated: NIR,IBAN,PERSON...). Default: all.
    #[arg(long, value_delimiter = ',', value_name = "KIND,...")]
    kinds: Vec<String>,
    /// Never report these kinds (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "KIND,...")]
    disable: Vec<String>,
    /// File of strings never reported, one per line.
    #[arg(long, value_name = "FILE")]
    allow_list: Option<std::path::PathBuf>,
    /// File of strings always reported, one `KIND<TAB>text` per line.
    #[arg(long, value_name = "FILE")]
    deny_list: Option<std::path::PathBuf>,
    /// Largest accepted input, in bytes: a whole file for plain text (which is
    /// otherwise streamed whatever its size), each document's text with --jsonl.
    #[arg(long, value_name = "BYTES")]
    max_input: Option<usize>,
    /// Worker threads (default: all cores; 1 = single-threaded).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

impl EngineArgs {
    /// The engine builder these options describe.
    pub(crate) fn builder(&self) -> Result<caviard::EngineBuilder, CliError> {
        let mut b = caviard::Engine::builder();
        if !self.kinds.is_empty() {
            let kinds = self
                .kinds
                .iter()
                .map(|k| parse_kind(k))
                .collect::<Result<Vec<_>, _>>()?;
            b = b.kinds(kinds);
        }
        for k in &self.disable {
            b = b.disable(parse_kind(k)?);
        }
        if let Some(path) = &self.allow_list {
            let text = read_text_file(path)?;
            b = b.allow(text.lines().map(str::trim).filter(|l| !l.is_empty()));
        }
        if let Some(path) = &self.deny_list {
            let text = read_text_file(path)?;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let Some((kind, word)) = line.split_once('\t') else {
                    return Err(CliError::usage(format!(
                        "{}: line {}: expected KIND<TAB>text",
                        path.display(),
                        i + 1
                    )));
                };
                b = b.deny(parse_kind(kind.trim())?, [word.trim()]);
            }
        }
        if let Some(m) = self.max_input {
            b = b.max_input_len(m);
        }
        Ok(b)
    }

    /// The `--max-input` limit, when given (large files stream by default).
    pub(crate) fn max_input(&self) -> Option<usize> {
        self.max_input
    }

    /// Number of worker threads to use.
    pub(crate) fn threads(&self) -> usize {
        match self.threads {
            Some(n) if n > 0 => n,
            _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

fn parse_kind(s: &str) -> Result<caviard::Kind, CliError> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = caviard::Kind::ALL.iter().map(|k| k.name()).collect();
        CliError::usage(format!(
            "unknown kind {s:?}; kinds are {}",
            names.join(", ")
        ))
    })
}

fn read_text_file(path: &std::path::Path) -> Result<String, CliError> {
    let bytes =
        std::fs::read(path).map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "{}: invalid UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// An error that ends the command, with its exit code.
#[derive(Debug)]
pub(crate) struct CliError {
    code: u8,
    msg: String,
}

impl CliError {
    /// Bad command line (exit 1).
    pub(crate) fn usage(msg: impl Into<String>) -> CliError {
        CliError {
            code: 1,
            msg: msg.into(),
        }
    }
    /// Bad input, unreadable file, key or vault problem (exit 2).
    pub(crate) fn input(msg: impl Into<String>) -> CliError {
        CliError {
            code: 2,
            msg: msg.into(),
        }
    }
    /// The message (never a personal value).
    pub(crate) fn message(&self) -> &str {
        &self.msg
    }
    /// Writing the output failed (exit 2; a closed pipe is not an error).
    pub(crate) fn output(e: std::io::Error) -> CliError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError {
                code: 0,
                msg: String::new(),
            }
        } else {
            CliError::input(format!("writing output: {e}"))
        }
    }
}

impl From<caviard::Error> for CliError {
    fn from(e: caviard::Error) -> CliError {
        CliError::input(e.to_string())
    }
}

fn main() -> ExitCode {
    // A panic is a bug; its message could quote the input (Rust's slicing messages
    // print the string), so only its location is shown.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("caviard: internal error{at} (a bug: please report it; message withheld)");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match &cli.cmd {
        Cmd::Scan(a) => scan::run(a),
        Cmd::Redact(a) => redact::run(a),
        Cmd::Restore(a) => restore::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.msg.is_empty() {
                eprintln!("caviard: {}", e.msg);
            }
            ExitCode::from(e.code)
        }
    }
}
