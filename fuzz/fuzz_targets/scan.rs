//! The scanner on arbitrary bytes: no panic, well-formed non-overlapping findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static caviard::Engine {
    static E: OnceLock<caviard::Engine> = OnceLock::new();
    E.get_or_init(caviard::Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(findings) = engine().scan_bytes(data) else { return };
    let text = std::str::from_utf8(data).expect("scan_bytes accepted it");
    let mut last = 0;
    for f in &findings {
        assert!(f.span.start >= last && f.span.start < f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        last = f.span.end;
    }
});
