#!/usr/bin/env bash
# Scores caviard on a labelled corpus with the shared scorer.
#   bash scripts/eval.sh [CORPUS.jsonl] [extra score.py flags, e.g. --fp]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/eval/dev.jsonl}"
shift || true
scorer="$(dirname "$corpus")/score.py"
[ -f "$scorer" ] || scorer=../shared/eval/score.py
cargo build --release --quiet
pred="$(mktemp)"
trap 'rm -f "$pred"' EXIT
target/release/caviard scan --jsonl "$corpus" > "$pred"
python3 "$scorer" "$corpus" "$pred" --bytes "$@"
