#!/usr/bin/env bash
# Release archives for the machines staff use: Linux (tar.gz) and Windows
# (zip), each with the stripped binary, the rule pack, the sample, the
# settings file and the READMEs, and a SHA256SUMS file beside them.
# Usage: scripts/dist.sh [OUT_DIR]   (default target/dist)
# Needs: rustup target x86_64-pc-windows-gnu and Debian's gcc-mingw-w64-x86-64.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
targets=(x86_64-unknown-linux-gnu x86_64-pc-windows-gnu)

rm -rf "$out"
mkdir -p "$out"
for target in "${targets[@]}"; do
  CARGO_PROFILE_RELEASE_STRIP=true CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo build --locked --release --quiet --bin chitieu --target "$target"
  name="chitieu-$version-$target"
  stage="$out/$name"
  mkdir -p "$stage"
  exe=chitieu
  [[ $target == *windows* ]] && exe=chitieu.exe
  cp "target/$target/release/$exe" "$stage/"
  cp -r rules data "$stage/"
  cp README.md README.vi.md chitieu.yaml "$stage/"
  if [[ $target == *windows* ]]; then
    # Windows tools read CRLF best; the program reads both.
    for f in README.md README.vi.md chitieu.yaml; do
      sed -i 's/\r*$/\r/' "$stage/$f"
    done
    (cd "$out" && python3 -m zipfile -c "$name.zip" "$name")
  else
    tar -C "$out" -czf "$out/$name.tar.gz" "$name"
  fi
  rm -rf "$stage"
done
(cd "$out" && sha256sum ./*.tar.gz ./*.zip | sed 's| \./| |' > SHA256SUMS)
ls -l "$out"
cat "$out/SHA256SUMS"
