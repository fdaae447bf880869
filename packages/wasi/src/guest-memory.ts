// The guest's linear memory as a WASI function sees it: bounds-checked reads and writes of the ABI's
// little-endian integers, byte ranges and strings. Any pointer the guest passes may be crafted: a range
// outside the memory is FAULT, never a JS exception or an access elsewhere. Taken once per call: a
// synchronous WASI function never runs Wasm, so the memory cannot grow under it; an asynchronous one
// (io.ts) may wait while other code grows it, and is `refresh`ed after each wait. Wasm memories only grow,
// so a range checked once stays inside.

import { decodeUtf8Strict, encodeUtf8 } from "@wasmi-ts/store";
import { Errno } from "./constants.js";
import { WasiError } from "./errors.js";

/** Where the memory's current buffer is: the `Memory` of @wasmi-ts/host (its views change as it grows). */
export interface MemorySource {
  readonly data: Uint8Array;
  readonly view: DataView;
}

export class GuestMemory {
  /** Views of the buffer as of the last `refresh` (not to be kept across an await). */
  u8!: Uint8Array;
  view!: DataView;

  constructor(private readonly source: MemorySource) {
    this.refresh();
  }

  /** Takes the memory's current buffer (after an await: it may have grown). */
  refresh(): void {
    this.u8 = this.source.data;
    this.view = this.source.view;
  }

  /** Throws FAULT unless `len` bytes at `ptr` are inside the memory; returns `ptr` as an unsigned number. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    if (p + len > this.u8.length) throw new WasiError(Errno.FAULT, `guest pointer ${p} + ${len} is outside memory`);
    return p;
  }

  u8At(ptr: number): number {
    return this.view.getUint8(this.check(ptr, 1));
  }

  u16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }

  u32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }

  u64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }

  setU8(ptr: number, v: number): void {
    this.view.setUint8(this.check(ptr, 1), v);
  }

  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.check(ptr, 2), v, true);
  }

  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.check(ptr, 4), v, true);
  }

  setU64(ptr: number, v: bigint): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, v), true);
  }

  /** A view (not a copy) of `len` bytes at `ptr`. */
  bytes(ptr: number, len: number): Uint8Array {
    const l = len >>> 0;
    const p = this.check(ptr, l);
    return this.u8.subarray(p, p + l);
  }

  /** The UTF-8 string of `len` bytes at `ptr` (ILSEQ if it is not valid UTF-8). */
  string(ptr: number, len: number): string {
    const s = decodeUtf8Strict(this.bytes(ptr, len));
    if (s === null) throw new WasiError(Errno.ILSEQ, "a path or string that is not valid UTF-8");
    return s;
  }

  /** The buffers of an iovec / ciovec array, each checked: [ptr, len, ptr, len, ...]. Positions, not
   * views, so that they can be used after an await. */
  ranges(ptr: number, count: number): number[] {
    const n = count >>> 0;
    const base = this.check(ptr, n * 8);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const len = this.u32(base + 8 * i + 4);
      out.push(this.check(this.u32(base + 8 * i), len), len);
    }
    return out;
  }
}

/** What a WASI function sees when the caller exports no memory: any pointer is FAULT. */
export const NO_MEMORY = new GuestMemory({ data: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)) });

/** `text` as UTF-8 with a terminating NUL (args and environment strings). */
export function nulTerminated(text: string): Uint8Array {
  const bytes = encodeUtf8(text);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
