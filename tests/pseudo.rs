//! Pseudonymisation sessions: round trip, variants, operators, vault, report,
//! streaming and the `redact` / `restore` commands.

use caviard::{Engine, Kind, Operator, Session};
use proptest::prelude::*;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

/// An engine where persons, NIRs and phones come from the deny-list and custom
/// patterns (the real detectors are written elsewhere), e-mails from the e-mail
/// detector.
fn engine_with(ops: &[(Kind, Operator)]) -> Engine {
    let mut b = Engine::builder()
        .deny(
            Kind::Person,
            ["Jean DUPONT", "Dupont", "Marie Curie", "Zoé Lefèvre"],
        )
        .pattern(
            "nir",
            Kind::Nir,
            r"\b[12](?: ?[0-9]{2}){2} ?(?:[0-9]{2}|2A|2B) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\b",
            900,
        )
        .pattern("tel", Kind::Phone, r"\b0[1-9](?:[ .]?[0-9]{2}){4}\b", 800);
    for (k, o) in ops {
        b = b.operator(*k, *o);
    }
    b.build().unwrap()
}

fn engine() -> Engine {
    engine_with(&[])
}

fn all(op: Operator) -> Vec<(Kind, Operator)> {
    Kind::ALL.iter().map(|k| (*k, op)).collect()
}

#[test]
fn tags_are_numbered_per_kind_and_stable() {
    let mut s = engine().session(KEY).unwrap();
    let a = s.pseudonymise("Jean DUPONT, tél. 06 12 34 56 78, a@b.fr");
    assert_eq!(a, "[PERSONNE_1], tél. [TELEPHONE_1], [EMAIL_1]");
    let b = s.pseudonymise("Rappeler 0612345678 ; écrire à c@d.fr ou a@b.fr ; Marie Curie.");
    assert_eq!(
        b,
        "Rappeler [TELEPHONE_1_2] ; écrire à [EMAIL_2] ou [EMAIL_1] ; [PERSONNE_2]."
    );
    assert_eq!(
        s.restore(&b),
        "Rappeler 0612345678 ; écrire à c@d.fr ou a@b.fr ; Marie Curie."
    );
    assert_eq!(s.restore(&a), "Jean DUPONT, tél. 06 12 34 56 78, a@b.fr");
}

#[test]
fn person_variants_share_the_number_and_restore_exactly() {
    let mut s = engine().session(KEY).unwrap();
    let text = "Jean DUPONT écrit. M. Dupont confirme ; DUPONT signe ; jean dupont aussi.";
    let out = s.pseudonymise(text);
    assert_eq!(
        out,
        "[PERSONNE_1] écrit. M. [PERSONNE_1_2] confirme ; [PERSONNE_1_3] signe ; [PERSONNE_1_4] aussi."
    );
    assert_eq!(s.restore(&out), text);
}

#[test]
fn restore_tolerates_what_models_write() {
    let mut s = engine().session(KEY).unwrap();
    s.pseudonymise("Jean DUPONT, 1 85 05 78 006 084 36, a@b.fr");
    let cases = [
        ("Bonjour [PERSONNE_1].", "Bonjour Jean DUPONT."),
        ("Bonjour [personne_1].", "Bonjour Jean DUPONT."),
        ("Bonjour PERSONNE_1, merci", "Bonjour Jean DUPONT, merci"),
        ("Bonjour [Personne 1] !", "Bonjour Jean DUPONT !"),
        ("Bonjour Personne_1 !", "Bonjour Jean DUPONT !"),
        ("NIR : [nir_1]", "NIR : 1 85 05 78 006 084 36"),
        (
            "inconnu [PERSONNE_9] et [EMAIL_1_7]",
            "inconnu [PERSONNE_9] et [EMAIL_1_7]",
        ),
        (
            "la personne 1 et PERSONNE_1x",
            "la personne 1 et PERSONNE_1x",
        ),
        ("rien à remplacer", "rien à remplacer"),
    ];
    for (model, want) in cases {
        assert_eq!(s.restore(model), want, "{model}");
    }
}

#[test]
fn tag_like_input_is_protected() {
    let mut s = engine().session(KEY).unwrap();
    for text in [
        "[EMAIL_1] a@b.fr PERSONNE_2 [personne 1] Personne_1_2",
        "déjà [EMAIL_1] puis [EMAIL_2]x [NIR_1",
        "a@b.fr[EMAIL_1]PERSONNE_1_",
    ] {
        let out = s.pseudonymise(text);
        assert_eq!(s.restore(&out), text, "{text} → {out}");
    }
}

#[test]
fn operators() {
    let key = KEY;
    let text = "Jean DUPONT, 1 85 05 78 006 084 36, 06 12 34 56 78, jm.durand@example.fr";
    let e = engine_with(&all(Operator::Mask));
    let out = e.session(key).unwrap().pseudonymise(text);
    assert_eq!(
        out,
        "J••• D•••••, • •• •• •• ••• ••• 36, 06 •• •• •• 78, j•••@•••.fr"
    );
    let e = engine_with(&all(Operator::Redact));
    let out = e.session(key).unwrap().pseudonymise(text);
    assert_eq!(out, "[PERSONNE], [NIR], [TELEPHONE], [EMAIL]");
    for op in [Operator::Hash, Operator::Surrogate] {
        let e = engine_with(&all(op));
        let mut s = e.session(key).unwrap();
        let out = s.pseudonymise(text);
        assert_eq!(s.restore(&out), text);
        for v in ["DUPONT", "85 05 78", "12 34 56", "jm.durand"] {
            assert!(!out.contains(v), "{op}: {out}");
        }
        // Deterministic under the key, different under another key.
        assert_eq!(e.session(key).unwrap().pseudonymise(text), out);
        assert_ne!(e.session(&[9u8; 32]).unwrap().pseudonymise(text), out);
        if op == Operator::Hash {
            assert!(out.contains("[NIR:") && out.contains("[PERSONNE:"), "{out}");
        } else {
            // A NIR with a valid key, same shape.
            let nir = out.split(", ").nth(1).unwrap();
            let d: String = nir.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(d.len(), 15, "{out}");
            let n: u64 = d[..13].parse().unwrap();
            assert_eq!(97 - n % 97, d[13..].parse::<u64>().unwrap(), "{out}");
            assert!(s.restore(&out.to_uppercase()).contains("Jean DUPONT"));
        }
    }
}

#[test]
fn surrogate_never_equals_a_seen_value() {
    let e = engine_with(&all(Operator::Surrogate));
    let mut s = e.session(KEY).unwrap();
    let text = "a@b.fr c@d.fr e@f.fr g@h.fr Jean DUPONT et Marie Curie";
    let out = s.pseudonymise(text);
    for v in ["a@b.fr", "c@d.fr", "e@f.fr", "g@h.fr", "DUPONT", "Curie"] {
        assert!(!out.contains(v), "{out}");
    }
    assert_eq!(s.restore(&out), text);
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    // "LE BIHAN" alone first, then two different people of that name: the first full
    // name joins the bare surname, the second is another person.
    let e = Engine::new();
    let mut s = e.session(KEY).unwrap();
    let text = "M. LE BIHAN a appelé. Paul-Henri Le Bihan est son fils. \
                LE BIHAN Jean-François est son frère. Jean-François a signé.";
    let out = s.pseudonymise(text);
    assert_eq!(
        out,
        "M. [PERSONNE_1] a appelé. [PERSONNE_1_2] est son fils. \
         [PERSONNE_2] est son frère. [PERSONNE_2_2] a signé."
    );
    assert_eq!(s.restore(&out), text);
    // The same after a vault round trip: the grown name is rebuilt from the forms.
    let vault = s.export_vault().unwrap();
    let mut t = e.session_from_vault(KEY, &vault).unwrap();
    assert_eq!(
        t.pseudonymise("Mme Le Bihan et Jean-François LE BIHAN"),
        "Mme [PERSONNE_1_3] et [PERSONNE_2_3]"
    );
    let mut u = e.session(KEY).unwrap();
    u.pseudonymise(text);
    assert_eq!(
        u.pseudonymise("Mme Le Bihan et Jean-François LE BIHAN"),
        "Mme [PERSONNE_1_3] et [PERSONNE_2_3]"
    );
}

#[test]
fn vault_round_trip_and_errors() {
    let e = engine_with(&[(Kind::Email, Operator::Surrogate)]);
    let mut s = e.session(KEY).unwrap();
    let text = "Jean DUPONT (a@b.fr), puis M. Dupont et [EMAIL_1].";
    let out = s.pseudonymise(text);
    let vault = s.export_vault().unwrap();
    assert!(!String::from_utf8_lossy(&vault).contains("DUPONT"));
    let t = e.session_from_vault(KEY, &vault).unwrap();
    assert_eq!(t.restore(&out), text);
    // The restored session goes on numbering where the first one stopped.
    let mut t = t;
    assert_eq!(t.pseudonymise("Marie Curie"), "[PERSONNE_2]");
    assert!(
        e.session_from_vault(&[0u8; 32], &vault)
            .unwrap_err()
            .is_vault()
    );
    assert!(
        e.session_from_vault(&[0u8; 8], &vault)
            .unwrap_err()
            .is_key()
    );
    let mut bad = vault.clone();
    let n = bad.len();
    bad[n / 2] ^= 0x40;
    assert!(e.session_from_vault(KEY, &bad).unwrap_err().is_vault());
    assert!(
        e.session_from_vault(KEY, &vault[..n - 3])
            .unwrap_err()
            .is_vault()
    );
    let msg = e.session_from_vault(KEY, &bad).unwrap_err().to_string();
    assert!(!msg.contains("DUPONT"));
    let dbg = format!("{t:?}");
    assert!(
        !dbg.contains("DUPONT") && !dbg.contains("a@b") && dbg.contains("entities"),
        "{dbg}"
    );
}

#[test]
fn report_lists_review_first_without_values() {
    let e = Engine::builder()
        .deny(Kind::Person, ["Jean DUPONT"])
        .pattern("weak", Kind::TaxId, r"\bREF[0-9]{4}\b", 300)
        .build()
        .unwrap();
    let mut s = e.session(KEY).unwrap();
    let text = "Jean DUPONT, a@b.fr, dossier REF1234 de Jean DUPONT.";
    let (out, r) = s.pseudonymise_with_report(text);
    assert_eq!(
        out,
        "[PERSONNE_1], [EMAIL_1], dossier [NUMERO_FISCAL_1] de [PERSONNE_1]."
    );
    let json = r.to_json();
    for v in ["DUPONT", "a@b.fr", "REF1234"] {
        assert!(!json.contains(v), "{json}");
    }
    let first = &r.entries()[0];
    assert!(first.review && first.kind == "TAX_ID" && first.confidence == 300);
    let ctx = first.context.as_deref().unwrap();
    assert!(
        ctx.contains("⟦[NUMERO_FISCAL_1]⟧") && ctx.contains("[PERSONNE_1]"),
        "{ctx}"
    );
    assert_eq!(r.count(Kind::Person), 2);
    assert_eq!((r.entries()[1].start, r.entries()[1].end), (0, 11));
    assert_eq!(r.entries()[1].fingerprint, r.entries()[3].fingerprint);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["counts"]["PERSON"], 2);
    assert_eq!(v["to_review"], 1);
    let (_, r) = e
        .session(KEY)
        .unwrap()
        .pseudonymise_with_report_values(text);
    assert!(r.to_json().contains("REF1234"));
}

#[test]
fn streaming_restore_splits_tags() {
    let mut s = engine().session(KEY).unwrap();
    s.pseudonymise("Jean DUPONT a@b.fr");
    let mut r = s.restorer();
    let mut out = String::new();
    for c in [
        "Bonjour [PERS",
        "ONNE_1], ",
        "votre mail [EMAIL",
        "_1",
        "] ok",
    ] {
        out += &r.push(c);
    }
    out += &r.finish();
    assert_eq!(out, "Bonjour Jean DUPONT, votre mail a@b.fr ok");
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[ a-zA-Zé0-9.,;:'\n_\\[\\]()-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
        2 => prop::sample::select(vec!["Jean DUPONT", "M. Dupont", "DUPONT", "jean dupont", "Marie Curie", "Zoé Lefèvre"]).prop_map(str::to_owned),
        2 => "[a-z]{1,6}(\\.[a-z]{1,5})?@[a-z]{2,6}\\.(fr|com)",
        1 => "0[67]( ?[0-9]{2}){4}",
        1 => "[12] [0-9]{2} (0[1-9]|1[0-2]) [0-9]{2} [0-9]{3} [0-9]{3} [0-9]{2}",
        1 => prop::sample::select(vec!["Julien ROUSSEL", "roussel", "Duval", "Sylvie Marchand", "[NIR:3f9a1c2b7e]", "[EMAIL:", "exemple.fr"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["[EMAIL_1]", "PERSONNE_2", "[personne 1]", "Personne_1_2", "[NIR_1", "TELEPHONE_1_", "[DATE NAISSANCE 1]"]).prop_map(str::to_owned),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.join(" "))
}

fn no_tag_doc() -> impl Strategy<Value = String> {
    doc().prop_filter("no tag-like text", |d| {
        let u = d.to_uppercase();
        ![
            "PERSONNE",
            "EMAIL",
            "NIR",
            "TELEPHONE",
            "DATE",
            "IBAN",
            "IP",
            "CNI",
            "SIRE",
            "CARTE",
            "PLAQUE",
            "ADRESSE",
            "PASSEPORT",
            "NUMERO",
        ]
        .iter()
        .any(|l| u.contains(l))
    })
}

proptest! {
    // 128 cases by default; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn round_trip_every_restorable_operator(docs in prop::collection::vec(doc(), 1..6), op in prop::sample::select(vec![Operator::Tag, Operator::Hash, Operator::Surrogate])) {
        let e = engine_with(&all(op));
        let mut s = e.session(KEY).unwrap();
        let outs: Vec<String> = docs.iter().map(|d| s.pseudonymise(d)).collect();
        // Every earlier output still restores exactly after later calls.
        for (d, o) in docs.iter().zip(&outs) {
            prop_assert_eq!(&s.restore(o), d);
        }
        // The restored session gives the same answers.
        let t = e.session_from_vault(KEY, &s.export_vault().unwrap()).unwrap();
        for (d, o) in docs.iter().zip(&outs) {
            prop_assert_eq!(&t.restore(o), d);
        }
    }

    #[test]
    fn restore_never_panics_and_keeps_unknown_text(text in "([\\[\\]_ 0-9a-zA-Z]|PERSONNE|personne|EMAIL|NIR|Date naissance|DATE_NAISSANCE){0,40}") {
        let mut s = engine().session(KEY).unwrap();
        s.pseudonymise("Jean DUPONT, M. Dupont, a@b.fr");
        let r = s.restore(&text);
        // Only tags of this session change; everything else is kept.
        let fresh = engine().session(KEY).unwrap();
        prop_assert_eq!(fresh.restore(&text), text.clone());
        let out = s.pseudonymise(&text);
        prop_assert_eq!(s.restore(&out), text);
        let _ = r;
    }

    #[test]
    fn no_detected_value_leaks(text in doc()) {
        let e = engine();
        let findings = e.scan(&text);
        let mut s: Session = e.session(KEY).unwrap();
        let out = s.pseudonymise(&text);
        // Text outside findings: a value may legitimately appear there undetected.
        let mut gaps = Vec::new();
        let mut last = 0;
        for f in &findings {
            gaps.push(&text[last..f.span.start]);
            last = f.span.end;
        }
        gaps.push(&text[last..]);
        for f in &findings {
            let v = &text[f.span.range()];
            if v.chars().count() >= 5 && !gaps.iter().any(|g| g.contains(v)) {
                prop_assert!(!out.contains(v), "{:?} leaked in {:?}", v, out);
            }
        }
    }

    #[test]
    fn non_personal_bytes_unchanged(text in no_tag_doc(), op in prop::sample::select(Operator::ALL.to_vec())) {
        let e = engine_with(&all(op));
        let mut s = e.session(KEY).unwrap();
        let (out, report) = s.pseudonymise_with_report(&text);
        let mut entries: Vec<_> = report.entries().to_vec();
        entries.sort_by_key(|x| x.start);
        let mut want = String::new();
        let mut last = 0;
        for x in &entries {
            want.push_str(&text[last..x.start]);
            want.push_str(&x.pseudonym);
            last = x.end;
        }
        want.push_str(&text[last..]);
        prop_assert_eq!(out, want);
    }

    #[test]
    fn streaming_equals_whole(a in doc(), model in doc(), cuts in prop::collection::vec(0usize..40, 0..12)) {
        let e = engine_with(&[(Kind::Email, Operator::Surrogate), (Kind::Nir, Operator::Hash)]);
        let mut s = e.session(KEY).unwrap();
        let pa = s.pseudonymise(&a);
        // Model output: pseudonyms mixed with other text.
        let text = format!("{model} {pa} {model}");
        let whole = s.restore(&text);
        let mut r = s.restorer();
        let mut got = String::new();
        let mut rest = text.as_str();
        for c in cuts {
            let mut k = c.min(rest.len());
            while !rest.is_char_boundary(k) { k -= 1; }
            got += &r.push(&rest[..k]);
            rest = &rest[k..];
        }
        got += &r.push(rest);
        got += &r.finish();
        prop_assert_eq!(got, whole);
    }

    #[test]
    fn streaming_pseudonymise_equals_paragraphs(paras in prop::collection::vec(doc(), 1..4), cuts in prop::collection::vec(0usize..30, 0..10)) {
        let text = paras.join("\n\n");
        let e = engine();
        let mut whole = e.session(KEY).unwrap();
        let mut want = String::new();
        let mut rest = text.as_str();
        while let Some(p) = rest.find("\n\n") {
            want += &whole.pseudonymise(&rest[..p + 2]);
            rest = &rest[p + 2..];
        }
        want += &whole.pseudonymise(rest);
        let mut s = e.session(KEY).unwrap();
        let mut p = s.pseudonymiser();
        let mut got = String::new();
        let mut rest = text.as_str();
        for c in cuts {
            let mut k = c.min(rest.len());
            while !rest.is_char_boundary(k) { k -= 1; }
            got += &p.push(&rest[..k]);
            rest = &rest[k..];
        }
        got += &p.push(rest);
        got += &p.finish();
        prop_assert_eq!(got, want);
    }
}

mod cli {
    use std::io::Write;
    use std::process::{Command, Stdio};

    const HEX: &str = "00112233445566778899aabbccddeeff";

    fn run(args: &[&str], key: Option<&str>, input: &str) -> (i32, String, String) {
        let mut c = Command::new(env!("CARGO_BIN_EXE_caviard"));
        c.args(args).env_remove("CAVIARD_KEY");
        if let Some(k) = key {
            c.env("CAVIARD_KEY", k);
        }
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The command may exit before reading its input (a key error): ignore EPIPE.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        let o = child.wait_with_output().unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// A temporary directory for vaults, reports and key files, removed when the
    /// test ends, even when it fails.
    fn tmp_dir() -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix("caviard-pseudo-")
            .tempdir()
            .unwrap()
    }

    #[test]
    fn redact_vault_restore_round_trip() {
        let dir = tmp_dir();
        let tmp = |name: &str| dir.path().join(name);
        let vault = tmp("v1.bin");
        let report = tmp("r1.json");
        let v = vault.to_str().unwrap();
        let input =
            "Écrire à jean.dupont@example.fr.\n\n[EMAIL_1] est un littéral ; copie à a@b.fr.\n";
        let (code, out, err) = run(
            &[
                "redact",
                "--vault",
                v,
                "--report",
                report.to_str().unwrap(),
                "--operator",
                "EMAIL=surrogate",
            ],
            Some(HEX),
            input,
        );
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains("jean.dupont") && !out.contains("a@b.fr"),
            "{out}"
        );
        let rep = std::fs::read_to_string(&report).unwrap();
        assert!(
            rep.contains("\"EMAIL\":2") && !rep.contains("jean.dupont"),
            "{rep}"
        );
        let (code, back, err) = run(&["restore", "--vault", v], Some(HEX), &out);
        assert_eq!(code, 0, "{err}");
        assert_eq!(back, input);
        // Key from a file (hex) works too.
        let kf = tmp("key.hex");
        std::fs::write(&kf, format!("{HEX}\n")).unwrap();
        let (code, back, _) = run(
            &["restore", "--vault", v, "--key-file", kf.to_str().unwrap()],
            None,
            &out,
        );
        assert_eq!((code, back.as_str()), (0, input));
    }

    #[test]
    fn key_errors_exit_2() {
        let dir = tmp_dir();
        let vault = dir.path().join("v2.bin");
        let v = vault.to_str().unwrap();
        let (code, _, err) = run(&["redact", "--vault", v], None, "a@b.fr");
        assert_eq!(code, 2);
        assert!(err.contains("key"), "{err}");
        let (code, out, _) = run(&["redact", "--vault", v], Some(HEX), "a@b.fr");
        assert_eq!(code, 0);
        let (code, _, err) = run(
            &["restore", "--vault", v],
            Some("ffeeddccbbaa99887766554433221100"),
            &out,
        );
        assert_eq!(code, 2);
        assert!(err.contains("vault") && !err.contains("a@b.fr"), "{err}");
        let (code, _, _) = run(&["restore", "--vault", v], None, &out);
        assert_eq!(code, 2);
        let (code, _, _) = run(&["redact"], Some("abc"), "x");
        assert_eq!(code, 2);
        // Without a key and without a vault, a random key is generated.
        let (code, out, _) = run(&["redact"], None, "à a@b.fr");
        assert_eq!((code, out.as_str()), (0, "à [EMAIL_1]"));
        let (code, _, _) = run(&["redact", "--operator", "EMAIL=nope"], None, "x");
        assert_eq!(code, 1);
    }
}

/// The dev corpus, when present (`CAVIARD_DEV_CORPUS` or `../shared/eval/dev.jsonl`).
/// A document and its gold spans (code points).
type Doc = (String, Vec<(usize, usize)>);

fn dev_corpus() -> Option<Vec<Doc>> {
    let path = std::env::var("CAVIARD_DEV_CORPUS").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/dev.jsonl").to_owned()
    });
    let text = std::fs::read_to_string(path).ok()?;
    let mut docs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let t = v["text"].as_str().unwrap().to_owned();
        let spans = v["spans"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| {
                        (
                            s["start"].as_u64().unwrap() as usize,
                            s["end"].as_u64().unwrap() as usize,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        docs.push((t, spans));
    }
    Some(docs)
}

/// Round trip, determinism and leaks on the dev corpus; prints speed figures.
/// `cargo test --release --test integration dev_corpus -- --ignored --nocapture`
/// (`CAVIARD_DEV_LEAKS=0` also asserts that no gold value of ≥ 5 characters leaks).
#[test]
#[ignore = "needs the shared dev corpus; run explicitly"]
fn dev_corpus_round_trip() {
    let Some(docs) = dev_corpus() else {
        panic!("dev corpus not found: set CAVIARD_DEV_CORPUS");
    };
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let ops: Vec<Operator> = match std::env::var("CAVIARD_DEV_OP") {
        Ok(o) => vec![o.parse().unwrap()],
        Err(_) => vec![Operator::Tag, Operator::Surrogate, Operator::Hash],
    };
    for op in ops {
        let e = if op == Operator::Tag {
            Engine::new()
        } else {
            let mut b = Engine::builder();
            for k in Kind::ALL {
                b = b.operator(k, op);
            }
            b.build().unwrap()
        };
        const REPS: u32 = 5;
        let t0 = std::time::Instant::now();
        for _ in 0..REPS {
            for d in &docs {
                std::hint::black_box(e.scan(&d.0));
            }
        }
        let scan = t0.elapsed() / REPS;
        let t0 = std::time::Instant::now();
        for _ in 0..REPS - 1 {
            let mut s = e.session(KEY).unwrap();
            for d in &docs {
                std::hint::black_box(s.pseudonymise(&d.0));
            }
        }
        let mut s = e.session(KEY).unwrap();
        let outs: Vec<String> = docs.iter().map(|d| s.pseudonymise(&d.0)).collect();
        let pseudo = t0.elapsed() / REPS;
        let t0 = std::time::Instant::now();
        for o in &outs {
            std::hint::black_box(s.restore(o));
        }
        let restore = t0.elapsed();
        let mut s2 = e.session(KEY).unwrap();
        let mut leaks = 0;
        for ((text, spans), out) in docs.iter().zip(&outs) {
            assert_eq!(&s.restore(out), text, "{op}: round trip");
            assert_eq!(&s2.pseudonymise(text), out, "{op}: determinism");
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
            for &(a, b) in spans {
                let v = &text[byte(a)..byte(b)];
                if b - a >= 5 && out.contains(v) {
                    leaks += 1;
                }
            }
        }
        let mbs = |d: std::time::Duration| bytes as f64 / d.as_secs_f64() / 1e6;
        println!(
            "{op}: {} docs, {bytes} bytes; scan {:.1} MB/s, pseudonymise (scan included) {:.1} MB/s, restore {:.1} MB/s; gold values ≥ 5 chars surviving: {leaks}",
            docs.len(),
            mbs(scan),
            mbs(pseudo),
            mbs(restore)
        );
        if std::env::var("CAVIARD_DEV_LEAKS").as_deref() == Ok("0") {
            assert_eq!(leaks, 0, "{op}");
        }
    }
}

#[test]
fn earlier_pseudonyms_in_the_input_are_protected() {
    for op in [Operator::Surrogate, Operator::Hash] {
        let e = engine_with(&all(op));
        let mut s = e.session(KEY).unwrap();
        let first = s.pseudonymise("Jean DUPONT, a@b.fr");
        // A user pastes the earlier output back, next to the real values.
        let text = format!("{first} / JEAN DUPONT / {}", first.to_uppercase());
        let out = s.pseudonymise(&text);
        assert_eq!(s.restore(&out), text, "{op}: {out}");
        assert!(!out.contains("DUPONT"), "{op}: {out}");
    }
}

#[test]
fn surrogate_surname_alone_is_restored() {
    let e = engine_with(&all(Operator::Surrogate));
    let mut s = e.session(KEY).unwrap();
    let out = s.pseudonymise("Jean DUPONT a écrit.");
    let fake = out.trim_end_matches(" a écrit.");
    let words: Vec<&str> = fake.split(' ').collect();
    assert_eq!(words.len(), 2, "{out}");
    assert!(words[1].chars().all(|c| c.is_ascii_uppercase()), "{out}");
    let answer = format!("Réponse à M. {} ({})", words[1], fake.to_uppercase());
    assert_eq!(s.restore(&answer), "Réponse à M. DUPONT (Jean DUPONT)");
    // Seen later, the surname alone gets the same surrogate.
    let later = s.pseudonymise("DUPONT rappelle.");
    assert_eq!(later, format!("{} rappelle.", words[1]));
}

#[test]
fn surrogates_of_later_calls_do_not_change_earlier_outputs() {
    // Each paragraph in its own call, the outputs restored together: a pseudonym
    // made by a later call ("M. Xxx" for "F. Joseph", another spelling of a Le
    // Bihan) must not take over text of an earlier output. The paragraphs are those
    // of the dense bench corpus that showed it.
    let text = include_str!("data/surrogate_paragraphs.txt");
    let e = engine_with(&all(Operator::Surrogate));
    for k in [7u8, 8, 9] {
        let mut s = e.session(&[k; 32]).unwrap();
        let out: String = text
            .split_inclusive("\n\n")
            .map(|p| s.pseudonymise(p))
            .collect();
        let back = s.restore(&out);
        let same = back
            .bytes()
            .zip(text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        assert!(
            back == text,
            "key {k}: restored text differs from byte {same}"
        );
    }
}
