//! PERSON detection, driven by `tests/data/person.json`: each case gives a text and
//! the names that must be found in it, in order (an empty list: nothing may be found).

use caviard::{Engine, Kind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    persons: Vec<String>,
}

fn engine() -> Engine {
    Engine::builder()
        .kinds([Kind::Person])
        .build()
        .expect("engine")
}

#[test]
fn person_table() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/person.json")).expect("valid person.json");
    assert!(cases.len() > 30);
    let engine = engine();
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<&str> = engine
            .scan(&case.text)
            .iter()
            .filter(|f| f.kind == Kind::Person)
            .map(|f| &case.text[f.span.range()])
            .collect();
        if got != case.persons {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name, case.persons, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_exclude_titles_and_punctuation() {
    let engine = engine();
    let text = "Docteur Marie-Claire Nguyen.";
    let f = engine.scan(text);
    assert_eq!(f.len(), 1);
    assert_eq!(&text[f[0].span.range()], "Marie-Claire Nguyen");
    assert!(f[0].confidence <= 880, "an address must be able to win");
}

#[test]
fn propagated_mentions_say_so() {
    let engine = engine();
    let text = "Jean DUPONT est venu. Plus tard, DUPONT est reparti.";
    let f = engine.scan(text);
    assert_eq!(f.len(), 2);
    assert_eq!(f[1].reason, caviard::Reason::Propagated);
    assert!(f[1].confidence < f[0].confidence);
}

#[test]
fn odd_input_does_not_panic() {
    let engine = engine();
    for text in [
        "",
        "M.",
        "Monsieur",
        "Nom :",
        "c'est ",
        "\u{301}É\u{301}",
        "A. B. C. D. E.",
        "nom;prenom\n;;\n\"\";\"\"\n",
        "J.-",
        "Mme N’",
    ] {
        let _ = engine.scan(text);
    }
    let long = "Jean Dupont ".repeat(2000);
    assert!(!engine.scan(&long).is_empty());
}
