// Workload: hash-wasm (hand-written Wasm hash functions, one small module per algorithm, instantiated with
// WebAssembly.instantiate), run by ../packages.test.ts in each mode: native, polyfill and --jitless. It
// prints the digests as JSON, which must be the same in every mode. Covers streaming input through linear
// memory (100 KB), i64-heavy code (sha512, xxhash64, blake3), memory growth (argon2id) and an incremental
// hasher kept alive across calls.
import { createHash } from "node:crypto";
import { hex, pseudoRandomBytes, report } from "./setup.js";

const hw = await import("hash-wasm"); // after setup.js: the package must see the mode's WebAssembly

const inputs: Record<string, Uint8Array | string> = {
  empty: "",
  abc: "abc",
  bytes100k: pseudoRandomBytes(100_000, 1),
};

const algorithms: Record<string, (data: Uint8Array | string) => Promise<string>> = {
  md5: (d) => hw.md5(d),
  sha1: (d) => hw.sha1(d),
  sha256: (d) => hw.sha256(d),
  sha512: (d) => hw.sha512(d),
  "sha3-256": (d) => hw.sha3(d, 256),
  xxhash32: (d) => hw.xxhash32(d, 0x9747b28c),
  xxhash64: (d) => hw.xxhash64(d, 0x12345678, 0x9abcdef0),
  blake3: (d) => hw.blake3(d),
  crc32: (d) => hw.crc32(d),
};

const results: Record<string, unknown> = {};
for (const [algorithm, hash] of Object.entries(algorithms)) {
  const digests: Record<string, string> = {};
  for (const [name, data] of Object.entries(inputs)) digests[name] = await hash(data);
  results[algorithm] = digests;
}

// a check of the reference itself: the digests that node:crypto also computes agree with it
const nodeNames: Record<string, string> = { md5: "md5", sha1: "sha1", sha256: "sha256", sha512: "sha512", "sha3-256": "sha3-256" };
results.agreesWithNodeCrypto = Object.entries(nodeNames).every(([algorithm, nodeName]) =>
  Object.entries(inputs).every(([name, data]) =>
    (results[algorithm] as Record<string, string>)[name] === createHash(nodeName).update(data).digest("hex")));

// argon2id with tiny costs: 64 KiB of memory, 2 passes, 2 lanes
results.argon2id = await hw.argon2id({
  password: "correct horse battery staple",
  salt: pseudoRandomBytes(16, 2),
  parallelism: 2,
  iterations: 2,
  memorySize: 64,
  hashLength: 32,
  outputType: "hex",
});

// an incremental hasher: init, updates in uneven chunks, digest; then reused for a second message
const hasher = await hw.createSHA256();
hasher.init();
const data = inputs.bytes100k as Uint8Array;
for (let offset = 0, size = 1; offset < data.length; offset += size, size = (size * 7 + 3) % 9000) {
  hasher.update(data.subarray(offset, offset + size));
}
const chunked = hasher.digest("hex");
hasher.init();
hasher.update("abc");
results.createSHA256 = { chunked, chunkedMatchesOneShot: chunked === (results.sha256 as Record<string, string>).bytes100k, reused: hex(hasher.digest("binary")) };

report(results);
