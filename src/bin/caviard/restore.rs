//! `caviard restore` (placeholder until sessions are complete).

use crate::CliError;
use std::path::PathBuf;

/// Options of `caviard restore`.
#[derive(clap::Args, Debug)]
pub(crate) struct RestoreArgs {
    /// Input file (default: stdin).
    file: Option<PathBuf>,
    /// The vault written by `caviard redact --vault`.
    #[arg(long)]
    vault: PathBuf,
}

pub(crate) fn run(args: &RestoreArgs) -> Result<(), CliError> {
    let _ = (&args.file, &args.vault);
    Err(CliError::usage("restore is not implemented yet"))
}
