//! Integration tests.
mod shapes;
