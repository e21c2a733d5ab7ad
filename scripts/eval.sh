#!/usr/bin/env bash
# Score the extractor on the three gold files (core and all types). Usage: scripts/eval.sh [--per-doc]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
EVAL=${EVAL:-../shared/eval}
OUT=${OUT:-/tmp/claimgraph-eval}
mkdir -p "$OUT"
for name in seed.gold news.dev plover.dev; do
  "$PY" scripts/predict_gold.py "$EVAL/$name.jsonl" > "$OUT/$name.pred.jsonl"
  for types in core all; do
    echo "== $name ($types)"
    "$PY" "$EVAL/score.py" "$EVAL/$name.jsonl" "$OUT/$name.pred.jsonl" --types "$types" "$@" | tail -n 3
  done
done
