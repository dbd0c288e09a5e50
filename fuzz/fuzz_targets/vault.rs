//! The vault reader on arbitrary bytes: an error or a session, never a panic; a
//! session read back re-exports to a vault that reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static caviard::Engine {
    static E: OnceLock<caviard::Engine> = OnceLock::new();
    E.get_or_init(caviard::Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let key = [3u8; 32];
    if let Ok(session) = engine().session_from_vault(&key, data) {
        let again = session.export_vault().expect("export");
        engine().session_from_vault(&key, &again).expect("re-import");
    }
    // A genuine vault with one byte changed must be rejected.
    let mut s = engine().session(&key).expect("session");
    let _ = s.pseudonymise("écrire à jean.dupont@example.fr");
    if let Ok(mut v) = s.export_vault() {
        if !data.is_empty() && !v.is_empty() {
            let i = usize::from(data[0]) % v.len();
            v[i] ^= data.get(1).copied().unwrap_or(1).max(1);
            assert!(engine().session_from_vault(&key, &v).is_err());
        }
    }
});
