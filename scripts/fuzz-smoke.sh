#!/usr/bin/env bash
# A short fuzz run of every target (seconds each), on the stable toolchain
# (libFuzzer coverage, no sanitizer: `--sanitizer none`). Longer runs:
#   cd fuzz && cargo fuzz run --sanitizer none -O TARGET -- -max_total_time=600
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-15}"
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --quiet || { echo "cargo-fuzz unavailable: fuzz smoke run skipped"; exit 0; }
fi
cd fuzz
# A target that does not build is a failure, not a skipped run.
cargo fuzz build --sanitizer none -O
for t in scan roundtrip jsonl vault ffi; do
  [ -f "fuzz_targets/$t.rs" ] || continue
  echo "== fuzz $t (${secs}s)"
  cargo fuzz run --sanitizer none -O "$t" -- -max_total_time="$secs" 2>&1 | grep -E '^Done|SUMMARY|panicked|ERROR' || true
  if [ -d "artifacts/$t" ] && [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
    echo "fuzz target $t found a failure: fuzz/artifacts/$t"; exit 1
  fi
done
