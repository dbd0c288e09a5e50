//! caviard's integration tests: one binary, one module per area.

mod address;
mod cli;
mod header;
mod person;
mod props;
mod pseudo;
mod shapes;
mod vectors;
