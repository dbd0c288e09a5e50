//! ADDRESS detector: a data-driven table (`tests/data/address.json`) of texts and the
//! exact address substrings expected in them (none for negatives).

use caviard::{Engine, Kind};

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    expect: Vec<String>,
}

fn engine() -> Engine {
    Engine::builder().kinds([Kind::Address]).build().unwrap()
}

#[test]
fn address_table() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/address.json")).expect("valid table");
    assert!(cases.len() > 50);
    let engine = engine();
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<&str> = engine
            .scan(&case.text)
            .iter()
            .inspect(|f| assert_eq!(f.kind, Kind::Address))
            .map(|f| &case.text[f.span.range()])
            .collect();
        if got != case.expect {
            failures.push(format!(
                "{:?}\n   got {:?}\n  want {:?}",
                case.text, got, case.expect
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn address_beats_person_inside_a_street_name() {
    let engine = Engine::new();
    let text = "M. Paul Martin\n12 rue Victor Hugo\n69003 Lyon";
    let f = engine.scan(text);
    let addr: Vec<&str> = f
        .iter()
        .filter(|f| f.kind == Kind::Address)
        .map(|f| &text[f.span.range()])
        .collect();
    assert_eq!(addr, ["12 rue Victor Hugo\n69003 Lyon"]);
    assert!(
        f.iter()
            .all(|f| f.kind != Kind::Person || f.span.end <= text.find("12").unwrap())
    );
}

#[test]
fn address_confidence_and_reason() {
    let engine = engine();
    let text = "12 rue des Lilas, 75011 Paris";
    let f = engine.scan(text);
    assert_eq!(f.len(), 1);
    assert!(f[0].confidence >= 950, "{}", f[0].confidence);
    assert_eq!(f[0].detector, "address");
    let weak = engine.scan("au 3 rue des lilas");
    assert!(weak[0].confidence >= 900 && weak[0].confidence < f[0].confidence);
}

#[test]
fn address_arbitrary_text_does_not_panic() {
    let engine = engine();
    let samples = [
        "12",
        "12 ",
        "12 rue",
        "12 rue ",
        "75011",
        "75011 ",
        "75 0",
        "lieu-dit",
        "Résidence",
        "12 bis",
        "1 r.",
        "BP",
        "12 rue de",
        "12 rue l'",
        "12 rue d\u{2019}",
        "\u{a0}12\u{a0}rue",
        "é12 rue X",
        "12 ru\u{301}e X",
        "hameau ",
        "75011 Paris Cedex",
        "3e",
        "12 rue X,\n",
    ];
    for s in samples {
        for cut in 0..=s.len() {
            if let Some(t) = s.get(..cut) {
                let _ = engine.scan(t);
            }
        }
    }
}

mod props {
    use super::engine;
    use proptest::prelude::*;

    /// Fragments that exercise every path of the detector, glued in any order.
    const FRAGMENTS: &[&str] = &[
        "12",
        "5",
        "75011",
        "69 003",
        "97400",
        "bis",
        "B",
        "ter",
        "-",
        ",",
        " ",
        "\n",
        "\t",
        "rue",
        "r.",
        "av.",
        "Bd",
        "allée",
        "impasse",
        "lieu-dit",
        "Résidence",
        "hameau",
        "de",
        "la",
        "l'",
        "d\u{2019}",
        "Église",
        "Victor",
        "Hugo",
        "Paris",
        "PARIS",
        "Lyon",
        "Saint",
        "St",
        "Cedex",
        "CEDEX",
        "3e",
        "étage",
        "Apt",
        "Bât.",
        "BP",
        "CS",
        "(",
        ")",
        "à",
        "ville",
        ":",
        "\"",
        "é",
        "\u{a0}",
        "\u{301}",
        "Code postal",
        "8 Mai 1945",
        ";",
        ".",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn address_spans_are_sound(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..40),
                                   seps in proptest::collection::vec(0..3usize, 40)) {
            let mut text = String::new();
            for (k, &i) in parts.iter().enumerate() {
                text.push_str(FRAGMENTS[i]);
                text.push_str(["", " ", ""][seps[k % seps.len()]]);
            }
            let found = engine().scan(&text);
            let mut last = 0;
            for f in &found {
                prop_assert!(f.span.start >= last && f.span.start < f.span.end);
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                prop_assert!(f.confidence > 0 && f.confidence <= 1000);
                last = f.span.end;
            }
        }
    }
}
