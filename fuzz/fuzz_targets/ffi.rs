//! The C entry points, called through their Rust functions with arbitrary bytes:
//! scan (offsets in bounds, UTF-16 consistent), pseudonymise/restore round trip,
//! vault import of garbage; every handle freed; never a panic.
#![no_main]

use caviard::ffi::*;
use libfuzzer_sys::fuzz_target;
use std::ptr;

fuzz_target!(|data: &[u8]| {
    // SAFETY: every pointer passed is either NULL, a live handle created just above,
    // or a slice of `data` with its length; every handle is freed exactly once.
    unsafe {
        let mut engine = ptr::null_mut();
        assert_eq!(cav_engine_new(ptr::null(), &mut engine), cav_result::CAV_RESULT_OK);
        let mut findings = ptr::null_mut();
        let r = cav_engine_scan(engine, data.as_ptr(), data.len(), &mut findings);
        if let Ok(text) = std::str::from_utf8(data) {
            assert_eq!(r, cav_result::CAV_RESULT_OK);
            let n = cav_findings_len(findings);
            let utf16_len = text.encode_utf16().count();
            for i in 0..n {
                let mut f = std::mem::zeroed::<cav_finding>();
                assert!(cav_findings_get(findings, i, &mut f));
                assert!(f.start < f.end && f.end <= data.len());
                assert!(f.start_utf16 < f.end_utf16 && f.end_utf16 <= utf16_len);
                assert!(!cav_findings_detector(findings, i).is_null());
            }
            let mut f = std::mem::zeroed::<cav_finding>();
            assert!(!cav_findings_get(findings, n, &mut f));

            let key = [5u8; 32];
            let mut session = ptr::null_mut();
            assert_eq!(cav_session_new(engine, key.as_ptr(), key.len(), &mut session), cav_result::CAV_RESULT_OK);
            // Free the engine first: the session must keep working.
            cav_engine_free(engine);
            engine = ptr::null_mut();
            let mut masked = ptr::null_mut();
            assert_eq!(cav_session_pseudonymise(session, data.as_ptr(), data.len(), &mut masked), cav_result::CAV_RESULT_OK);
            let mut restored = ptr::null_mut();
            assert_eq!(
                cav_session_restore(session, cav_string_data(masked), cav_string_len(masked), &mut restored),
                cav_result::CAV_RESULT_OK
            );
            let back = std::slice::from_raw_parts(cav_string_data(restored), cav_string_len(restored));
            assert!(back == data, "round trip through the C ABI");
            cav_string_free(masked);
            cav_string_free(restored);
            cav_session_free(session);
        } else {
            assert_ne!(r, cav_result::CAV_RESULT_OK);
            assert!(findings.is_null(), "out-parameter written on failure");
        }
        cav_findings_free(findings);
        let mut e2 = ptr::null_mut();
        assert_eq!(cav_engine_new(ptr::null(), &mut e2), cav_result::CAV_RESULT_OK);
        let mut from_vault = ptr::null_mut();
        let key = [5u8; 32];
        let r = cav_session_from_vault(e2, key.as_ptr(), key.len(), data.as_ptr(), data.len(), &mut from_vault);
        if r != cav_result::CAV_RESULT_OK {
            assert!(from_vault.is_null());
        }
        cav_session_free(from_vault);
        cav_engine_free(e2);
        cav_engine_free(engine);
    }
});
