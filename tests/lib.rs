//! Integration tests.

mod person;
