#!/usr/bin/env bash
# Fuzz harnesses: mutated inputs may be accepted or rejected, but only the typed error may escape.
#   scripts/fuzz.sh smiles [CASES] [SEED] [CORPUS]
#   scripts/fuzz.sh fasta|pdb|mmcif|jsonl|toml [CASES] [SEED]   mutated files: only a one-line InputException may escape
#   scripts/fuzz.sh all [CASES] [SEED]                           every harness
# Exits non-zero and prints the offending inputs if anything else escapes. (The unit tests run a
# smaller version of each harness.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-smiles}"
cases="${2:-100000}"
seed="${3:-1}"
dotnet build "$root/benchmarks/BioTransformer.Benchmarks/BioTransformer.Benchmarks.csproj" -c Release --nologo -v quiet > /dev/null
bench="$root/benchmarks/BioTransformer.Benchmarks/bin/Release/net10.0/biotransformer-bench"
case "$target" in
  smiles)
    corpus="${4:-$root/../shared/data/molecules/chembl30_a.csv.gz}"
    [ -f "$corpus" ] || corpus="$root/datasets/lipophilicity/lipophilicity.csv"
    exec "$bench" fuzz-smiles "$corpus" "$cases" "$seed" ;;
  fasta|pdb|mmcif|jsonl|toml)
    exec "$bench" fuzz-files "$target" "$root" "$cases" "$seed" ;;
  all)
    status=0
    for t in smiles fasta pdb mmcif jsonl toml; do "$0" "$t" "$cases" "$seed" || status=1; done
    exit $status ;;
  *) echo "fuzz.sh: unknown target '$target' (known: smiles, fasta, pdb, mmcif, jsonl, toml, all)" >&2; exit 2 ;;
esac
