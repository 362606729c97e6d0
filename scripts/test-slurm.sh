#!/usr/bin/env bash
# Tests `sweep slurm` against a real Slurm: installs Debian's slurm-wlm and munge if they are missing
# (root with apt; scripts/test.sh calls this only when BIOTRANSFORMER_SLURM_TEST=1 or Slurm is installed), starts a one-node cluster on this machine, submits a 3-task job-array sweep
# (tiny ESOL, seeds 1-3), waits for it, and checks `sweep collect`'s summary; then screens 10,000
# molecules with scripts/slurm/predict-array.sbatch as a 2-task array and checks that the merged shards
# equal one unsharded predict byte for byte.
# Last line: "slurm: passed", "slurm: failed: WHY" (exit 1) or "slurm: skipped: WHY" when no Slurm
# can be started here (exit 0; scripts/test.sh counts it as skipped, never as passed).
#   scripts/test-slurm.sh [WORK_DIR]
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/biotransformer-slurm.XXXXXX)}"
mkdir -p "$work"
skip() { echo "slurm: skipped: $*"; exit 0; }
fail() { echo "slurm: failed: $*"; exit 1; }

if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then skip "slurm-wlm and munge are not installed and cannot be installed here (needs root and apt)"; fi
  # A fresh machine's package lists can be empty or stale: refresh them once if the packages are not found.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge > "$work/apt.log" 2>&1 ||
    { apt-get update -q >> "$work/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >> "$work/apt.log" 2>&1; } ||
    skip "apt-get install slurm-wlm munge failed (see $work/apt.log)"
fi
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld/slurmd needs root"

# munge: a key, and the daemon
if [ ! -s /etc/munge/munge.key ]; then
  (mungekey --create > /dev/null 2>&1 || create-munge-key -f > /dev/null 2>&1 || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2> /dev/null)
  chown munge:munge /etc/munge/munge.key 2> /dev/null; chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge && chown munge:munge /run/munge 2> /dev/null
pgrep -x munged > /dev/null || su -s /bin/sh munge -c "munged" 2> "$work/munged.err" || munged --force 2>> "$work/munged.err" || skip "munged does not start (see $work/munged.err)"
munge -n 2> /dev/null | unmunge > /dev/null 2>&1 || skip "munge does not authenticate"

# A one-node cluster in $work, run as root
host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=biotransformer-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
SlurmctldPort=16817
SlurmdPort=16818
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
cleanup() { pkill -f "slurmd -f $SLURM_CONF" 2> /dev/null; pkill -f "slurmctld -f $SLURM_CONF" 2> /dev/null; true; }
trap cleanup EXIT
slurmctld -f "$SLURM_CONF" -i 2> "$work/slurmctld.err" || skip "slurmctld does not start (see $work/slurmctld.err, $work/slurmctld.log)"
slurmd -f "$SLURM_CONF" 2> "$work/slurmd.err" || skip "slurmd does not start (see $work/slurmd.err, $work/slurmd.log)"
for _ in $(seq 1 60); do
  sinfo -h -o "%t" 2> /dev/null | grep -qE "idle|mix|alloc" && break
  sleep 1
done
sinfo -h -o "%t" 2> /dev/null | grep -qE "idle|mix|alloc" || skip "the node never became ready: $(sinfo -h 2>&1 | head -1) (see $work/slurmd.log)"

# The sweep: tiny ESOL, seeds 1-3, one CPU and 1 GiB per task
"$root/scripts/biotransformer" info > /dev/null || fail "the CLI does not build"
cli="$root/src/BioTransformer.Cli/bin/Release/net10.0/biotransformer"
cp "$root/tests/BioTransformer.Tests/Fixtures/tiny_esol.csv" "$work/"
sed 's/^threads = .*/threads = 1/' "$root/tests/BioTransformer.Tests/Fixtures/tiny_esol.toml" > "$work/sweep.toml"
printf '\n[output]\ndir = "runs"\n\n[sweep]\nseed = [1, 2, 3]\n' >> "$work/sweep.toml"
"$cli" sweep slurm "$work/sweep.toml" --cpus-per-task 1 --mem-gib 1 --time 00:20:00 > "$work/sweep-slurm.log" 2>&1 || fail "sweep slurm: $(tail -1 "$work/sweep-slurm.log")"
script="$work/runs/tiny-esol-sweep/sweep.sbatch"
timeout 600 sbatch --wait "$script" > "$work/sbatch.log" 2>&1
status=$?
if [ $status -ne 0 ]; then
  state=$(squeue -h -o "%T %r" 2> /dev/null | head -1)
  [ -n "$state" ] && [[ "$state" == PENDING* ]] && skip "Slurm accepted the array but never started it ($state)"
  fail "sbatch --wait exited with $status: $(tail -2 "$work/sbatch.log" | tr '\n' ' ') (task logs: $work/runs/tiny-esol-sweep/slurm-*.out)"
fi
"$cli" sweep collect "$work/sweep.toml" > "$work/collect.log" 2>&1 || fail "sweep collect: $(tail -1 "$work/collect.log")"
summary="$work/runs/tiny-esol-sweep/summary.csv"
row=$(sed -n 2p "$summary")
[[ "$row" == tiny-esol,3,"1 2 3",* ]] || fail "unexpected summary row: $row"
[ "$(ls "$work"/runs/tiny-esol-sweep/slurm-*_*.out 2> /dev/null | wc -l)" -eq 3 ] || fail "expected 3 array-task logs"
# Sharded screening: the predict array script, 2 tasks, merged, equals one unsharded predict
run=$(ls -d "$work"/runs/tiny-esol-sweep/seed-1/tiny-esol-2* | head -1)
library="$work/library.csv"
{ head -1 "$root/datasets/chembl30/chembl30_5k.csv"; tail -n +2 "$root/datasets/chembl30/chembl30_5k.csv"; tail -n +2 "$root/datasets/chembl30/chembl30_5k.csv"; } > "$library"
(cd "$root" && timeout 600 sbatch --wait --array=1-2 --cpus-per-task=1 --mem=1G --output="$work/predict-%A_%a.out" \
   scripts/slurm/predict-array.sbatch "$run" "$library" "$work/screen" SMILES > "$work/sbatch-predict.log" 2>&1) \
  || fail "the predict array failed: $(tail -1 "$work/sbatch-predict.log") (task logs: $work/predict-*.out)"
"$cli" merge-predictions -o "$work/screen/merged.csv" "$work"/screen/shard-*.csv > /dev/null || fail "merge-predictions failed"
"$cli" predict --model "$run" --input "$library" --column SMILES --output "$work/screen/whole.csv" --device cpu > /dev/null || fail "unsharded predict failed"
cmp -s "$work/screen/merged.csv" "$work/screen/whole.csv" || fail "the merged shards differ from one unsharded run"
echo "slurm: passed"
