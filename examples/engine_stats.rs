//! Prints the cost of building the first engine in a process (dictionaries loaded and
//! tables built) and of the next ones, and the resident memory it adds.
//!
//! `cargo run --release --example engine_stats [-- --per-kind]`

use std::time::Instant;

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if std::env::args().any(|a| a == "--per-kind") {
        // The first build of each detector family, one at a time.
        for k in caviard::Kind::ALL {
            let t = Instant::now();
            let e = caviard::Engine::builder()
                .kinds([k])
                .build()
                .expect("engine");
            println!(
                "{:<11} {:7.1} ms",
                k.name(),
                t.elapsed().as_secs_f64() * 1e3
            );
            drop(e);
        }
        return;
    }
    let before = rss_kib();
    let t = Instant::now();
    let engine = caviard::Engine::new();
    let first = t.elapsed();
    let after = rss_kib();
    let t = Instant::now();
    let again = caviard::Engine::new();
    let second = t.elapsed();
    // Use both so the builds are not optimised away.
    assert_eq!(engine.scan("x@y.fr").len(), again.scan("x@y.fr").len());
    println!("first engine build: {:.1} ms", first.as_secs_f64() * 1e3);
    println!("next engine build:  {:.3} ms", second.as_secs_f64() * 1e3);
    if let (Some(b), Some(a)) = (before, after) {
        println!(
            "resident memory added by the first build: {:.1} MiB",
            (a.saturating_sub(b)) as f64 / 1024.0
        );
    }
}
