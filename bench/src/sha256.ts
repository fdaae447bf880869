// hash-wasm's SHA-256 module, driven the way hash-wasm itself drives it.
// hash-wasm embeds each of its wasm binaries in its bundle as a base64 string next to its name
// (`var name$a = "sha256"; var data$a = "AGFzbQ..."`); we read the bundle and decode that string.
// Calling protocol (hash-wasm lib/WASMInterface.ts): Hash_GetBuffer() -> offset of a 16 KiB I/O
// buffer in `memory`; Hash_Init(256); per chunk of at most 16 KiB: copy it to the buffer and call
// Hash_Update(length); Hash_Final(); the digest is then the first 32 bytes of the buffer.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Value, WasmInstance } from "./runner.js";

const CHUNK = 16 * 1024;

export function loadSha256Wasm(): Uint8Array {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(join(dirname(require.resolve("hash-wasm")), "index.esm.js"), "utf8");
  const match = /var name\$(\w*) = "sha256";\s*var data\$\1 = "([A-Za-z0-9+/=]+)"/.exec(bundle);
  if (!match) throw new Error("cannot find the embedded sha256 wasm in hash-wasm's bundle");
  return new Uint8Array(Buffer.from(match[2]!, "base64"));
}

const inputs = new Map<number, Uint8Array>();

/** Deterministic pseudo-random input of `size` bytes (xorshift32), cached per size. */
export function sha256Input(size: number): Uint8Array {
  let bytes = inputs.get(size);
  if (!bytes) {
    const words = new Uint32Array(Math.ceil(size / 4));
    let x = 2463534242;
    for (let i = 0; i < words.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      words[i] = x >>> 0;
    }
    bytes = new Uint8Array(words.buffer, 0, size);
    inputs.set(size, bytes);
  }
  return bytes;
}

/** Hashes sha256Input(size) with the instance; returns the digest in hex. */
export function sha256Drive(instance: WasmInstance, args: readonly Value[]): string {
  const size = args[0] as number;
  const input = sha256Input(size);
  const update = instance.func("Hash_Update");
  const offset = instance.func("Hash_GetBuffer")() as number;
  instance.func("Hash_Init")(256);
  for (let pos = 0; pos < size; pos += CHUNK) {
    const chunk = input.subarray(pos, pos + CHUNK);
    instance.memory("memory").set(chunk, offset);
    update(chunk.length);
  }
  instance.func("Hash_Final")();
  return Buffer.from(instance.memory("memory").subarray(offset, offset + 32)).toString("hex");
}
