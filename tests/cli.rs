//! The `caviard` binary: formats, exit codes, bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn caviard(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caviard"))
        .args(args)
        .env_remove("CAVIARD_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run caviard");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn scan_jsonl_keeps_order_ids_and_byte_offsets() {
    let mut input = String::new();
    for i in 0..600 {
        input.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"Réponse n°{i} à zoé{i}@exemple.fr\"}}\n"
        ));
    }
    for threads in ["1", "2", "4"] {
        let o = caviard(&["scan", "--jsonl", "--threads", threads], input.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let lines: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        assert_eq!(lines.len(), 600);
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(l["id"], i);
            let text = format!("Réponse n°{i} à zoé{i}@exemple.fr");
            let e = &l["entities"][0];
            assert_eq!(e["type"], "EMAIL");
            let (s, end) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..end], format!("zoé{i}@exemple.fr"));
            for field in ["score", "detector", "reason"] {
                assert!(!e[field].is_null(), "{field}");
            }
        }
    }
}

#[test]
fn scan_text_json() {
    let o = caviard(&["scan"], "Écrire à a.b@c.fr ou d@e.fr\n".as_bytes());
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 2);
    assert_eq!(v["entities"][0]["start"], 11);
    assert_eq!(v["counts"]["EMAIL"], 2);
}

#[test]
fn large_input_is_segmented_with_global_offsets() {
    // Well over one segment: offsets must stay global and identical for any thread count.
    let mut text = String::new();
    let mut expected = vec![];
    for i in 0..60_000 {
        if i % 1000 == 0 {
            let start = text.len() + 8;
            text.push_str(&format!("contact a{i}@exemple.fr\n\n"));
            expected.push(start);
        } else {
            text.push_str("Une ligne de texte ordinaire, sans donnée personnelle.\n");
        }
    }
    assert!(text.len() > 3 << 20);
    let mut outputs = vec![];
    for threads in ["1", "2", "3"] {
        let o = caviard(&["scan", "--threads", threads], text.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let starts: Vec<usize> = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["start"].as_u64().unwrap() as usize)
            .collect();
        assert_eq!(starts, expected);
        assert_eq!(v["bytes"], text.len());
        outputs.push(stdout(&o));
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn invalid_utf8_is_exit_2_with_offset_and_valid_output() {
    let o = caviard(&["scan"], b"bonjour a@b.fr \xff\xfe");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("byte 15"), "{}", stderr(&o));
    let _: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("output stays valid JSON");
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn bad_jsonl_line_is_exit_2_naming_the_line() {
    let input = b"{\"id\":1,\"text\":\"a@b.fr\"}\n{\"id\":2,\"text\":\"x\"}\nnot json at all\n{\"id\":4,\"text\":\"y\"}\n";
    let o = caviard(&["scan", "--jsonl", "--threads", "2"], input);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));
    // What was written before the bad line is complete and valid.
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let _: serde_json::Value = serde_json::from_str(l).unwrap();
    }
    let o = caviard(&["scan", "--jsonl"], b"{\"id\":1}\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1") && stderr(&o).contains("text"));
    let o = caviard(&["scan", "--jsonl"], b"{\"id\":1,\"text\":\"\xff\"}\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1") && stderr(&o).contains("UTF-8"));
}

#[test]
fn skip_invalid_goes_on_and_reports() {
    let input = b"{\"id\":1,\"text\":\"a@b.fr\"}\n[1,2]\n{\"id\":\"x\",\"text\":3}\n{\"id\":4,\"text\":\"c@d.fr\"}\n";
    let o = caviard(&["scan", "--jsonl", "--skip-invalid"], input);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(lines[2]["id"], "x");
    assert_eq!(lines[3]["entities"][0]["type"], "EMAIL");
    assert!(stderr(&o).contains("line 3"));
}

#[test]
fn usage_errors_are_exit_1() {
    assert_eq!(caviard(&["scan", "--nope"], b"").status.code(), Some(1));
    assert_eq!(
        caviard(&["scan", "--kinds", "NOPE"], b"").status.code(),
        Some(1)
    );
    assert_eq!(caviard(&[], b"").status.code(), Some(1));
    assert_eq!(caviard(&["--version"], b"").status.code(), Some(0));
}

#[test]
fn missing_file_is_exit_2() {
    let o = caviard(&["scan", "/nonexistent/caviard-test"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/caviard-test"));
}

#[test]
fn kinds_and_lists_from_files() {
    let tmp = tempfile::Builder::new()
        .prefix("caviard-cli-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let deny = dir.join("deny.tsv");
    std::fs::write(&deny, "PERSON\tZorglub\n").unwrap();
    let allow = dir.join("allow.txt");
    std::fs::write(&allow, "accueil@mairie.fr\n").unwrap();
    let o = caviard(
        &[
            "scan",
            "--deny-list",
            deny.to_str().unwrap(),
            "--allow-list",
            allow.to_str().unwrap(),
        ],
        b"Zorglub ecrit a accueil@mairie.fr et z@z.fr",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let types: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["PERSON", "EMAIL"]);
    let o = caviard(&["scan", "--kinds", "NIR"], b"z@z.fr");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["entities"].as_array().unwrap().is_empty());
    std::fs::write(&deny, "no tab here\n").unwrap();
    let o = caviard(&["scan", "--deny-list", deny.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 1"));
}

#[test]
fn redact_output_does_not_depend_on_threads() {
    // Several segments, values repeated across them: the numbering must follow the
    // input order whatever the number of workers.
    let mut text = String::new();
    for i in 0..40_000 {
        text.push_str(&format!(
            "Ligne {i} : écrire à agent{}@exemple.fr ou à zoé@exemple.fr.\n",
            i % 97
        ));
        if i % 500 == 0 {
            text.push('\n');
        }
    }
    assert!(text.len() > 2 << 20);
    let key = "00112233445566778899aabbccddeeff";
    let run = |threads: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_caviard"))
            .args(["redact", "--threads", threads])
            .env("CAVIARD_KEY", key)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run caviard");
        let mut input = child.stdin.take().expect("stdin");
        let data = text.clone();
        let w = std::thread::spawn(move || input.write_all(data.as_bytes()));
        let out = child.wait_with_output().expect("wait");
        w.join().expect("writer").expect("write");
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let one = run("1");
    assert!(!String::from_utf8_lossy(&one).contains("@exemple.fr"));
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}

#[test]
fn max_input_applies_to_plain_text_too() {
    let o = caviard(&["scan", "--max-input", "10"], b"0123456789abcdef");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("maximum of 10 bytes"), "{}", stderr(&o));
    let o = caviard(&["redact", "--max-input", "10"], b"0123456789abcdef");
    assert_eq!(o.status.code(), Some(2));
    let o = caviard(&["scan", "--max-input", "16"], b"0123456789abcdef");
    assert!(o.status.success());
}

#[test]
fn a_value_on_one_huge_line_is_not_cut() {
    // One line longer than a segment: the cut must not split the address.
    let mut text = "mot ".repeat((8 << 20) / 4 - 3);
    text.push_str("jean.dupont@exemple.fr fin");
    let o = caviard(&["redact"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        !out.contains("dupont"),
        "a part of the e-mail address leaked"
    );
    assert!(out.ends_with("[EMAIL_1] fin"));
}
