// brotli-wasm: the Rust brotli crate built with wasm-bindgen (a 1 MB module; buffers are allocated and
// copied in linear memory). A run compresses n bytes of text-like input (inputs.ts) at quality 6, decompresses
// the result and checks that it gives the input back; the result is the compressed size and the sha256 of
// the compressed bytes. The test decompresses them again with node:zlib.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Workload } from "../manifest.js";
import { textBytes } from "./inputs.js";

/** A middle quality: the default, 11, is many times slower and would dominate the package group. */
export const BROTLI_QUALITY = 6;

export const BROTLI: Workload = {
  name: "brotli",
  group: "packages",
  description: `brotli-wasm: compress n bytes of text at quality ${BROTLI_QUALITY}, decompress, compare (128 KiB)`,
  export: "",
  async load() {
    // The package's ESM entry is its web build, which fetch()es its .wasm: require the Node build, here,
    // so that it instantiates its module with the runner's WebAssembly.
    const brotli = createRequire(import.meta.url)("brotli-wasm") as typeof import("brotli-wasm");
    return ([n]) => {
      const input = textBytes(n as number);
      const compressed = brotli.compress(input, { quality: BROTLI_QUALITY });
      if (Buffer.compare(brotli.decompress(compressed), input) !== 0) throw new Error("brotli round trip changed the input");
      return `${compressed.length}:${createHash("sha256").update(compressed).digest("hex")}`;
    };
  },
  prepare: ([n]) => void textBytes(n as number),
  args: { full: [128 << 10], quick: [8 << 10], tiny: [16] },
  expected: {
    full: "36297:0afbbaa1e6c47f87285f7cdcbcd091fa1d5232522f7b75ce3fc34c0ca25a04b9",
    quick: "2572:1e521331f1325a12f3c8092d7a9605fd4787cb59842b5e16e28712838e6e1d9b",
  },
};
