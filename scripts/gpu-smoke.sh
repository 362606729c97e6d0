#!/usr/bin/env bash
# For whoever has an NVIDIA GPU (none is available where this project is developed): builds the CUDA
# variant, runs the tiny manifest of every task on the GPU and `generate` from the generation run, and
# checks that every run finished with finite metrics; then runs the test suite's CUDA tests.
#   scripts/gpu-smoke.sh [WORK_DIR]
# Needs an NVIDIA driver for CUDA 12.8 and access to the TorchSharp-cuda-linux package (about 3 GB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/biotransformer-gpu.XXXXXX)}"
mkdir -p "$work"
cd "$root"

dotnet build BioTransformer.sln -c Release -p:TorchDevice=cuda --nologo -v quiet
cli="src/BioTransformer.Cli/bin/Release/net10.0/biotransformer"

failed=0
for fixture in tiny_esol tiny_bbbp tiny_generation tiny_mlm_protein tiny_contacts; do
  if ! "$cli" run "tests/BioTransformer.Tests/Fixtures/$fixture.toml" --device cuda --output "$work/$fixture" --quiet > "$work/$fixture.log" 2>&1; then
    echo "gpu: $fixture failed (see $work/$fixture.log)"; failed=1; continue
  fi
  run=$(ls -d "$work/$fixture"/*/ | tail -1)
  if grep -qE 'NaN|Infinity' "$run/metrics.json" || ! grep -q '"device": "cuda"' "$run/environment.json"; then
    echo "gpu: $fixture: non-finite metrics or not on cuda ($run)"; failed=1
  else
    echo "gpu: $fixture ok ($run)"
  fi
done

generation=$(ls -d "$work/tiny_generation"/*/ | tail -1)
if "$cli" generate --model "$generation" -n 200 -o "$work/generated.csv" --device cuda --quiet > "$work/generate.log" 2>&1 \
   && [ "$(wc -l < "$work/generated.csv")" -eq 201 ]; then
  echo "gpu: generate ok"
else
  echo "gpu: generate failed (see $work/generate.log)"; failed=1
fi

dotnet test tests/BioTransformer.Tests/BioTransformer.Tests.csproj -c Release -p:TorchDevice=cuda --no-build --nologo \
  --filter "FullyQualifiedName~CudaTests" || failed=1

# Leave the CPU build in place for the usual commands.
dotnet build BioTransformer.sln -c Release --nologo -v quiet
[ "$failed" -eq 0 ] && echo "gpu: passed" || { echo "gpu: failed"; exit 1; }
