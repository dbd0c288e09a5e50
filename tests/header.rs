//! `include/caviard.h` is generated from `src/ffi/` by cbindgen (pinned in Cargo.toml).
//! These tests fail when the committed header is stale (`CAVIARD_BLESS=1` rewrites it),
//! and compile it alone as C99 and as C++ when a compiler is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The header as cbindgen generates it now, with the version macros from Cargo.toml.
fn generate() -> String {
    let mut config = cbindgen::Config::from_file(root().join("cbindgen.toml"))
        .expect("cbindgen.toml is readable");
    config.after_includes = Some(format!(
        "\n#define CAVIARD_VERSION \"{}\"\n#define CAVIARD_VERSION_MAJOR {}\n\
         #define CAVIARD_VERSION_MINOR {}\n#define CAVIARD_VERSION_PATCH {}",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    ));
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(root().join("src/ffi/mod.rs"))
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_fresh() {
    let path = root().join("include/caviard.h");
    let fresh = generate();
    if std::env::var_os("CAVIARD_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("include/caviard.h is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/caviard.h is stale: regenerate it with \
         `CAVIARD_BLESS=1 cargo test --test integration header` and commit it"
    );
}

#[test]
fn header_declares_the_contract() {
    let h = generate();
    for needle in [
        "#define CAVIARD_VERSION_MAJOR ",
        "typedef struct cav_engine cav_engine;",
        "CAV_RESULT_OK = 0,",
        "CAV_KIND_PERSON = 0,",
        "size_t start_utf16;",
        "cav_result cav_engine_scan(const struct cav_engine *e,",
        "void cav_string_free(struct cav_string *s);",
        "size_t cav_last_error_message(char *buf, size_t cap);",
    ] {
        assert!(h.contains(needle), "header lacks {needle:?}");
    }
}

/// Compiles `source` (which includes the header) with `compiler` and `args`; false when
/// the compiler is not installed.
fn compiles(compiler: &str, ext: &str, args: &[&str]) -> bool {
    let dir = tempfile::Builder::new()
        .prefix("caviard-header-")
        .tempdir()
        .unwrap();
    let src = dir.path().join(format!("t.{ext}"));
    std::fs::write(
        &src,
        "#include \"caviard.h\"\n#include \"caviard.h\"\n\
         int main(void) { cav_finding f; f.start = 0; (void)f; \
         return (int)cav_kind_name(CAV_KIND_PERSON)[0] == 'P' ? 0 : 1; }\n",
    )
    .unwrap();
    let include: &Path = &root().join("include");
    let out = Command::new(compiler)
        .args(args)
        .arg("-I")
        .arg(include)
        .arg("-fsyntax-only")
        .arg(&src)
        .output();
    match out {
        Err(_) => {
            eprintln!("{compiler} not found: header not compiled");
            false
        }
        Ok(o) => {
            assert!(
                o.status.success(),
                "{compiler} {args:?} rejects caviard.h:\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
            true
        }
    }
}

#[test]
fn header_compiles_as_c99() {
    compiles(
        "cc",
        "c",
        &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"],
    );
}

#[test]
fn header_compiles_as_cpp() {
    compiles(
        "c++",
        "cpp",
        &["-std=c++11", "-Wall", "-Wextra", "-Werror", "-pedantic"],
    );
}
