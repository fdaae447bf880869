// hash-wasm's algorithms through its public API: one small hand-written Wasm module per algorithm, which
// hash-wasm compiles and instantiates with the global WebAssembly (imported inside `load`, once the runner's
// namespace is in place). A streaming run hashes n pseudo-random bytes (inputs.ts) with a hasher made at
// load time: init, update, hex digest (hash-wasm copies the input into Wasm memory in 16 KiB chunks).
// An argon2 run is one argon2id call, which instantiates the module and grows its memory each time.
// Expected digests: V8's; the test checks md5, sha1, sha512 and sha3-256 against node:crypto.
import type { Workload } from "../manifest.js";
import { randomBytes } from "./inputs.js";

type HashWasm = typeof import("hash-wasm");
type Hasher = Awaited<ReturnType<HashWasm["createMD5"]>>;

const KiB = 1024;
const MiB = 1024 * KiB;

/** A workload hashing args[0] pseudo-random bytes with the hasher `create` makes. */
function streaming(
  name: string,
  api: string,
  create: (hashWasm: HashWasm) => Promise<Hasher>,
  sizes: { full: number; quick: number },
  expected: { full: string; quick: string },
): Workload {
  return {
    name,
    group: "hash-wasm",
    description: `hash-wasm's ${api}: init, update with n bytes, hex digest (${sizes.full / MiB} MiB)`,
    export: "",
    async load() {
      const hasher = await create(await import("hash-wasm"));
      return ([size]) => {
        hasher.init();
        hasher.update(randomBytes(size as number));
        return hasher.digest("hex");
      };
    },
    prepare: ([size]) => void randomBytes(size as number),
    args: { full: [sizes.full], quick: [sizes.quick], tiny: [64] },
    expected,
  };
}

export const HASH_WASM_WORKLOADS: Workload[] = [
  streaming("md5", "createMD5()", (hw) => hw.createMD5(), { full: 4 * MiB, quick: 256 * KiB }, {
    full: "76d118eba3c48de94779a2e08c63029e",
    quick: "76a67c22faf07f3c3be56dfed332bbf8",
  }),
  streaming("sha1", "createSHA1()", (hw) => hw.createSHA1(), { full: 4 * MiB, quick: 256 * KiB }, {
    full: "e8fae7eb90124b73f2bd6cff00c8ec45d4ddc275",
    quick: "30db15849e887ab218fb172484b6f65870df211a",
  }),
  streaming("sha512", "createSHA512()", (hw) => hw.createSHA512(), { full: 2 * MiB, quick: 128 * KiB }, {
    full: "d4a0af24a0e2b1d42de66cd32b7d0e35c1a3bbc4cce03730f0bce67eaa73251ee2db97db69aaf7298042f09d3680c64968a2d664e101a925dbe2380402643d3b",
    quick: "3177852b7d6331b7000e900b43589533a3a4fbd771fd6526f612998d91bda371b9c7167fd705898c95aa905b454ea89e7e65cf23aafe0df71fd7ec8ba039fe37",
  }),
  streaming("sha3", "createSHA3(256)", (hw) => hw.createSHA3(256), { full: 2 * MiB, quick: 128 * KiB }, {
    full: "7d41420d2d77b26dbe5836d00f27eb572508973034b0f013d6da9a5a76191db8",
    quick: "fb9911a866c9b080ab60ea393e21e84ef004c708b59df272e1ffc3e65e685a42",
  }),
  streaming("xxhash32", "createXXHash32()", (hw) => hw.createXXHash32(), { full: 32 * MiB, quick: 2 * MiB }, {
    full: "b5cd1833",
    quick: "c66a8d95",
  }),
  streaming("xxhash64", "createXXHash64()", (hw) => hw.createXXHash64(), { full: 32 * MiB, quick: 2 * MiB }, {
    full: "3ff3c9c826c52068",
    quick: "d8de6379eefa75f8",
  }),
  streaming("blake3", "createBLAKE3()", (hw) => hw.createBLAKE3(), { full: 8 * MiB, quick: 512 * KiB }, {
    full: "3e52b8575b047a44c613e676a21b4abb52b66b2dbc4a86fbe4fb891f5dbe170d",
    quick: "38ba42817c3a7a517921f6a9699ae763895c5a483aada308431479714cb0b4d0",
  }),
  {
    name: "argon2",
    group: "hash-wasm",
    description: "hash-wasm's argon2id: memory in KiB, iterations; 1 lane, 32-byte hex hash (2048 KiB, 2)",
    export: "",
    async load() {
      const { argon2id } = await import("hash-wasm");
      return ([memorySize, iterations]) =>
        argon2id({
          password: "correct horse battery staple",
          salt: "wasmi-ts bench salt",
          parallelism: 1,
          iterations: iterations as number,
          memorySize: memorySize as number,
          hashLength: 32,
          outputType: "hex",
        });
    },
    args: { full: [2048, 2], quick: [256, 1], tiny: [8, 1] },
    expected: {
      full: "fa123f2e45df25963c5241a66038c839c7f7ea1159d19ec617d64b5595317842",
      quick: "af2ce708c6ab668bb973adde4079697309348e84dfe1b1783045a23ed22d4e23",
    },
  },
];
