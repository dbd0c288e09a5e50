#!/usr/bin/env bash
# The test command of README.md: every test of the project.
#   - Rust unit, integration and doc tests (cargo test);
#   - the C test program under ASan/UBSan and valgrind, the C example (scripts/test-c.sh);
#   - the Java (JNA) binding test under LANG=C (scripts/test-java.sh).
# Installs the system packages the C and Java steps need when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --all-targets
cargo test --all-targets
cargo test --doc
# The property tests again with more cases, optimised.
PROPTEST_CASES="${PROPTEST_CASES:-512}" cargo test --release --test integration prop_ -- --quiet

if [ -f scripts/test-c.sh ]; then bash scripts/test-c.sh; fi
if [ -f scripts/test-java.sh ]; then bash scripts/test-java.sh; fi
