//! Integration tests.
mod address;
