#!/bin/sh
# TEMPORARY: converts workloads/*.wat to .wasm with Debian's wabt (apt-get install -y wabt) until
# @wasmi-ts/wast's parseWat can do it. The .wasm files are committed, so `pnpm bench` needs no wabt.
set -eu
cd "$(dirname "$0")/../workloads"
for wat in *.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built workloads/${wat%.wat}.wasm"
done
