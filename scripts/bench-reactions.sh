#!/usr/bin/env bash
# Retrosynthesis benchmark (about two hours on 2 cores): train experiments/retro_uspto50k.toml on USPTO-50k
# (from ../shared/data), decode the 5,004 test products with beam 10 and report top-1/3/5/10 exact match.
# An interrupted benchmark continues where it stopped when run again (run --resume on its run directory).
#   scripts/bench-reactions.sh [OUTPUT_DIR] [extra --set overrides...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-reactions}"
shift || true
data="$root/../shared/data/reactions/uspto50k.csv.gz"
[ -f "$data" ] || { echo "bench-reactions: $data not found (the shared reference data)" >&2; exit 2; }
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$out"
cli="${BIOTRANSFORMER:-$root/scripts/biotransformer}"
previous=$(ls -td "$out"/retro-uspto50k-2* 2>/dev/null | head -1 || true)
if [ -n "$previous" ] && grep -q '"interrupted"\|"running"' "$previous/status.json" 2>/dev/null; then
  echo "Resuming $previous"
  "$cli" run --resume "$previous" | tee -a "$out/train.log"
else
  "$cli" run "$root/experiments/retro_uspto50k.toml" --set data.path="\"$data\"" --set output.dir="\"$out\"" "$@" | tee "$out/train.log"
fi
run=$(ls -td "$out"/retro-uspto50k-2* | head -1)
echo
echo "Top-k accuracy of the test split: $run/metrics.json (accuracy.test); candidates: $run/predictions_test.csv"
