#!/usr/bin/env bash
# Contact-prediction benchmark (about 1.5 hours on 2 cores): train experiments/contacts_pdb.toml on
# the 6,000 PDB chains of ../shared/data (cluster split), then print long-range P@L/5 and P@L and
# medium+long P@L/5 on the held-out test clusters, the training time and the model size.
#   scripts/bench-contacts.sh [OUTPUT_DIR] [extra --set overrides...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-contacts}"
shift || true
data="$root/../shared/data/proteins/structures.jsonl.gz"
[ -f "$data" ] || { echo "bench-contacts: $data not found (the shared reference data)" >&2; exit 2; }
export OMP_WAIT_POLICY=PASSIVE   # libtorch's OpenMP threads sleep instead of spinning when idle
mkdir -p "$out"
"$root/scripts/biotransformer" run "$root/experiments/contacts_pdb.toml" --set data.path="\"$data\"" --set output.dir="\"$out\"" "$@" | tee "$out/train.log"
run=$(ls -td "$out"/contacts-pdb-* | head -1)
python3 - "$run/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
t = m["precision"]["test"]
print(f"test clusters: {m['clusters']['test']} ({m['chains']['test']} chains)")
print(f"long-range P@L/5 {t['long']['L/5']:.3f}  P@L/2 {t['long']['L/2']:.3f}  P@L {t['long']['L']:.3f}")
print(f"medium+long P@L/5 {t['medium_long']['L/5']:.3f}  (TAPE transformer: 0.36)")
print(f"training {m['training_seconds'] / 60:.0f} min, {m['parameters']:,} parameters, best epoch {m['best_epoch']} of {m['epochs_run']}")
PY
