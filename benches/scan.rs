//! Throughput benchmarks (MB/s, `Throughput::Bytes`).
//!
//! Corpora: `../shared/bench/clean_fr.txt.gz` (French prose) and
//! `../shared/bench/dense_pii_fr.txt.gz` (personal data everywhere) when they exist
//! next to the repository (or under `CAVIARD_BENCH_DIR`); otherwise a generated corpus
//! of the same two flavours, so the benches always run.
//!
//! Groups: `engine` (the whole engine), `family` (one kind at a time),
//! `pseudonymise` and `restore` (a session end to end), `build` (engine build).

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use caviard::{Engine, Kind, Operator};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

fn bench_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("CAVIARD_BENCH_DIR") {
        return Some(PathBuf::from(d));
    }
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    d.is_dir().then_some(d)
}

fn load_gz(name: &str) -> Option<String> {
    let path = bench_dir()?.join(name);
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut s)
        .ok()?;
    Some(s)
}

/// A deterministic pseudo-random generator (no dependency, reproducible corpora).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.next() % v.len()]
    }
}

const PROSE: &[&str] = &[
    "La commission se réunira le 12 mars 2024 à 14 h 30 en salle du conseil.",
    "Le montant total s'élève à 1 234 567,89 € pour l'exercice 2023.",
    "Conformément à l'article L. 262-2 du code de l'action sociale et des familles, la demande est recevable.",
    "La loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés s'applique.",
    "Les pièces justificatives doivent être transmises avant la fin du mois.",
    "Le service instructeur a examiné le dossier n° 2024-00123 dans les délais réglementaires.",
    "La pierre de taille utilisée pour la façade provient des carrières de la région.",
    "Cette option active le mode verbeux ; voir la section 3.2 de la documentation, version 2.4.1.",
    "Le Conseil d'État a rendu sa décision le 4 juillet dernier, confirmant le jugement du tribunal.",
    "Pour toute question, le service est joignable du lundi au vendredi, de 9 h à 17 h.",
];

const PII: &[&str] = &[
    "Monsieur Jean DUPONT, né le 12/03/1985 à Lyon, demeurant 12 rue des Lilas, 75011 Paris.",
    "N° de sécurité sociale : 1 85 05 78 006 084 36 ; IBAN : FR76 3000 6000 0112 3456 7890 189.",
    "Contact : jean.dupont@example.fr, tél. 06 12 34 56 78 ou +33 (0)1 45 67 89 10.",
    "Mme Fatoumata N'Diaye, épouse Le Goff, a signalé le vol de sa carte 4970 1012 3456 7890.",
    "Le véhicule immatriculé AB-123-CD appartient à la société SIREN 732 829 320.",
    "Bonjour Karim, je vous confirme le rendez-vous. Cordialement, Hélène Lefèvre",
    "Connexion depuis l'adresse IP 192.168.1.12 le 3 avril.",
];

fn generated(dense: bool, size: usize) -> String {
    let mut rng = Lcg(if dense { 7 } else { 11 });
    let mut s = String::with_capacity(size + 256);
    while s.len() < size {
        let line = if dense && rng.next() % 2 == 0 {
            rng.pick(PII)
        } else {
            rng.pick(PROSE)
        };
        s.push_str(line);
        s.push(if rng.next() % 4 == 0 { '\n' } else { ' ' });
    }
    s
}

fn corpora() -> Vec<(&'static str, String)> {
    let clean = load_gz("clean_fr.txt.gz").unwrap_or_else(|| generated(false, 4 << 20));
    let dense = load_gz("dense_pii_fr.txt.gz").unwrap_or_else(|| generated(true, 2 << 20));
    vec![("clean_fr", clean), ("dense_pii_fr", dense)]
}

fn bench_engine(c: &mut Criterion) {
    let engine = Engine::new();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let mut out = Vec::new();
    for (name, text) in corpora() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("scan", name), &text, |b, t| {
            b.iter(|| engine.scan_into(t, &mut out))
        });
    }
    g.finish();
}

fn bench_families(c: &mut Criterion) {
    let families: &[(&str, &[Kind])] = &[
        ("email", &[Kind::Email]),
        ("nir", &[Kind::Nir]),
        ("iban", &[Kind::Iban]),
        ("card", &[Kind::Card]),
        ("siren_siret", &[Kind::Siren, Kind::Siret]),
        ("tax_id", &[Kind::TaxId]),
        ("phone", &[Kind::Phone]),
        ("ip", &[Kind::Ip]),
        ("plate", &[Kind::Plate]),
        ("id_doc", &[Kind::Passport, Kind::IdCard]),
        ("birth_date", &[Kind::BirthDate]),
        ("person", &[Kind::Person]),
        ("address", &[Kind::Address]),
    ];
    let mut g = c.benchmark_group("family");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    let corpora = corpora();
    let mut out = Vec::new();
    for (fam, kinds) in families {
        let engine = Engine::builder()
            .kinds(kinds.iter().copied())
            .build()
            .expect("engine");
        for (name, text) in &corpora {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(*fam, name), text, |b, t| {
                b.iter(|| engine.scan_into(t, &mut out))
            });
        }
    }
    g.finish();
}

/// The dev corpus texts (short documents full of new values), when available.
fn dev_texts() -> Option<Vec<String>> {
    let path = std::env::var("CAVIARD_DEV_CORPUS")
        .map(PathBuf::from)
        .ok()
        .or_else(|| Some(bench_dir()?.join("../eval/dev.jsonl")))?;
    let text = std::fs::read_to_string(path).ok()?;
    let docs: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    (!docs.is_empty()).then_some(docs)
}

fn engine_all(op: Operator) -> Engine {
    let mut b = Engine::builder();
    for k in Kind::ALL {
        b = b.operator(k, op);
    }
    b.build().expect("engine")
}

/// `session/scan_docs` vs `session/pseudonymise_<op>`: the same documents, one
/// session per pass (a fresh mapping: every value is new), scan included; and
/// `restore_<op>` of the outputs; `pseudonymise_fresh_tag`, one session per
/// document. Plus the large corpora in tag mode.
fn bench_session(c: &mut Criterion) {
    let mut g = c.benchmark_group("session");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let docs = dev_texts().unwrap_or_else(|| {
        generated(true, 400 << 10)
            .split_inclusive('\n')
            .map(str::to_owned)
            .collect()
    });
    let bytes: usize = docs.iter().map(String::len).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    let engine = Engine::new();
    let mut out = Vec::new();
    g.bench_function("scan_docs", |b| {
        b.iter(|| {
            for d in &docs {
                engine.scan_into(d, &mut out);
            }
        })
    });
    // A gateway's case: a session made for each document (its key, tables and
    // drop are paid per document).
    g.bench_function("pseudonymise_fresh_tag", |b| {
        b.iter(|| {
            for d in &docs {
                let mut s = engine.session(&[42u8; 32]).expect("session");
                std::hint::black_box(s.pseudonymise(d));
            }
        })
    });
    for op in [Operator::Tag, Operator::Hash, Operator::Surrogate] {
        let engine = engine_all(op);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("pseudonymise_{op}"), |b| {
            b.iter(|| {
                let mut s = engine.session(&[42u8; 32]).expect("session");
                for d in &docs {
                    std::hint::black_box(s.pseudonymise(d));
                }
            })
        });
        let mut s = engine.session(&[42u8; 32]).expect("session");
        let outs: Vec<String> = docs.iter().map(|d| s.pseudonymise(d)).collect();
        let out_bytes: usize = outs.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(out_bytes as u64));
        g.bench_function(format!("restore_{op}"), |b| {
            b.iter(|| {
                for o in &outs {
                    std::hint::black_box(s.restore(o));
                }
            })
        });
    }
    let engine = Engine::new();
    for (name, text) in corpora() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("pseudonymise", name), &text, |b, t| {
            b.iter(|| {
                engine
                    .session(&[42u8; 32])
                    .expect("session")
                    .pseudonymise(t)
            })
        });
        let mut session = engine.session(&[42u8; 32]).expect("session");
        let masked = session.pseudonymise(&text);
        g.throughput(Throughput::Bytes(masked.len() as u64));
        g.bench_with_input(BenchmarkId::new("restore", name), &masked, |b, t| {
            b.iter(|| session.restore(t))
        });
    }
    g.finish();
}

/// Hostile inputs of the same size as a prose sample: each must scan in at most a few
/// times the prose time (linear time, no quadratic back-tracking in any detector).
pub fn hostile_inputs(size: usize) -> Vec<(&'static str, String)> {
    fn fill(unit: &str, size: usize) -> String {
        unit.repeat(size / unit.len() + 1)[..size].to_owned()
    }
    let mut names = String::new();
    let mut rng = Lcg(5);
    let caps = [
        "Jean", "DUPONT", "Marie", "Le", "Goff", "N'Diaye", "Martin", "Rue", "Paris", "Hugo",
    ];
    while names.len() < size {
        names.push_str(rng.pick(&caps));
        names.push(' ');
    }
    let spaces = [
        "\u{a0}", "\u{202f}", "\u{2009}", "\u{2007}", " ", ".", "-", "\u{2010}", "\u{2011}",
        "\u{2013}", "/",
    ];
    let mut seps = String::new();
    while seps.len() < size {
        seps.push_str(&format!("{}{}", rng.next() % 100, rng.pick(&spaces)));
    }
    let mut nfd = String::new();
    while nfd.len() < size {
        nfd.push_str("He\u{301}le\u{300}ne Le\u{301}vy, ne\u{301}e le 3 fe\u{301}vrier 1980. ");
    }
    // Phone numbers, each with one of the Unicode spaces, dashes or invisible
    // characters between its groups.
    let unicode_seps = [
        "\u{2000}", "\u{2003}", "\u{200a}", "\u{205f}", "\u{3000}", "\u{2012}", "\u{2212}",
        "\u{200b}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{a0}", "\u{202f}",
    ];
    let mut useps = String::new();
    while useps.len() < size {
        let sep = rng.pick(&unicode_seps);
        useps.push_str("Tél. : 06");
        for _ in 0..4 {
            useps.push_str(sep);
            useps.push_str(&format!("{:02}", rng.next() % 100));
        }
        useps.push_str(", rappeler. ");
    }
    let mut zw = String::new();
    while zw.len() < size {
        zw.push_str("1\u{200b}85\u{200b}05\u{200b}78\u{200b}006\u{200b}084\u{200b}36 06\u{200d}12\u{200d}34 ");
    }
    vec![
        ("digits", fill("7", size)),
        ("digit_groups", fill("12 34 ", size)),
        ("nir_like_groups", fill("1 85 05 78 006 084 ", size)),
        ("at_dot", fill("a@b.", size)),
        ("capitalised_names", names),
        ("separators_in_numbers", seps),
        ("nfd_accents", nfd),
        ("zero_width_in_numbers", zw),
        ("one_long_line", fill("mot ", size)),
        ("unicode_separators_in_phones", useps),
        ("street_numbers_chain", fill("12 rue ", size)),
        ("dates_beside_commas", fill("le 01/05/1978, puis ", size)),
        ("civilities_chain", fill("M. Mme ", size)),
        // Obfuscated e-mail addresses read both ways and never ended by a TLD.
        (
            "spelled_addresses",
            fill("jean point dupont arobase gmail point (at) [dot] ", size),
        ),
        // Informal text where every word is a lower-case first name or a repeat.
        (
            "lower_case_chat",
            fill("ok\nsalut chloé, karim benali et benali. ", size),
        ),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn bench_hostile(c: &mut Criterion) {
    let engine = Engine::new();
    let prose = corpora().swap_remove(0).1;
    let size = (1 << 20).min(prose.len());
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    g.throughput(Throughput::Bytes(size as u64));
    let mut out = Vec::new();
    let prose_sample = prose[..floor(&prose, size)].to_owned();
    g.bench_with_input(BenchmarkId::new("scan", "prose"), &prose_sample, |b, t| {
        b.iter(|| engine.scan_into(t, &mut out))
    });
    // The same prose as one single line (no line break at all): line-based context
    // rules must not turn quadratic.
    let one_line = prose_sample.replace('\n', " ");
    g.bench_with_input(
        BenchmarkId::new("scan", "prose_one_line"),
        &one_line,
        |b, t| b.iter(|| engine.scan_into(t, &mut out)),
    );
    for (name, text) in hostile_inputs(size) {
        let text = text[..floor(&text, size)].to_owned();
        g.bench_with_input(BenchmarkId::new("scan", name), &text, |b, t| {
            b.iter(|| engine.scan_into(t, &mut out))
        });
    }
    g.finish();
}

fn bench_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("engine", |b| b.iter(Engine::new));
    g.finish();
}

criterion_group!(
    benches,
    bench_engine,
    bench_families,
    bench_session,
    bench_hostile,
    bench_build
);
criterion_main!(benches);
