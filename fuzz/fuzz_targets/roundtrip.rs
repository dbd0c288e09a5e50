//! pseudonymise then restore gives back the input exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static caviard::Engine {
    static E: OnceLock<caviard::Engine> = OnceLock::new();
    E.get_or_init(caviard::Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut session = engine().session(&[9u8; 32]).expect("session");
    let masked = session.pseudonymise(text);
    assert!(session.restore(&masked) == text, "round trip");
});
