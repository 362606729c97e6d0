#!/usr/bin/env bash
# Performance, side by side with PyTorch and against the machine's own matmul speed. One run writes
# OUT/results.csv and prints a table.
#   scripts/bench-performance.sh [OUT_DIR] [THREADS] [GENERATION_RUN_DIR]
# 1. Backbone training throughput (tokens/s) at ~1M, ~4M and ~14M parameters, BioTransformer
#    (TorchSharp, libtorch 2.10) vs the same model and loop in Debian's PyTorch 1.13 + OpenBLAS
#    (scripts/bench/torch_backbone.py; manual attention, as 1.13 has no fused kernel), same threads,
#    same shapes (batch 32 x 128 tokens, vocabulary 64), three interleaved repeats, medians.
# 2. Share of peak: model FLOP/s (6 N per token + 12 L T d for attention) over the FLOP/s of a
#    2048 x 2048 float32 matmul measured in the same process.
# 3. Tokenizers (SMILES: 45k ChEMBL; proteins: 2,000 UniProt) vs Python regex tokenizers, one thread.
# 4. Inference: property prediction with and without length bucketing; generation with and without the
#    key/value cache (a generation run is trained first unless one is given); contacts at L = 256.
# 5. Peak resident memory of each process.
# Needs: apt-get install -y python3-torch libopenblas0-pthread (Debian), run on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/runs/bench-performance}"
threads="${2:-2}"
generation_run="${3:-}"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$out"
if ! /usr/bin/python3 -c "import torch" 2> /dev/null; then
  echo "bench-performance: PyTorch is missing; install it with: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 2
fi
"$root/scripts/biotransformer" info > /dev/null
dotnet build "$root/benchmarks/BioTransformer.Benchmarks/BioTransformer.Benchmarks.csproj" -c Release --nologo -v quiet > /dev/null
bench="$root/benchmarks/BioTransformer.Benchmarks/bin/Release/net10.0/biotransformer-bench"
torch="/usr/bin/python3 $root/scripts/bench/torch_backbone.py"
molecules="$root/../shared/data/molecules/chembl30_a.csv.gz"
[ -f "$molecules" ] || molecules="$root/datasets/chembl30/chembl30_5k.csv"
proteins="$root/datasets/uniprot/uniprot_2k.fasta.gz"
raw="$out/raw.csv"
: > "$raw"

# size name, dim, layers, heads, feed-forward, measured steps
sizes=("1M 128 4 4 512 10" "4M 256 5 8 1024 8" "14M 384 8 8 1536 5")
for repeat in 1 2 3; do
  for size in "${sizes[@]}"; do
    read -r name dim layers heads ff steps <<< "$size"
    args="$dim $layers $heads $ff 128 32 64 2 $steps $threads"
    # Alternate which goes first, so slow spells of the machine hit both alike.
    if (( repeat % 2 )); then order="bt pt"; else order="pt bt"; fi
    for impl in $order; do
      if [ "$impl" = bt ]; then line=$("$bench" train-speed $args); else line=$($torch $args); fi
      echo "$name,$repeat,$line" | tee -a "$raw"
    done
  done
done

for domain in smiles protein; do
  file=$molecules; [ "$domain" = protein ] && file=$proteins
  echo "-,1,$("$bench" tokenize-speed "$file" "$domain" 7)" | tee -a "$raw"
  echo "-,1,$(/usr/bin/python3 "$root/scripts/bench/regex_tokenizer.py" "$file" "$domain" 7)" | tee -a "$raw"
done

"$bench" inference-speed "$molecules" "$threads" | sed 's/^/-,1,/' | tee -a "$raw"

if [ -z "$generation_run" ]; then
  "$root/scripts/biotransformer" run "$root/experiments/generation.toml" --set train.epochs=3 --set generation.samples=100 \
    --set threads="$threads" --set name=perf-generation --output "$out" --quiet > "$out/generation-training.log"
  generation_run=$(ls -d "$out"/perf-generation-2* | sort | tail -1)
fi
"$bench" generation-speed "$generation_run" 500 250 3 "$threads" > "$out/generation-speed.txt"
cat "$out/generation-speed.txt"

/usr/bin/python3 - "$raw" "$out/generation-speed.txt" "$out/results.csv" "$threads" <<'PY'
import csv, statistics, sys, platform
raw, generation, results, threads = sys.argv[1:5]
rows = [r for r in csv.reader(open(raw)) if r]
out = []
print(f"\nthreads {threads}; {platform.processor() or platform.machine()}")
print(f"{'benchmark':56} {'BioTransformer':>15} {'reference':>15} {'ratio':>7} {'peak MiB (BT / ref)':>20}")
# Training: medians over repeats
for size in ("1M", "4M", "14M"):
    bt = [r for r in rows if r[0] == size and r[3] == "biotransformer"]
    pt = [r for r in rows if r[0] == size and r[3] == "pytorch"]
    if not bt or not pt: continue
    med = lambda rs, i: statistics.median(float(r[i]) for r in rs)
    b, p = med(bt, 4), med(pt, 4)
    params = int(bt[0][7])
    share_b, share_p = med(bt, 8) / med(bt, 9), med(pt, 8) / med(pt, 9)
    print(f"{'train ' + size + f' ({params/1e6:.2f} M params), tokens/s':56} {b:15,.0f} {p:15,.0f} {b/p:7.2f} {med(bt,6):>9,.0f} / {med(pt,6):,.0f}")
    print(f"{'  share of matmul peak (model / matmul FLOP/s)':56} {share_b:15.2f} {share_p:15.2f} {'':7} {'':>20}")
    print(f"{'  matmul peak, GFLOP/s':56} {med(bt,9)/1e9:15.1f} {med(pt,9)/1e9:15.1f}")
    out += [["train_tokens_per_s", size, params, b, p, b / p, share_b, share_p, med(bt, 9), med(pt, 9), med(bt, 6), med(pt, 6)]]
for domain in ("smiles", "protein"):
    bt = [r for r in rows if r[2] == f"tokenize-{domain}" and r[3] == "biotransformer"]
    py = [r for r in rows if r[2] == f"tokenize-{domain}" and r[3] == "python-regex"]
    if bt and py:
        b, p = float(bt[0][4]), float(py[0][4])
        print(f"{'tokenize ' + domain + ' (1 thread), tokens/s':56} {b:15,.0f} {p:15,.0f} {b/p:7.1f} {bt[0][6]:>9} / {py[0][6]}")
        out += [[f"tokenize_{domain}_tokens_per_s", "-", "", b, p, b / p, "", "", "", "", bt[0][6], py[0][6]]]
inference = [r for r in rows if r[2].startswith(("property", "contact"))]
for r in inference:
    print(f"{(r[2] + ', ' + r[3])[:56]:56} {float(r[4]):15,.1f} {'':>15} {'':7} {r[6]:>9}")
    out += [[r[2], r[3], "", float(r[4]), "", "", "", "", "", "", r[6], ""]]
lines = open(generation).read().splitlines()
peak = next((l.split()[3] for l in lines if l.startswith("peak resident memory")), "")
for line in lines:
    if line.startswith(("key/value", "full prefix")):
        name = "generation (molecules/s), " + ("key/value cache" if line.startswith("key") else "full prefix each step")
        value = float(line.split()[2 if line.startswith("key") else 4].replace(",", ""))
        print(f"{name:56} {value:15,.1f} {'':>15} {'':7} {peak:>9}")
        out += [[name, "", "", value, "", "", "", "", "", "", peak, ""]]
with open(results, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["benchmark", "variant", "parameters", "biotransformer", "reference", "ratio", "share_of_peak_bt", "share_of_peak_ref",
                "matmul_flops_bt", "matmul_flops_ref", "peak_mib_bt", "peak_mib_ref"])
    w.writerows(out)
print(f"\nwrote {results}")
PY
