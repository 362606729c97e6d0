#!/usr/bin/env bash
# Builds the solution, runs every test assembly, the tiny training runs again under two other libtorch
# kernel sets, the install test, and the real-Slurm test where Slurm is available, then prints one summed line:
#   N passed, N failed, N skipped
# Exits non-zero if anything failed, including a build error or a crashed test host.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test BioTransformer.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The tiny training runs of every task again, under two other libtorch kernel sets: a CPU of the same kind
# can pick other kernels than this one, and the runs must stay deterministic, finite and at their pinned
# metrics on all of them.
for capability in default avx2; do
  echo "tiny runs with ATEN_CPU_CAPABILITY=$capability"
  ATEN_CPU_CAPABILITY=$capability dotnet test tests/BioTransformer.Tests/BioTransformer.Tests.csproj -c Release --no-build --nologo \
    --filter "FullyQualifiedName~TinyRunDeterminismTests|FullyQualifiedName~TinyRunPinnedMetricsTests" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# VSTest ends each assembly with: "Passed!  - Failed:     0, Passed:   148, Skipped:     0, Total:   148, ..."
sum() { grep -E '^(Passed|Failed)! +- ' "$log" | grep -oE "$1: +[0-9]+" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
assemblies=$(grep -cE '^(Passed|Failed)! +- ' "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status but reported no failed test (build error or crashed test host): counted as 1 failure" >&2
  failed=1
fi
if [ "$assemblies" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test assembly reported results: counted as 1 failure" >&2
  failed=1
fi

# Extra tests run as scripts, each one more passed, failed or skipped test (last line "NAME: passed|failed|skipped: WHY").
count() {
  echo "$1"
  case "$1" in
    *": passed") passed=$((passed + 1)) ;;
    *": skipped"*) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)) ;;
  esac
}

# The install (scripts/install.sh), moved elsewhere and run from there.
count "$(scripts/test-install.sh 2>&1 | tail -1)"

# The real-Slurm test of `sweep slurm` (scripts/test-slurm.sh) installs packages and starts daemons, so on
# a user's machine it runs only where Slurm is already installed or when asked: BIOTRANSFORMER_SLURM_TEST=1
# (.ci/run sets it); BIOTRANSFORMER_SLURM_TEST=0 always leaves it out.
if [ "${BIOTRANSFORMER_SLURM_TEST:-}" = "1" ] || { [ "${BIOTRANSFORMER_SLURM_TEST:-}" != "0" ] && command -v slurmctld > /dev/null && command -v munged > /dev/null; }; then
  count "$(scripts/test-slurm.sh 2>&1 | tail -1)"
elif [ "${BIOTRANSFORMER_SLURM_TEST:-}" = "0" ]; then
  count "slurm: skipped: BIOTRANSFORMER_SLURM_TEST=0"
else
  count "slurm: skipped: Slurm is not installed (BIOTRANSFORMER_SLURM_TEST=1 installs a one-node cluster and runs it)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
