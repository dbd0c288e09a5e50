#!/usr/bin/env bash
# Whole-program throughput of the CLI on the shared corpora, one thread and all
# threads, next to ripgrep searching the raw shapes of e-mail, phone, NIR and IBAN
# (no validation, no names) on the same file in the same run.
#   bash scripts/bench-cli.sh [DIR with clean_fr.txt.gz and dense_pii_fr.txt.gz]
# CAVIARD_BENCH_MB sets the size of the repeated file (default 100; 1000 for the
# 1 GB figure), CAVIARD_BENCH_RUNS and CAVIARD_BENCH_WARMUP the hyperfine runs (3, 1).
# `redact` rows pseudonymise the same file (tag operator).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/bench}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
have hyperfine && have rg || install hyperfine ripgrep
# Raw shapes only: what "just find the patterns" costs.
shapes='[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+33|0033|0)[1-9](?:[ .-]?[0-9]{2}){4}|[12][ .]?[0-9]{2}[ .]?[0-9]{2}[ .]?(?:[0-9]{2}|2[AB])[ .]?[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{2}|[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}'
for name in clean_fr dense_pii_fr; do
  zcat "$dir/$name.txt.gz" > "$tmp/$name.txt"
  # A bigger file for the thread-scaling figure: the corpus repeated to ~100 MB.
  : > "$tmp/$name.big.txt"
  while [ "$(stat -c %s "$tmp/$name.big.txt")" -lt "${CAVIARD_BENCH_MB:-100}000000" ]; do cat "$tmp/$name.txt" >> "$tmp/$name.big.txt"; done
  size=$(stat -c %s "$tmp/$name.big.txt")
  echo "== $name: $size bytes"
  hyperfine -N --warmup "${CAVIARD_BENCH_WARMUP:-1}" --runs "${CAVIARD_BENCH_RUNS:-3}" --export-json "$tmp/$name.json" \
    "target/release/caviard scan --threads 1 $tmp/$name.big.txt" \
    "target/release/caviard scan --threads 2 $tmp/$name.big.txt" \
    "target/release/caviard redact --threads 1 $tmp/$name.big.txt" \
    "target/release/caviard redact --threads 2 $tmp/$name.big.txt" \
    "rg -j1 -o -c --no-filename -e '$shapes' $tmp/$name.big.txt" >/dev/null
  python3 - "$tmp/$name.json" "$size" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]; size = int(sys.argv[2])
for r in runs:
    print(f"  {size / r['mean'] / 1e6:8.1f} MB/s  {r['command'].split(' /')[0]}")
PY
  for cmd in scan redact; do
    /usr/bin/time -f "  peak RSS %M KB (caviard $cmd --threads 2)" target/release/caviard $cmd --threads 2 "$tmp/$name.big.txt" > /dev/null
  done
done
