//! caviard's integration tests: one binary, one module per area.

mod cli;
mod header;
mod props;
mod shapes;
