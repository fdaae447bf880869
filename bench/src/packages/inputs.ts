// Deterministic inputs of the package workloads, generated once per size and cached, so that a run does not
// pay for making its input (a workload's `prepare` generates it before the timed calls).

const randomCache = new Map<number, Uint8Array>();
const textCache = new Map<number, Uint8Array>();

/** A xorshift32 generator from `seed` (not 0): the next 32-bit value, unsigned, per call. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** `size` pseudo-random bytes (xorshift32), the same for every caller of that size. */
export function randomBytes(size: number): Uint8Array {
  let bytes = randomCache.get(size);
  if (!bytes) {
    const next = xorshift32(0x9e3779b9);
    bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = next() >>> 24;
    randomCache.set(size, bytes);
  }
  return bytes;
}

// a small vocabulary, so that the text repeats like prose does and a compressor finds matches
const WORDS = (
  "the of and a to in is it that for on with as by at from an be this are or which one all but not " +
  "wasm memory table global module instance import export function stack value page trap call loop block " +
  "interpreter compile validate translate register branch return local constant integer float vector"
).split(" ");

/** `size` bytes of ASCII text: pseudo-random words, with a number and a line break now and then. */
export function textBytes(size: number): Uint8Array {
  let bytes = textCache.get(size);
  if (!bytes) {
    const next = xorshift32(0x2545f491);
    let text = "";
    for (let i = 0; text.length < size; i++) {
      const r = next();
      text += WORDS[r % WORDS.length]!;
      text += r % 23 === 0 ? ` ${i}.\n` : r % 7 === 0 ? ", " : " ";
    }
    bytes = new TextEncoder().encode(text.slice(0, size));
    textCache.set(size, bytes);
  }
  return bytes;
}
