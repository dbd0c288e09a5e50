//! `caviard redact` (placeholder until sessions are complete).

use crate::{CliError, EngineArgs};
use std::path::PathBuf;

/// Options of `caviard redact`.
#[derive(clap::Args, Debug)]
pub(crate) struct RedactArgs {
    /// Input file (default: stdin).
    file: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub(crate) fn run(args: &RedactArgs) -> Result<(), CliError> {
    let _ = (&args.file, &args.engine);
    Err(CliError::usage("redact is not implemented yet"))
}
