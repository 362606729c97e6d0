#!/usr/bin/env bash
# Generation benchmark (about 1.5 hours on 2 cores): train experiments/generation_chembl.toml on
# ChEMBL 30 part a (45,299 molecules, from ../shared/data), sample 10,000 molecules, score them with
# MOSES's metrics, then measure sampling speed with and without the key/value cache.
#   scripts/bench-generation.sh [OUTPUT_DIR] [extra --set overrides...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-generation}"
shift || true
data="$root/../shared/data/molecules/chembl30_a.csv.gz"
[ -f "$data" ] || { echo "bench-generation: $data not found (the shared reference data)" >&2; exit 2; }
export OMP_WAIT_POLICY=PASSIVE   # libtorch's OpenMP threads sleep instead of spinning when idle
mkdir -p "$out"
"$root/scripts/biotransformer" run "$root/experiments/generation_chembl.toml" --set data.path="\"$data\"" --set output.dir="\"$out\"" "$@" | tee "$out/train.log"
run=$(ls -td "$out"/generation-chembl-* | head -1)
dotnet build "$root/benchmarks/BioTransformer.Benchmarks/BioTransformer.Benchmarks.csproj" -c Release --nologo -v quiet > /dev/null
"$root/benchmarks/BioTransformer.Benchmarks/bin/Release/net10.0/biotransformer-bench" generation-speed "$run" 1000 250 3 | tee "$out/sampling_speed.txt"
echo
echo "MOSES metrics of 10,000 samples: $run/metrics.json (samples); molecules: $run/generated.csv"
