//! Integration tests.
mod pseudo;
