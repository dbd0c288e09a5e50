//! Data-driven test of the checksummed identifiers against the third-party vectors in
//! `tests/data/fr-identifier-vectors.json` (copied from the project's vector set; see
//! its `source` fields): every vector of the types below is checked, alone and inside
//! a French sentence with the context such a number comes with.
//!
//! - a valid vector is found as exactly its value, with its kind, alone (except a bare
//!   SIREN: one random 9-digit number in ten passes Luhn, so a SIREN needs context or
//!   its 3-3-3 grouping) and in context;
//! - an invalid vector is not reported as its kind, except with reason
//!   "context, checksum failed" (the sentence's label makes a typo worth hiding), or
//!   for the documented exceptions in [`tolerated`].

use caviard::{Engine, Finding, Kind, Reason};
use serde_json::Value;

const VECTORS: &str = include_str!("data/fr-identifier-vectors.json");

fn kind_of(ty: &str) -> Option<Kind> {
    Some(match ty {
        "fr_nir" => Kind::Nir,
        "iban" => Kind::Iban,
        "credit_card" => Kind::Card,
        "fr_siren" => Kind::Siren,
        "fr_siret" => Kind::Siret,
        "fr_nif" => Kind::TaxId,
        _ => return None,
    })
}

fn sentence(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Nir => format!("Mon numéro de sécurité sociale est le {value}, merci."),
        Kind::Iban => format!("Merci de verser la somme sur l'IBAN {value} avant vendredi."),
        Kind::Card => format!("Paiement refusé pour la carte n° {value}, merci de rappeler."),
        Kind::Siren => format!("La société Dupont SARL, SIREN {value}, est domiciliée à Lyon."),
        Kind::Siret => format!("Établissement employeur : SIRET {value}, code APE 6201Z."),
        Kind::TaxId => format!("Votre numéro fiscal : {value}, voir l'avis d'imposition."),
        _ => unreachable!(),
    }
}

/// NIR key of a 15-character value (2A → 19, 2B → 18), as the test's own check.
fn nir_key_correct(value: &str) -> bool {
    let s: Vec<u8> = value
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if s.len() != 15 {
        return false;
    }
    let mut body = s[..13].to_vec();
    let minus = match &body[5..7] {
        b"2A" => 1_000_000,
        b"2B" => 2_000_000,
        _ => 0,
    };
    if minus > 0 {
        body[6] = b'0';
    }
    let Ok(n) = std::str::from_utf8(&body).unwrap().parse::<u64>() else {
        return false;
    };
    let key: u64 = std::str::from_utf8(&s[13..]).unwrap().parse().unwrap_or(0);
    97 - (n - minus) % 97 == key
}

/// Invalid vectors that caviard reports on purpose, and why.
fn tolerated(kind: Kind, value: &str) -> bool {
    match kind {
        // Key correct, rejected by a source for a structural rule (sex digit 8 in a
        // NIR, Corsica 2A before 1976, territory 981, country code 991, département
        // 20 after 1976): these are still national-identifier-shaped numbers with a
        // valid key, worth hiding.
        Kind::Nir => nir_key_correct(value),
        // A valid IBAN followed by an emoji: the source rejects the string, the IBAN
        // inside it is still an IBAN.
        Kind::Iban => value.starts_with("FR7630006000011234567890189") && value.ends_with('😅'),
        // The digits are a valid SPI; only validator.js's grouping rule rejects it.
        Kind::TaxId => value == "30 2 3 217 600 053",
        _ => false,
    }
}

fn of_kind(found: &[Finding], kind: Kind) -> Vec<Finding> {
    found.iter().filter(|f| f.kind == kind).copied().collect()
}

#[test]
fn identifier_vectors() {
    let engine = Engine::new();
    let all: Vec<Value> = serde_json::from_str(VECTORS).expect("vector file is JSON");
    let mut failures = Vec::new();
    let mut checked = 0;
    for v in &all {
        let Some(kind) = kind_of(v["type"].as_str().unwrap()) else {
            continue;
        };
        let value = v["value"].as_str().unwrap();
        let valid = v["valid"].as_bool().unwrap();
        checked += 1;
        let alone = of_kind(&engine.scan(value), kind);
        let text = sentence(kind, value);
        let at = text.find(value).unwrap();
        let in_ctx = of_kind(&engine.scan(&text), kind);
        if valid {
            let whole = |fs: &[Finding], off: usize| {
                fs.iter()
                    .any(|f| f.span.start == off && f.span.end == off + value.len())
            };
            if kind != Kind::Siren && !whole(&alone, 0) {
                failures.push(format!("{kind} valid {value:?} alone: {alone:?}"));
            }
            if !whole(&in_ctx, at) {
                failures.push(format!("{kind} valid {value:?} in context: {in_ctx:?}"));
            } else if in_ctx[0].confidence < 900 {
                failures.push(format!("{kind} valid {value:?} low confidence: {in_ctx:?}"));
            }
        } else if !tolerated(kind, value) {
            if !alone.is_empty() {
                failures.push(format!("{kind} invalid {value:?} alone: {alone:?}"));
            }
            if in_ctx
                .iter()
                .any(|f| f.reason != Reason::ContextChecksumFailed || f.confidence > 400)
            {
                failures.push(format!("{kind} invalid {value:?} in context: {in_ctx:?}"));
            }
        }
    }
    assert!(checked > 400, "only {checked} vectors checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A failed key right after a strong label is reported, with low confidence and the
/// reason saying so; without the label it is not reported.
#[test]
fn typo_under_label_does_not_leak() {
    let engine = Engine::new();
    for (text, kind, value) in [
        (
            "N° de sécurité sociale : 2 84 05 88 321 025 30",
            Kind::Nir,
            "2 84 05 88 321 025 30",
        ),
        (
            "IBAN : FR76 3000 6000 0112 3456 7890 188",
            Kind::Iban,
            "FR76 3000 6000 0112 3456 7890 188",
        ),
        (
            "SIRET : 732 829 320 00079",
            Kind::Siret,
            "732 829 320 00079",
        ),
        ("N° fiscal : 3023217600054", Kind::TaxId, "3023217600054"),
    ] {
        let found = of_kind(&engine.scan(text), kind);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(&text[found[0].span.range()], value);
        assert_eq!(found[0].reason, Reason::ContextChecksumFailed);
        assert!(found[0].confidence < 500);
        let bare = text.rsplit(':').next().unwrap();
        assert!(of_kind(&engine.scan(bare), kind).is_empty(), "{bare}");
    }
}

/// The kinds with a checksum, whose look-alikes the tests below hunt.
const CHECKSUMMED: [Kind; 6] = [
    Kind::Nir,
    Kind::Iban,
    Kind::Card,
    Kind::Siren,
    Kind::Siret,
    Kind::TaxId,
];

/// Numbers that look like identifiers in French documents but are not.
#[test]
fn look_alikes_are_not_identifiers() {
    let engine = Engine::new();
    for text in [
        "Montant dû : 1 234 567,89 € au titre de l'exercice.",
        "Le capital social est de 552 008 443 euros.",
        "Vu la loi n° 78-17 du 6 janvier 1978 et l'article L. 262-2 du code.",
        "Dossier n° 2024-000123, facture FAC-2024-00012345.",
        "Version 10.2.3.4567 du logiciel, build 20240315123456789.",
        "Référence 12345678901234567890123456789 à rappeler.",
        "Le 12/03/2024 à 14:30, 3 pièces jointes.",
        "Tél. : 06 12 34 56 78 ou +33 6 12 34 56 78.",
        "Code 0,295109912611193 calculé.",
    ] {
        let found: Vec<Finding> = engine
            .scan(text)
            .into_iter()
            .filter(|f| CHECKSUMMED.contains(&f.kind))
            .collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

/// A mixed document: court, health, bank, JSON, SMS, CSV, company and tax lines, full
/// of numbers that are not personal. Exactly the identifiers listed are found.
#[test]
fn mixed_document() {
    let text = include_str!("data/mixed-identifiers.txt");
    let engine = Engine::new();
    let got: Vec<(Kind, &str)> = engine
        .scan(text)
        .into_iter()
        .filter(|f| CHECKSUMMED.contains(&f.kind))
        .map(|f| (f.kind, &text[f.span.range()]))
        .collect();
    let want = [
        (Kind::Iban, "FR76 3000 6000 0112 3456 7890 189"),
        (Kind::Nir, "185057800608491"),
        (Kind::Iban, "FR7630006000011234567890189"),
        (Kind::Siret, "73282932000074"),
        (Kind::Nir, "1850578006084 91"),
        (Kind::Card, "4970 1015 6078 9012"),
        (Kind::Nir, "185057800608491"),
        (Kind::Iban, "FR7630006000011234567890189"),
        (Kind::Nir, "1 85 05 78 006 084 91"),
        (Kind::Iban, "FR76 3000 6000 0112 3456 7890 189"),
        (Kind::Siret, "732 829 320 00074"),
        (Kind::Siren, "732 829 320"),
        (Kind::Siren, "FR 40 303 265 045"),
        (Kind::TaxId, "30 23 217 600 053"),
    ];
    assert_eq!(got, want);
}
