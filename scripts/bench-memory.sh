#!/usr/bin/env bash
# Resident memory over a long training run and over 100k predictions: does anything grow with the
# number of steps or molecules? (Issue: flat memory, growth under 10% after warm-up.)
#   scripts/bench-memory.sh [OUT_DIR] [THREADS]
# 1. Trains the ESOL example for 70 epochs (2,030 optimiser steps, checkpoints every 200 steps as usual);
#    the run records the process's resident memory at every epoch end (metrics_epochs.csv, resident_mib).
# 2. Predicts 100,000 molecules (ChEMBL 30, cycled) with that model in chunks of 5,000 using the
#    inference code of `predict`, recording resident memory after every chunk.
# Warm-up is the first 200 steps (training) and the first 10,000 predictions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-memory}"
threads="${2:-1}"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$out"
"$root/scripts/biotransformer" info > /dev/null   # builds the CLI
dotnet build "$root/benchmarks/BioTransformer.Benchmarks/BioTransformer.Benchmarks.csproj" -c Release --nologo -v quiet > /dev/null
bench="$root/benchmarks/BioTransformer.Benchmarks/bin/Release/net10.0/biotransformer-bench"
molecules="$root/../shared/data/molecules/chembl30_a.csv.gz"
[ -f "$molecules" ] || molecules="$root/datasets/chembl30/chembl30_5k.csv"

"$root/scripts/biotransformer" run "$root/experiments/esol.toml" --set train.epochs=70 --set train.patience=0 \
  --set threads="$threads" --set name=memory-esol --output "$out" --quiet > "$out/training.log"
run=$(ls -d "$out"/memory-esol-2* | sort | tail -1)

"$bench" memory-predict "$run" "$molecules" 100000 5000 64 "$threads" > "$out/prediction_memory.csv"

python3 - "$run/metrics_epochs.csv" "$out/prediction_memory.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
steps = [int(r["step"]) for r in rows]
rss = [float(r["resident_mib"]) for r in rows]
warm = next(i for i, s in enumerate(steps) if s >= 200)
peak = max(rss[warm:])
print(f"training: {steps[-1]:,} steps in {len(rows)} epochs; resident after warm-up (step {steps[warm]}): {rss[warm]:.0f} MiB, "
      f"at the end: {rss[-1]:.0f} MiB, peak after warm-up: {peak:.0f} MiB, growth {100 * (peak - rss[warm]) / rss[warm]:+.1f}%")
lines = [l for l in open(sys.argv[2]) if l[0].isdigit()]
pred = [(int(a), float(b)) for a, b in (l.strip().split(",") for l in lines)]
w = next(i for i, (n, _) in enumerate(pred) if n >= 10000)
peak = max(m for _, m in pred[w:])
print(f"prediction: {pred[-1][0]:,} predictions; resident after warm-up ({pred[w][0]:,}): {pred[w][1]:.0f} MiB, "
      f"at the end: {pred[-1][1]:.0f} MiB, peak after warm-up: {peak:.0f} MiB, growth {100 * (peak - pred[w][1]) / pred[w][1]:+.1f}%")
PY
