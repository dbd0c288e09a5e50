//! Property tests of the scanner: any text, no panic, well-formed findings.

use caviard::Engine;
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::new)
}

/// Text made of pieces that look like personal data and of separators, to reach the
/// detectors' edge cases more often than uniform random strings.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 .\u{a0}\u{202f}-]{1,30}",
        "[A-Za-zÀ-ÿ' -]{1,20}",
        Just("1 85 05 78 006 084 36".to_owned()),
        Just("FR76 3000 6000 0112 3456 7890 189".to_owned()),
        Just("06 12 34 56 78".to_owned()),
        Just("jean.dupont@example.fr".to_owned()),
        Just("Monsieur Jean DUPONT".to_owned()),
        Just("12 rue des Lilas, 75011 Paris".to_owned()),
        Just("né le 12/03/1985".to_owned()),
        Just("4970 1012 3456 7890".to_owned()),
        Just("192.168.1.12".to_owned()),
        Just("AB-123-CD".to_owned()),
        "[@.:/]{1,5}",
        Just("\u{301}".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn prop_scan_never_panics_and_findings_are_well_formed(t in text()) {
        let findings = engine().scan(&t);
        let mut last_end = 0;
        for f in &findings {
            prop_assert!(f.span.start < f.span.end);
            prop_assert!(f.span.start >= last_end, "overlap or out of order");
            prop_assert!(f.span.end <= t.len());
            prop_assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
            prop_assert!(f.confidence <= 1000);
            last_end = f.span.end;
        }
        // Deterministic.
        prop_assert_eq!(engine().scan(&t), findings);
    }

    #[test]
    fn prop_scan_bytes_never_panics(b in prop::collection::vec(any::<u8>(), 0..200)) {
        match engine().scan_bytes(&b) {
            Ok(_) => prop_assert!(std::str::from_utf8(&b).is_ok()),
            Err(e) => prop_assert_eq!(e.utf8_offset(), Some(std::str::from_utf8(&b).unwrap_err().valid_up_to())),
        }
    }

    #[test]
    fn prop_utf16_offsets_agree_with_java_strings(t in text()) {
        let findings = engine().scan(&t);
        let spans: Vec<caviard::Span> = findings.iter().map(|f| f.span).collect();
        let utf16: Vec<u16> = t.encode_utf16().collect();
        for (s, u) in spans.iter().zip(caviard::utf16_spans(&t, &spans)) {
            let from_utf16 = String::from_utf16(&utf16[u.start..u.end]).unwrap();
            prop_assert_eq!(&t[s.range()], from_utf16.as_str());
        }
    }
}
