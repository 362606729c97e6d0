#!/usr/bin/env bash
# Does masked-language pretraining on unlabelled SMILES help ESOL? (about 1 hour on 2 cores)
# 1. Pretrain experiments/mlm_smiles.toml on ChEMBL 30 part a (45,299 molecules, ../shared/data).
# 2. Train ESOL (experiments/esol.toml) from scratch and from that backbone (esol_pretrained.toml),
#    seeds 0, 1, 2 (each seed its own random split, shared by the pair), and print test RMSE per seed
#    and mean ± sd of each arm, with the paired differences.
#   scripts/bench-pretraining.sh [OUTPUT_DIR] [extra --set overrides for every run...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-pretraining}"
shift || true
data="$root/../shared/data/molecules/chembl30_a.csv.gz"
[ -f "$data" ] || { echo "bench-pretraining: $data not found (the shared reference data)" >&2; exit 2; }
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$out"
cli="$root/scripts/biotransformer"
"$cli" run "$root/experiments/mlm_smiles.toml" --set data.path="\"$data\"" --set train.epochs=3 --set output.dir="\"$out\"" "$@" | tee "$out/mlm.log"
mlm=$(ls -td "$out"/mlm-smiles-* | head -1)
for seed in 0 1 2; do
  "$cli" run "$root/experiments/esol.toml" --set seed=$seed --set output.dir="\"$out\"" "$@" | tee "$out/esol-scratch-$seed.log"
  "$cli" run "$root/experiments/esol_pretrained.toml" --set seed=$seed --set init_from="\"$mlm\"" --set output.dir="\"$out\"" "$@" | tee "$out/esol-pretrained-$seed.log"
done
python3 - "$out" "$mlm" <<'PY'
import glob, json, os, statistics, sys
out, mlm = sys.argv[1], sys.argv[2]
def rmse(run):
    m = json.load(open(os.path.join(run, "metrics.json")))
    return m["splits"]["test"]["mean"]["rmse"]
def seed(run):
    for line in open(os.path.join(run, "manifest.toml")):
        if line.startswith("seed ="): return int(line.split("=")[1].split("#")[0])
arms = {}
for name in ("esol", "esol-pretrained"):
    runs = [r for r in glob.glob(os.path.join(out, name + "-2*")) if os.path.exists(os.path.join(r, "metrics.json"))]
    arms[name] = {seed(r): rmse(r) for r in sorted(runs)}
print(f"pretrained backbone: {mlm} (valid perplexity {json.load(open(os.path.join(mlm, 'metrics.json')))['perplexity']['valid']:.3f})")
print("seed  scratch  pretrained  difference")
diffs = []
for s in sorted(arms["esol"]):
    if s in arms["esol-pretrained"]:
        d = arms["esol-pretrained"][s] - arms["esol"][s]; diffs.append(d)
        print(f"{s:4d}  {arms['esol'][s]:.3f}    {arms['esol-pretrained'][s]:.3f}       {d:+.3f}")
for name, label in (("esol", "scratch"), ("esol-pretrained", "pretrained")):
    v = list(arms[name].values())
    print(f"{label:10s} test RMSE {statistics.mean(v):.3f} ± {statistics.stdev(v) if len(v) > 1 else 0:.3f} (n = {len(v)})")
if diffs: print(f"mean paired difference (pretrained - scratch): {statistics.mean(diffs):+.3f}")
PY

# The paper-ready summary of the six runs: metrics with mean ± sd over seeds, the comparison figure,
# every run's figures at print size, data hashes and manifests.
"$cli" report "$out"/esol-20*/ "$out"/esol-pretrained-20*/ -o "$out/report"
