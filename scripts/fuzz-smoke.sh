#!/usr/bin/env bash
# A short fuzz run of every target (seconds each), on the stable toolchain
# (libFuzzer coverage, no sanitizer: `--sanitizer none`). Fails when a target does not
# build or finds a crash (kept in fuzz/artifacts/TARGET). Longer runs:
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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for t in scan roundtrip jsonl vault ffi; do
  [ -f "fuzz_targets/$t.rs" ] || continue
  echo "== fuzz $t (${secs}s)"
  rm -rf "artifacts/$t"
  rc=0
  cargo fuzz run --sanitizer none -O "$t" -- -max_total_time="$secs" -rss_limit_mb=4096 >"$log" 2>&1 || rc=$?
  grep -E '^Done|SUMMARY|panicked' "$log" || true
  if [ -d "artifacts/$t" ] && [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
    echo "fuzz target $t found a failure: fuzz/artifacts/$t"
    status=1
  elif [ "$rc" != 0 ]; then
    # Not a crash: the target did not build or libFuzzer failed to start.
    tail -n 30 "$log"
    echo "fuzz target $t failed (exit $rc)"
    status=1
  fi
done
exit "$status"
