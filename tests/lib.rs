//! Integration tests.

mod header;
