// The typed-array views that `Atomics` works on, over a shared memory's SharedArrayBuffer. They track the
// growable buffer's length, so one set per buffer serves for the memory's whole life.

import type { MemoryEntity } from "@wasmi-ts/store";

export interface SharedViews {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
}

/** Typed arrays use the host's byte order; Wasm memory is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const cache = new WeakMap<SharedArrayBuffer, SharedViews>();

/**
 * The views over `mem`'s SharedArrayBuffer; null where atomics are plain accesses: a memory without one
 * (unshared, or shared on a host without SharedArrayBuffer), or a big-endian host (the views would read
 * Wasm's little-endian values in the host's order; one thread's plain accesses are still right there).
 */
export function sharedViews(mem: MemoryEntity): SharedViews | null {
  const buffer = mem.shared;
  if (buffer === null || !LITTLE_ENDIAN) return null;
  let views = cache.get(buffer);
  if (views === undefined) {
    views = { u8: mem.u8, u16: new Uint16Array(buffer), i32: mem.i32, i64: new BigInt64Array(buffer) };
    cache.set(buffer, views);
  }
  return views;
}
