#!/usr/bin/env bash
# SMILES reader speed, single thread, median of repeated runs (not a timed test: machines are noisy).
#   scripts/bench-smiles.sh [FILE] [REPEATS]
# FILE defaults to ChEMBL 30 (45k drug-like SMILES) from ../shared/data, else the shipped Lipophilicity set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$root/../shared/data/molecules/chembl30_a.csv.gz}"
[ -f "$file" ] || file="$root/datasets/lipophilicity/lipophilicity.csv"
repeats="${2:-7}"
dotnet build "$root/benchmarks/BioTransformer.Benchmarks/BioTransformer.Benchmarks.csproj" -c Release --nologo -v quiet > /dev/null
exec "$root/benchmarks/BioTransformer.Benchmarks/bin/Release/net10.0/biotransformer-bench" smiles-speed "$file" "$repeats"
