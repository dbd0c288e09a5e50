//! Robustness and security: errors for bad input (library and CLI), no personal
//! value in any error, `Debug` string or log line, and concurrent use of one engine.

use caviard::{Engine, Kind, Operator, Session};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// A document holding a valid value of every kind, with the value each finding must
/// cover (the test first checks that the engine finds them all, so the greps below
/// look for values that really went through the pipeline).
const DOC: &str = "Objet : dossier de Mme Hélène LEFEBVRE, née le 14/07/1982 à Lyon.
N° de sécurité sociale : 2 82 07 69 123 456 73
IBAN : FR76 3000 6000 0112 3456 7890 189
Courriel : helene.lefebvre@exemple.fr, tél. 06 12 34 56 78.
Domicile : 12 rue des Lilas, 69003 Lyon.
Carte bancaire : 4970 1012 3456 7893
Adresse IP de connexion : 192.168.10.42
Véhicule immatriculé AB-123-CD.
SIRET de son entreprise : 732 829 320 00074
Numéro fiscal : 1234567890066
Passeport n° 12AB34567, carte d'identité n° 880692310285.
";

const VALUES: &[(Kind, &str)] = &[
    (Kind::Person, "Hélène LEFEBVRE"),
    (Kind::BirthDate, "14/07/1982"),
    (Kind::Nir, "2 82 07 69 123 456 73"),
    (Kind::Iban, "FR76 3000 6000 0112 3456 7890 189"),
    (Kind::Email, "helene.lefebvre@exemple.fr"),
    (Kind::Phone, "06 12 34 56 78"),
    (Kind::Address, "12 rue des Lilas, 69003 Lyon"),
    (Kind::Card, "4970 1012 3456 7893"),
    (Kind::Ip, "192.168.10.42"),
    (Kind::Plate, "AB-123-CD"),
    (Kind::Siret, "732 829 320 00074"),
    (Kind::TaxId, "1234567890066"),
    (Kind::Passport, "12AB34567"),
    (Kind::IdCard, "880692310285"),
];

/// The strings to look for in side channels: each value, its compact form (no
/// spaces) and its distinctive parts (a surname, a local part).
fn needles() -> Vec<String> {
    let mut n = Vec::new();
    for (_, v) in VALUES {
        n.push(v.to_string());
        let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        n.push(compact);
    }
    n.extend(["LEFEBVRE", "Lefebvre", "helene.lefebvre", "Lilas"].map(String::from));
    n
}

fn assert_no_value(what: &str, s: &str) {
    for v in needles() {
        assert!(
            !s.contains(&v),
            "{what} contains a personal value ({} chars)",
            v.len()
        );
    }
}

const KEY: [u8; 32] = [7; 32];
const OPERATORS: [Operator; 5] = [
    Operator::Tag,
    Operator::Mask,
    Operator::Redact,
    Operator::Hash,
    Operator::Surrogate,
];

fn engine_with(op: Operator) -> Engine {
    let mut b = Engine::builder();
    for k in Kind::ALL {
        b = b.operator(k, op);
    }
    b.build().expect("engine")
}

#[test]
fn the_document_holds_every_kind() {
    let engine = Engine::new();
    let found = engine.scan(DOC);
    for (kind, value) in VALUES {
        assert!(
            found
                .iter()
                .any(|f| f.kind == *kind && &DOC[f.span.range()] == *value),
            "{kind:?} {value:?} not found"
        );
    }
}

// ---------------------------------------------------------------------------
// Library errors.

#[test]
fn library_errors_name_where_and_never_what() {
    let engine = Engine::builder().max_input_len(64).build().unwrap();
    // (input, expected message)
    let cases: &[(&[u8], &str)] = &[
        (
            b"Jean Dupont \xff 06 12 34 56 78",
            "invalid UTF-8 at byte 12",
        ),
        (b"\xc3", "invalid UTF-8 at byte 0"),
        (
            "Hélène LEFEBVRE \u{e9}\u{e9}".as_bytes().split_at(19).0,
            "invalid UTF-8 at byte 18",
        ),
        (
            &[b'7'; 65],
            "input of 65 bytes is larger than the maximum of 64 bytes",
        ),
    ];
    for (input, msg) in cases {
        let err = engine.scan_bytes(input).unwrap_err();
        assert_eq!(err.to_string(), *msg);
        assert_no_value("error", &format!("{err} {err:?}"));
    }
    let err = engine.scan_bytes(&[b'7'; 65]).unwrap_err();
    assert!(err.is_too_large());
    assert_eq!(
        engine.scan_bytes(b"ok \xff").unwrap_err().utf8_offset(),
        Some(3)
    );
    assert!(engine.scan_bytes(&[b'7'; 64]).is_ok());
    // Default limit is documented and positive.
    assert_eq!(Engine::new().max_input_len(), caviard::DEFAULT_MAX_INPUT);
}

#[test]
fn nul_bytes_are_text() {
    let engine = Engine::new();
    let text = "\0Tél\0: 06 12 34 56 78\0 mail\0jean.dupont@example.fr\0";
    let found = engine
        .scan_bytes(text.as_bytes())
        .expect("NUL is valid UTF-8");
    let values: Vec<&str> = found.iter().map(|f| &text[f.span.range()]).collect();
    assert_eq!(values, ["06 12 34 56 78", "jean.dupont@example.fr"]);
    let mut s = engine.session(&KEY).unwrap();
    let out = s.pseudonymise(text);
    assert_eq!(out.matches('\0').count(), 5, "{out:?}");
    assert_eq!(s.restore(&out), text);
}

#[test]
fn short_keys_are_refused_without_quoting_them() {
    let err = Engine::new().session(&[1; 15]).unwrap_err();
    assert!(err.is_key());
    assert!(err.to_string().starts_with("key error: "), "{err}");
    assert!(!err.to_string().contains("[1, 1"));
    assert!(Engine::new().session(&[]).unwrap_err().is_key());
}

fn session_with_doc() -> (Session, String, Vec<u8>) {
    let mut s = Engine::new().session(&KEY).unwrap();
    let out = s.pseudonymise(DOC);
    let vault = s.export_vault().unwrap();
    (s, out, vault)
}

#[test]
fn vault_truncated_tampered_or_wrong_key_is_an_error_and_no_session() {
    let (_, out, vault) = session_with_doc();
    let engine = Engine::new();
    let good = engine.session_from_vault(&KEY, &vault).unwrap();
    assert_eq!(good.restore(&out), DOC);

    let check = |what: &str, key: &[u8], bytes: &[u8], msg: &str| {
        let err = engine.session_from_vault(key, bytes).unwrap_err();
        assert!(err.is_vault(), "{what}: {err}");
        assert_eq!(err.to_string(), msg, "{what}");
        assert_no_value(what, &format!("{err} {err:?}"));
    };
    let auth = "vault error: wrong key, or the vault was modified or truncated";
    check("wrong key", &[8; 32], &vault, auth);
    check("empty", &KEY, b"", "vault error: not a caviard vault");
    check(
        "other file",
        &KEY,
        DOC.as_bytes(),
        "vault error: not a caviard vault",
    );
    // Every truncation: an error (which one depends on where it is cut).
    for n in 0..vault.len() {
        let err = engine.session_from_vault(&KEY, &vault[..n]).unwrap_err();
        assert!(err.is_vault(), "cut at {n}: {err}");
    }
    check("cut in the tag", &KEY, &vault[..vault.len() - 1], auth);
    // Every single flipped bit in the header, nonce, ciphertext and tag.
    for i in 0..vault.len() {
        let mut v = vault.clone();
        v[i] ^= 0x10;
        let err = engine.session_from_vault(&KEY, &v).unwrap_err();
        assert!(err.is_vault(), "byte {i}: {err}");
    }
    let mut v = vault.clone();
    v[8] = 2;
    let err = engine.session_from_vault(&KEY, &v).unwrap_err();
    assert!(err.to_string().contains("version"), "{err}");
    // Appended bytes change the tag position: refused too.
    let mut v = vault.clone();
    v.push(0);
    check("appended byte", &KEY, &v, auth);
}

// ---------------------------------------------------------------------------
// No personal value in side channels.

#[test]
fn no_value_in_debug_errors_or_reports() {
    let mut seen = Vec::new();
    let engine = Engine::new();
    let found = engine.scan(DOC);
    assert!(found.len() >= VALUES.len());
    seen.push(("findings", format!("{found:?} {found:#?}")));
    seen.push(("engine", format!("{engine:?}")));
    for op in OPERATORS {
        let engine = engine_with(op);
        let mut s = engine.session(&KEY).unwrap();
        let (out, report) = s.pseudonymise_with_report(DOC);
        seen.push(("output", out.clone()));
        seen.push(("report json", report.to_json()));
        seen.push(("report debug", format!("{report:?}")));
        seen.push(("session", format!("{s:?} {s:#?}")));
        seen.push(("restorer", format!("{:?}", s.restorer())));
        seen.push(("pseudonymiser", format!("{:?}", s.pseudonymiser())));
        if matches!(op, Operator::Tag | Operator::Surrogate) {
            assert!(s.restore(&out) == DOC, "{op:?} restores");
        }
        let vault = s.export_vault().unwrap();
        let err = engine.session_from_vault(&[9; 32], &vault).unwrap_err();
        seen.push(("wrong-key error", format!("{err} {err:?}")));
        let mut cut = vault.clone();
        cut.truncate(vault.len() / 2);
        let err = engine.session_from_vault(&KEY, &cut).unwrap_err();
        seen.push(("truncated-vault error", format!("{err} {err:?}")));
        // The vault itself is encrypted: no value in clear.
        seen.push(("vault bytes", String::from_utf8_lossy(&vault).into_owned()));
        let back = engine.session_from_vault(&KEY, &vault).unwrap();
        seen.push(("session from vault", format!("{back:?}")));
    }
    // The builder may hold a deny-list of names: its Debug must not print them.
    let builder = Engine::builder()
        .deny(Kind::Person, ["LEFEBVRE"])
        .allow(["Lilas"]);
    seen.push(("builder", format!("{builder:?}")));
    let err = Engine::new().scan_bytes(&[DOC.as_bytes(), b"\xff"].concat());
    seen.push(("utf8 error", format!("{:?}", err.unwrap_err())));
    for (what, s) in &seen {
        if *what == "output" {
            continue;
        }
        assert_no_value(what, s);
    }
}

#[test]
fn no_value_in_the_output_of_any_operator() {
    for op in OPERATORS {
        let mut s = engine_with(op).session(&KEY).unwrap();
        let out = s.pseudonymise(DOC);
        for (kind, v) in VALUES {
            assert!(!out.contains(v), "{op:?} leaves a {kind:?} value in clear");
        }
    }
}

#[test]
fn panic_messages_are_not_printed_by_the_cli() {
    // A panic message could quote the input; the CLI's panic hook prints the location
    // only. No bad input makes it panic (that is what the tests below and the fuzz
    // targets check), so check that the hook is compiled in.
    let bin = std::fs::read(env!("CARGO_BIN_EXE_caviard")).expect("binary");
    let needle = b"message withheld";
    assert!(bin.windows(needle.len()).any(|w| w == needle));
}

fn caviard(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caviard"));
    cmd.args(args)
        .env_remove("CAVIARD_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run caviard");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}

/// Writes `bytes` to `name` in `dir` (a temporary directory, removed with its key
/// and vault files when the test ends, even when it fails).
fn tmp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const HEX_KEY: &str = "0707070707070707070707070707070707070707070707070707070707070707";

/// (args, environment, stdin, exit code, expected text on stderr)
type CliCase<'a> = (Vec<String>, Vec<(&'a str, &'a str)>, Vec<u8>, i32, String);

/// Every bad input or option of the CLI: exit code, the message on stderr, and no
/// personal value on stderr.
#[test]
fn cli_bad_input_exit_codes_messages_and_no_value_on_stderr() {
    let dir = tempfile::Builder::new()
        .prefix("caviard-robust-")
        .tempdir()
        .unwrap();
    let tmp = |name: &str, bytes: &[u8]| tmp(&dir, name, bytes);
    let doc = DOC.as_bytes();
    let key = tmp("key", HEX_KEY.as_bytes());
    let key = key.to_str().unwrap();
    let red = caviard(
        &[
            "redact",
            "--key-file",
            key,
            "--vault",
            tmp("v", b"").to_str().unwrap(),
        ],
        &[],
        doc,
    );
    assert_eq!(red.status.code(), Some(0));
    let vault_path = dir.path().join("v");
    let vault = std::fs::read(&vault_path).unwrap();
    let masked = red.stdout.clone();
    assert_no_value("redact stdout", &String::from_utf8_lossy(&masked));
    let vpath = vault_path.to_str().unwrap();
    let cut = tmp("cut", &vault[..vault.len() - 3]);
    let mut flipped = vault.clone();
    let mid = vault.len() / 2;
    flipped[mid] ^= 1;
    let flipped = tmp("flipped", &flipped);
    let wrong = tmp("wrong", "08".repeat(32).as_bytes());
    let short = tmp("short", b"0707");
    let deny = tmp("deny", b"PERSON\tLEFEBVRE\nNOKIND Lilas\n");
    let not_utf8 = [doc, b"\xff\xfe", doc].concat();
    let bad_jsonl = format!(
        "{{\"id\":1,\"text\":{}}}\n{{\"id\":2,\"text\":\"Hélène LEFEBVRE, 06 12 34 56 78\"\n{{\"id\":3,\"text\":[\"LEFEBVRE\"]}}\n",
        serde_json_string(DOC)
    );
    let auth = "caviard: vault error: wrong key, or the vault was modified or truncated";
    let s = |p: &std::path::Path| p.to_str().unwrap().to_owned();
    let cases: Vec<CliCase> = vec![
        (
            vec!["scan".into()],
            vec![],
            not_utf8.clone(),
            2,
            format!("caviard: invalid UTF-8 at byte {}", doc.len()),
        ),
        (
            vec!["redact".into()],
            vec![],
            not_utf8.clone(),
            2,
            format!("caviard: invalid UTF-8 at byte {}", doc.len()),
        ),
        (
            vec![
                "scan".into(),
                "--jsonl".into(),
                "--max-input".into(),
                "100".into(),
            ],
            vec![],
            bad_jsonl.clone().into_bytes(),
            2,
            format!(
                "caviard: line 1: text of {} bytes is larger than the maximum of 100 bytes",
                DOC.len()
            ),
        ),
        (
            vec!["scan".into(), "--jsonl".into()],
            vec![],
            bad_jsonl.clone().into_bytes(),
            2,
            "caviard: line 2: not valid JSON".into(),
        ),
        (
            vec!["scan".into(), "--jsonl".into(), "--skip-invalid".into()],
            vec![],
            bad_jsonl.clone().into_bytes(),
            0,
            "caviard: skipped line 3: \"text\" is not a string".into(),
        ),
        (
            vec!["restore".into(), "--vault".into(), vpath.into()],
            vec![],
            masked.clone(),
            2,
            "caviard: restore needs the vault's key".into(),
        ),
        (
            vec![
                "restore".into(),
                "--vault".into(),
                s(&cut),
                "--key-file".into(),
                key.into(),
            ],
            vec![],
            masked.clone(),
            2,
            auth.into(),
        ),
        (
            vec![
                "restore".into(),
                "--vault".into(),
                s(&flipped),
                "--key-file".into(),
                key.into(),
            ],
            vec![],
            masked.clone(),
            2,
            auth.into(),
        ),
        (
            vec![
                "restore".into(),
                "--vault".into(),
                vpath.into(),
                "--key-file".into(),
                s(&wrong),
            ],
            vec![],
            masked.clone(),
            2,
            auth.into(),
        ),
        (
            vec!["restore".into(), "--vault".into(), vpath.into()],
            vec![("CAVIARD_KEY", "not hex: Hélène LEFEBVRE")],
            masked.clone(),
            2,
            "caviard: CAVIARD_KEY must be hexadecimal".into(),
        ),
        (
            vec!["redact".into(), "--key-file".into(), s(&short)],
            vec![],
            doc.to_vec(),
            2,
            "caviard: the key is too short".into(),
        ),
        (
            vec![
                "restore".into(),
                "--vault".into(),
                s(&tmp("doc.txt", DOC.as_bytes())),
            ],
            vec![("CAVIARD_KEY", HEX_KEY)],
            masked.clone(),
            2,
            "caviard: vault error: not a caviard vault".into(),
        ),
        (
            vec!["redact".into(), "--deny-list".into(), s(&deny)],
            vec![],
            doc.to_vec(),
            1,
            "caviard: ".into(),
        ),
        (
            vec!["redact".into(), "--vault".into(), s(&tmp("v2", b""))],
            vec![],
            doc.to_vec(),
            2,
            "caviard: --vault needs a key".into(),
        ),
        (
            vec!["redact".into(), "--operator".into(), "PHONE=blur".into()],
            vec![],
            doc.to_vec(),
            1,
            "caviard: ".into(),
        ),
    ];
    for (args, env, stdin, code, msg) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = caviard(&a, env, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(msg.as_str()), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_no_value(&format!("stderr of {args:?}"), &err);
    }
    // The good key restores exactly; the wrong ones printed nothing on stdout.
    let ok = caviard(
        &["restore", "--vault", vpath, "--key-file", key],
        &[],
        &masked,
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(ok.stdout, doc);
    let bad = caviard(
        &["restore", "--vault", s(&cut).as_str(), "--key-file", key],
        &[],
        &masked,
    );
    assert!(bad.stdout.is_empty(), "no partial output from a bad vault");
}

fn serde_json_string(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

// ---------------------------------------------------------------------------
// Concurrency.

/// Many threads share one engine, each with its own sessions, scanning and
/// pseudonymising at the same time: every result equals the single-threaded one.
#[test]
fn one_engine_many_threads_many_sessions() {
    let engine = Engine::new();
    let docs: Vec<String> = (0..24)
        .map(|i| {
            let d = DOC.replace("06 12 34 56 78", &format!("06 12 34 56 {:02}", i % 100));
            format!(
                "Document {i}.\n{d}\n{}",
                "Texte sans donnée personnelle. ".repeat(i)
            )
        })
        .collect();
    let reference = |engine: &Engine, seed: u8| -> Vec<(Vec<caviard::Finding>, String)> {
        let mut s = engine.session(&[seed; 32]).unwrap();
        docs.iter()
            .map(|d| (engine.scan(d), s.pseudonymise(d)))
            .collect()
    };
    let expected: Vec<_> = (0..4u8).map(|seed| reference(&engine, seed)).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16usize)
            .map(|t| {
                let engine = engine.clone();
                let (reference, expected, docs) = (&reference, &expected, &docs);
                scope.spawn(move || {
                    for round in 0..3 {
                        let seed = (t + round) % 4;
                        let got = reference(&engine, seed as u8);
                        for (i, r) in got.iter().enumerate() {
                            assert!(r == &expected[seed][i], "thread {t} doc {i}");
                        }
                    }
                    // Restoring from a vault in another thread gives the values back.
                    let mut s = engine.session(&[t as u8; 32]).unwrap();
                    let outs: Vec<String> = docs.iter().map(|d| s.pseudonymise(d)).collect();
                    let vault = s.export_vault().unwrap();
                    let back = engine.session_from_vault(&[t as u8; 32], &vault).unwrap();
                    for (o, d) in outs.iter().zip(docs.iter()) {
                        assert_eq!(&back.restore(o), d);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("no thread panicked");
        }
    });
}

#[test]
fn sessions_move_between_threads() {
    let engine = Engine::new();
    let mut s = engine.session(&KEY).unwrap();
    let first = s.pseudonymise(DOC);
    let (s, second) = std::thread::spawn(move || {
        let out = s.pseudonymise(DOC);
        (s, out)
    })
    .join()
    .unwrap();
    assert_eq!(first, second, "same session, same pseudonyms, any thread");
    assert_eq!(s.restore(&second), DOC);
}

// ---------------------------------------------------------------------------
// Unicode inside identifiers.

/// Numbers written with any Unicode space, dash or invisible character between their
/// groups are found whole (copy-paste from PDFs and word processors, or deliberate
/// obfuscation with zero-width characters).
#[test]
fn every_unicode_separator_inside_numbers() {
    let engine = Engine::new();
    let seps = [
        " ", "\t", "\u{a0}", "\u{202f}", "\u{2000}", "\u{2003}", "\u{2007}", "\u{2009}",
        "\u{200a}", "\u{205f}", "\u{3000}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}",
        "\u{2212}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}",
    ];
    let values: [(Kind, &str, &[&str]); 4] = [
        (Kind::Phone, "Tél : ", &["06", "12", "34", "56", "78"]),
        (
            Kind::Nir,
            "NIR : ",
            &["2", "82", "07", "69", "123", "456", "73"],
        ),
        (
            Kind::Iban,
            "IBAN : ",
            &["FR76", "3000", "6000", "0112", "3456", "7890", "189"],
        ),
        (
            Kind::Card,
            "Carte bancaire : ",
            &["4970", "1012", "3456", "7893"],
        ),
    ];
    for sep in seps {
        for (kind, label, groups) in values {
            let value = groups.join(sep);
            let text = format!("{label}{value}, merci.");
            let found = engine.scan(&text);
            assert!(
                found
                    .iter()
                    .any(|f| f.kind == kind && text[f.span.range()] == value),
                "{kind:?} with separator {sep:?}: {found:?}"
            );
        }
    }
}

/// NFD text (combining accents, as macOS and some PDFs write it) is treated like NFC.
#[test]
fn nfd_text_like_nfc() {
    let engine = Engine::new();
    let nfc = "Hélène Lévy, née le 3 février 1980 à Besançon.";
    let nfd = "He\u{301}le\u{300}ne Le\u{301}vy, ne\u{301}e le 3 fe\u{301}vrier 1980 a\u{300} Besanc\u{327}on.";
    let kinds = |t: &str| -> Vec<Kind> { engine.scan(t).iter().map(|f| f.kind).collect() };
    assert_eq!(kinds(nfd), kinds(nfc));
    assert!(kinds(nfd).contains(&Kind::BirthDate));
    // The spans cover the combining marks: none starts on one or leaves one behind.
    let combining = |c: Option<char>| c.is_some_and(|c| ('\u{300}'..='\u{36f}').contains(&c));
    for f in engine.scan(nfd) {
        assert!(!combining(nfd[f.span.start..].chars().next()), "{f:?}");
        assert!(!combining(nfd[f.span.end..].chars().next()), "{f:?}");
    }
    let mut s = engine.session(&KEY).unwrap();
    let out = s.pseudonymise(nfd);
    assert!(
        out.starts_with("[PERSONNE_1], ne\u{301}e le [DATE"),
        "{out}"
    );
    assert!(s.restore(&out) == nfd);
}
