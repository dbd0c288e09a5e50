//! Gives the C shared library a SONAME (`libcaviard.so.0`) on ELF targets, so that
//! programs linked against it keep working across compatible releases.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly"
    ) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcaviard.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
