#!/usr/bin/env bash
# Peak memory of the CLI on hostile inputs of the security audit (issue 15, class 6), measured with
# GNU time's maximum resident set size — a script, not a timed unit test, because machines are noisy.
# Each case must end with the expected exit code within the memory limit:
#   - a 10 MB gzip that expands to one 1 GiB line          (chem validate: refused at the line limit)
#   - a 50 MB SMILES row                                     (predict: refused at the line limit)
#   - chem canonicalize of 360,000 rows                      (streams: memory independent of the rows)
#   - a manifest whose model would need terabytes            (validate: refused before allocating)
#   scripts/check-hostile-memory.sh [WORK_DIR] [LIMIT_MIB]     (default limit 1024 MiB)
# Needs GNU time (Debian package `time`) and ../shared/data/molecules for the 360k rows.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/biotransformer-memory.XXXXXX)}"
limit="${2:-1024}"
mkdir -p "$work"
cd "$root"
dotnet build src/BioTransformer.Cli -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cli="$root/src/BioTransformer.Cli/bin/Release/net10.0/biotransformer"
data="${BIOTRANSFORMER_SHARED_DATA:-$root/../shared/data}"

echo "making inputs in $work"
head -c $((1 << 30)) /dev/zero | tr '\0' 'C' | gzip -1 > "$work/bomb.smi.gz"
{ echo "smiles"; head -c $((50 << 20)) /dev/zero | tr '\0' 'C'; echo; echo "CCO"; } > "$work/huge_row.csv"
{ echo "smiles"; for i in 1 2; do zcat "$data/molecules/chembl30_a.csv.gz" "$data/molecules/chembl30_b.csv.gz" | grep -v '^SMILES' | cut -d, -f1; zcat "$data/molecules/muv.csv.gz" | tail -n +2; done; } > "$work/many.csv"
"$cli" run tests/BioTransformer.Tests/Fixtures/tiny_esol.toml --set train.epochs=1 --output "$work/runs" --quiet > /dev/null 2>&1
model=$(ls -d "$work"/runs/*/ | head -1)

failed=0
measure() {   # name expected_exit command...
  local name="$1" expected="$2"; shift 2
  /usr/bin/time -f "%M %e" -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"
  local exit=$? kib seconds
  read -r kib seconds < <(tail -1 "$work/$name.time")
  local mib=$((kib / 1024))
  local verdict=ok
  if [ "$exit" -ne "$expected" ] || [ "$mib" -gt "$limit" ]; then verdict=FAILED; failed=1; fi
  printf '%-28s exit %d (expected %d)  peak %5d MiB  %6.1f s  %s\n' "$name" "$exit" "$expected" "$mib" "$seconds" "$verdict"
  grep -m1 '^error:' "$work/$name.err" | cut -c1-160 | sed 's/^/    /'
}
measure gzip-one-line 2 "$cli" chem validate "$work/bomb.smi.gz"
measure smiles-row-50mb 2 "$cli" predict -m "$model" -i "$work/huge_row.csv" -o "$work/p.csv" --device cpu
measure canonicalize-rows "0" "$cli" chem canonicalize "$work/many.csv" -o "$work/canonical.csv" --quiet
measure huge-model 2 "$cli" validate tests/BioTransformer.Tests/Fixtures/hostile/huge_model.toml
echo "rows canonicalized: $(($(wc -l < "$work/canonical.csv") - 1))"
[ "$failed" -eq 0 ] && echo "hostile memory: passed (limit $limit MiB)" || { echo "hostile memory: failed"; exit 1; }
