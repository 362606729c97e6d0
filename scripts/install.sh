#!/usr/bin/env bash
# Installs the `biotransformer` command where you choose, as a self-standing folder that keeps working when
# moved or copied (no link back to this repository or the NuGet cache):
#   scripts/install.sh [PREFIX]        # default ~/.local: PREFIX/lib/biotransformer/ and PREFIX/bin/biotransformer
# PREFIX/bin/biotransformer is a relative link to the program, so moving PREFIX as a whole keeps it working;
# add PREFIX/bin to PATH. Needs the .NET 10 runtime (or SDK) where it runs. On Debian 12 the libtorch loader
# fix-up (Directory.Build.targets) is applied to the installed copy by `dotnet publish`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${1:-$HOME/.local}"
mkdir -p "$prefix/bin" "$prefix/lib"
prefix="$(cd "$prefix" && pwd)"
target="$prefix/lib/biotransformer"
staging="$prefix/lib/.biotransformer.$$"
trap 'rm -rf "$staging"' EXIT

rid=linux-x64
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  *) echo "install: $(uname -s) $(uname -m) is not a platform this build targets (linux-x64, osx-arm64)" >&2; exit 2 ;;
esac

log=$(mktemp)
if ! dotnet publish "$root/src/BioTransformer.Cli/BioTransformer.Cli.csproj" -c Release -r "$rid" --self-contained false \
      -o "$staging" --nologo -v quiet > "$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"
  echo "install: dotnet publish failed (output above)" >&2
  exit 1
fi
rm -f "$log"
# Replace any earlier install only once the new one is complete.
rm -rf "$target"
mv "$staging" "$target"
ln -sfn "../lib/biotransformer/biotransformer" "$prefix/bin/biotransformer"
echo "installed: $prefix/bin/biotransformer ($(du -sh "$target" | cut -f1) in $target)"
