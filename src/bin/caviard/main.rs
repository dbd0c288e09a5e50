//! The `caviard` command-line tool (placeholder).

fn main() {}
