//! Integration tests.
mod vectors;
