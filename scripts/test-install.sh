#!/usr/bin/env bash
# Tests the install: scripts/install.sh into a temporary prefix, the prefix moved elsewhere, then
# `biotransformer info` and a tiny training run from the moved copy, with no native libraries copied in at
# start-up (TorchSharp's fallback when it cannot load libtorch). Last line "install: passed" or
# "install: failed: WHY" (exit 1); scripts/test.sh counts it as one test.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/biotransformer-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "install: failed: $*"; exit 1; }

"$root/scripts/install.sh" "$work/first" > "$work/install.log" 2>&1 || fail "scripts/install.sh failed: $(tail -3 "$work/install.log" | tr '\n' ' ')"
mv "$work/first" "$work/moved"
cli="$work/moved/bin/biotransformer"
[ -x "$cli" ] || fail "no $cli after moving the prefix"
cd "$work"
"$cli" info > info.log 2>&1 || fail "info failed from the moved install: $(tail -2 info.log | tr '\n' ' ')"
grep -q "libtorch" info.log || fail "info did not report libtorch"
"$cli" run "$root/tests/BioTransformer.Tests/Fixtures/tiny_esol.toml" --output "$work/runs" --set train.epochs=1 --quiet > run.log 2>&1 ||
  fail "tiny run failed from the moved install: $(tail -2 run.log | tr '\n' ' ')"
run=$(ls -d "$work"/runs/*/ | head -1)
grep -q '"status": "finished"' "$run/status.json" || fail "the tiny run did not finish"
[ ! -e "$work/moved/lib/biotransformer/cpu" ] || fail "natives were copied in at start-up (libtorch did not load from the install)"
echo "install: passed"
