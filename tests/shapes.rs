//! Shape identifiers (PHONE, IP, PLATE, PASSPORT, ID_CARD, BIRTH_DATE, EMAIL): a table of
//! cases in `tests/data/shapes.json`, and the third-party vectors of these kinds in
//! `tests/data/shape_vectors.json` (subset of the shared vector file), each checked
//! embedded in a French sentence.

use caviard::{Engine, Finding, Kind};
use serde_json::Value;

fn engine() -> Engine {
    Engine::new()
}

fn found<'t>(findings: &[Finding], text: &'t str, kind: Kind) -> Vec<&'t str> {
    findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| &text[f.span.range()])
        .collect()
}

#[test]
fn shape_cases() {
    let data: Value =
        serde_json::from_str(include_str!("data/shapes.json")).expect("shapes.json is JSON");
    let engine = engine();
    let cases = data["cases"].as_array().expect("cases");
    assert!(cases.len() > 50);
    let mut failures = vec![];
    for case in cases {
        let text = case["text"].as_str().expect("text");
        let kind: Kind = case["kind"]
            .as_str()
            .expect("kind")
            .parse()
            .expect("kind name");
        let want: Vec<&str> = case["find"]
            .as_array()
            .expect("find")
            .iter()
            .map(|v| v.as_str().expect("string"))
            .collect();
        let findings = engine.scan(text);
        let got = found(&findings, text, kind);
        if got != want {
            failures.push(format!("{kind} in {text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How a vector is embedded, and which kind it must (or must not) produce.
fn template(ty: &str) -> Option<(&'static str, Kind)> {
    Some(match ty {
        "phone_fr" | "phone_fr_mobile" => ("Vous pouvez me joindre au {} merci.", Kind::Phone),
        "ipv4" | "ipv6" => ("Connexion depuis l'adresse IP {} hier.", Kind::Ip),
        "date_fr_numeric" => ("Mme Martin, née le {} à Lyon.", Kind::BirthDate),
        "fr_passport" => ("Passeport n° {} délivré en 2019.", Kind::Passport),
        "fr_cni_old" | "fr_cni_2021" => ("Carte nationale d'identité n° {} valide.", Kind::IdCard),
        _ => return None,
    })
}

/// Where caviard's verdict differs from the vector's `valid` on purpose (documented
/// in the detectors' module docs).
fn expected(v: &Value) -> bool {
    let ty = v["type"].as_str().unwrap_or("");
    let value = v["value"].as_str().unwrap_or("");
    let valid = v["valid"].as_bool().unwrap_or(false);
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    match ty {
        // Loopback, unspecified, "this network", netmasks: valid addresses that
        // identify no one.
        "ipv4" if value.starts_with("0.") || value.starts_with("255.") => false,
        "ipv4" | "ipv6"
            if value
                .parse::<std::net::IpAddr>()
                .is_ok_and(|a| a.is_loopback() || a.is_unspecified()) =>
        {
            false
        }
        // A single non-zero group (`1::`, `::8`) names no machine in practice.
        "ipv6"
            if value
                .parse::<std::net::Ipv6Addr>()
                .is_ok_and(|a| a.segments().iter().filter(|&&g| g != 0).count() < 2) =>
        {
            false
        }
        // validator.js's `isMobilePhone` rejects fixed lines; they are still phones.
        "phone_fr_mobile"
            if value.len() == 10
                && value.starts_with('0')
                && !matches!(value.as_bytes()[1], b'0' | b'8') =>
        {
            true
        }
        // Pacific, Saint-Pierre and Monaco numbers written without their country code
        // (`87 12 34 56`, `20.12.34`, `043 01 23`) have no French shape: not
        // detectable without the prefix.
        "phone_fr" | "phone_fr_mobile"
            if !(value.starts_with('+')
                || value.starts_with('0')
                || digits.len() >= 11
                    && ["33", "262", "590", "594", "596"]
                        .iter()
                        .any(|c| digits.starts_with(c))) =>
        {
            false
        }
        "phone_fr" if value.starts_with('0') && digits.len() != 10 => false,
        // Special-rate service numbers (`08…`, `+33 8…`, `+262 8…`) belong to companies
        // and administrations: not personal, not reported.
        "phone_fr" | "phone_fr_mobile"
            if digits.starts_with("08")
                || ["338", "2628", "5908", "5948", "5968"]
                    .iter()
                    .any(|p| digits.starts_with(p))
                || (["508", "681", "687", "689"]
                    .iter()
                    .any(|p| digits.starts_with(p))
                    && digits.len() == 12) =>
        {
            false
        }
        // Real French text writes single-digit days and months (`3/5/1985`): accepted
        // when the separators agree.
        "date_fr_numeric" if !valid => {
            let sep = if value.contains('/') { '/' } else { '-' };
            let parts: Vec<&str> = value.split(sep).collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
                && parts[0].len() <= 2
                && parts[1].len() <= 2
                && matches!(parts[2].len(), 2 | 4)
        }
        _ => valid,
    }
}

#[test]
fn shape_vectors() {
    let data: Value = serde_json::from_str(include_str!("data/shape_vectors.json"))
        .expect("shape_vectors.json is JSON");
    let engine = engine();
    let vectors = data["vectors"].as_array().expect("vectors");
    let mut checked = 0;
    let mut failures = vec![];
    for v in vectors {
        let ty = v["type"].as_str().expect("type");
        let value = v["value"].as_str().expect("value");
        let Some((tpl, kind)) = template(ty) else {
            continue;
        };
        let want = expected(v);
        let text = tpl.replace("{}", value);
        let findings = engine.scan(&text);
        // A number that is not a French passport may still be reported after
        // "passeport" (a foreign passport), but never with the French-shape confidence.
        let hit = findings.iter().any(|f| {
            f.kind == kind
                && &text[f.span.range()] == value
                && (kind != Kind::Passport || f.confidence >= 900)
        });
        if hit != want {
            let got = found(&findings, &text, kind);
            failures.push(format!("{ty} {value:?}: want {want}, got {got:?}"));
        }
        checked += 1;
    }
    assert!(checked > 250, "{checked}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Shape-like noise (digits, separators, trigger words, multi-byte characters) never
/// panics, and every finding is on character boundaries.
#[test]
fn shape_noise_never_panics() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "06",
        "12",
        "33",
        "262",
        "1985",
        "255",
        "/",
        ".",
        "-",
        " ",
        ":",
        "::",
        "+",
        "(",
        ")",
        "(0)",
        "%",
        "\u{a0}",
        "\u{202f}",
        ";",
        "\n",
        "\n\n",
        ",",
        "\t",
        "|",
        "é",
        "É",
        "ᵉʳ",
        "er",
        "T",
        "AB",
        "ss",
        "né le ",
        "née ",
        "naissance : ",
        "mars ",
        "août",
        "CNI n° ",
        "passeport ",
        "immatriculation ",
        "IP ",
        "tel ",
        "@",
        "a",
        "fe80",
        "ff",
        "date_naissance",
        "\"",
        "'",
    ];
    let engine = engine();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut reported = 0;
    for _ in 0..20_000 {
        let n = (next() % 24) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        for f in engine.scan(&text) {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            reported += 1;
        }
    }
    // The noise is shape-like enough that some of it is reported.
    assert!(reported > 0);
}
