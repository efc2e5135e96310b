#!/usr/bin/env bash
# Writes the shell completions and the man page that release archives, the
# Homebrew cask and `make extras` ship, from the binary's own command tree,
# so they can never disagree with the commands they describe.
# Usage: packaging/extras.sh [OUTDIR]   (default: dist-extras)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist-extras}"
rm -rf "$out"
mkdir -p "$out/completions" "$out/manpages"
bin="$(mktemp -d)/iamlab"
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -trimpath -o "$bin" .
for sh in bash zsh fish; do
  "$bin" completion "$sh" >"$out/completions/iamlab.$sh"
done
"$bin" man | gzip -9 -n >"$out/manpages/iamlab.1.gz"
echo "wrote $out/completions/iamlab.{bash,zsh,fish} and $out/manpages/iamlab.1.gz"
