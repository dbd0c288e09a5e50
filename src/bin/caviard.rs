fn main() {
    std::process::exit(caviard_cli_placeholder())
}
fn caviard_cli_placeholder() -> i32 {
    0
}
