//! The CLI's JSON-lines reader on arbitrary bytes: every line is parsed or rejected
//! with a message naming its line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The CLI's error type, as the reader module expects it.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) struct CliError(String);

#[allow(dead_code)]
impl CliError {
    pub(crate) fn usage(m: impl Into<String>) -> CliError {
        CliError(m.into())
    }
    pub(crate) fn input(m: impl Into<String>) -> CliError {
        CliError(m.into())
    }
    pub(crate) fn output(e: std::io::Error) -> CliError {
        CliError(e.to_string())
    }
}

#[allow(dead_code)]
#[path = "../../src/bin/caviard/input.rs"]
mod input;

fuzz_target!(|data: &[u8]| {
    let reader: Box<dyn std::io::Read + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    let mut lines = input::Lines::new(reader);
    loop {
        let batch = lines.batch(7, 1 << 10).expect("reading memory never fails");
        if batch.is_empty() {
            break;
        }
        for line in &batch {
            if let Err(msg) = input::parse_doc(line) {
                assert!(msg.starts_with(&format!("line {}:", line.no)));
            }
        }
    }
    let reader: Box<dyn std::io::Read + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    let mut seg = input::Segmenter::new(reader);
    let mut total = 0;
    while let Ok(Some(s)) = seg.next_segment() {
        assert_eq!(s.offset, total);
        total += s.text.len();
    }
});
