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
