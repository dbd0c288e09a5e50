//! caviard's integration tests: one binary, one module per area.

mod cli;
mod props;
mod shapes;
