#!/bin/sh
# Builds workloads/c/*.c to freestanding wasm32 modules (no imports, no libc) with Debian's clang:
#   apt-get install -y clang lld
# The .wasm files are committed, so `pnpm bench` needs no clang. Also builds each program natively
# with the host C compiler and prints its results, to cross-check the expected values in
# src/manifest.ts independently of any WebAssembly engine.
set -eu
cd "$(dirname "$0")/../workloads"
for src in c/*.c; do
  name=$(basename "$src" .c)
  clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o "$name.wasm" "$src"
  echo "built workloads/$name.wasm ($(wc -c < "$name.wasm") bytes)"
done

native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT
for src in c/*.c; do cc -O2 -o "$native/$(basename "$src" .c)" "$src"; done
# name and arguments as in src/manifest.ts and src/kernels.ts (full, then quick)
while read -r name args; do
  echo "native $name($args) = $("$native/$name" $args)"
done <<'LIST'
coremark 1000
coremark 50
compress 1024 12
compress 256 1
keccak 100 20
keccak 100 1
json 256 8
json 64 1
LIST
