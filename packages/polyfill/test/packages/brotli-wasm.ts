// Workload: brotli-wasm (the Rust brotli crate built with wasm-bindgen: a 1 MB module made with
// `new WebAssembly.Module` + `new WebAssembly.Instance` at load time, allocating and copying buffers in
// linear memory), run by ../packages.test.ts in each mode: native, polyfill and --jitless. It compresses
// and decompresses text and pseudo-random bytes at a few qualities and prints the compressed bytes' sha256
// and whether each round trip gives the input back, as JSON that must be the same in every mode.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { pseudoRandomBytes, report } from "./setup.js";

type Brotli = typeof import("brotli-wasm");
// The package's ESM entry is its web build, which fetch()es the .wasm (not in Node): require the Node build.
// require() runs here, after setup.js, so it sees the mode's WebAssembly.
const brotli = createRequire(import.meta.url)("brotli-wasm") as Brotli;

// text that compresses like prose: words picked pseudo-randomly, with numbers and line breaks
const words = ("the of a to in is it that for on with as by at from an be this are or which one all but not " +
  "wasm memory table global module instance import export function stack value page trap call loop block").split(" ");
const picks = pseudoRandomBytes(20_000, 4);
let text = "";
for (let i = 0; text.length < 50_000; i++) {
  const r = picks[i % picks.length]!;
  text += `${words[r % words.length]}${r % 17 === 0 ? ` ${i}.\n` : " "}`;
}

const inputs: Record<string, Uint8Array> = {
  text50k: new TextEncoder().encode(text),
  bytes20k: pseudoRandomBytes(20_000, 3),
  empty: new Uint8Array(0),
};

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

// the qualities per input (quality 9 is the slow one under --jitless: once, on text; the default, 11, is
// far slower still, so every call names its quality)
const qualities: Record<string, number[]> = { text50k: [1, 5, 9], bytes20k: [1, 5], empty: [5] };

const results: Record<string, unknown> = {};
for (const [name, input] of Object.entries(inputs)) {
  for (const quality of qualities[name]!) {
    const compressed = brotli.compress(input, { quality });
    const restored = brotli.decompress(compressed);
    results[`${name} q${quality}`] = { size: compressed.length, sha256: sha256(compressed), roundTrip: equal(restored, input) };
  }
}

// the streaming API, as the package's README uses it: input in 4 KB chunks, output 1 KB at a time
const { NeedsMoreOutput } = brotli.BrotliStreamResultCode;
/** Calls `step` (one call to the stream) until it stops asking for more output; returns the last code. */
function drain(step: (inputOffset: number) => { buf: Uint8Array; code: number; input_offset: number; free(): void }, out: Uint8Array[]): number {
  let code: number;
  let inputOffset = 0;
  do {
    const r = step(inputOffset);
    out.push(r.buf);
    code = r.code;
    inputOffset += r.input_offset;
    r.free();
  } while (code === NeedsMoreOutput);
  return code;
}
const input = inputs.text50k!;
const codes: number[] = [];
const parts: Uint8Array[] = [];
const compressor = new brotli.CompressStream(6);
for (let offset = 0; offset < input.length; offset += 4096) {
  const chunk = input.subarray(offset, offset + 4096);
  codes.push(drain((at) => compressor.compress(chunk.subarray(at), 1024), parts));
}
codes.push(drain(() => compressor.compress(undefined, 1024), parts));
compressor.free();
const streamed = Buffer.concat(parts);
const out: Uint8Array[] = [];
const decompressor = new brotli.DecompressStream();
for (let offset = 0; offset < streamed.length; offset += 4096) {
  const chunk = streamed.subarray(offset, offset + 4096);
  codes.push(drain((at) => decompressor.decompress(chunk.subarray(at), 1024), out));
}
decompressor.free();
results.stream = { size: streamed.length, sha256: sha256(streamed), roundTrip: equal(Buffer.concat(out), input), codes: codes.join(" ") };

report(results);
