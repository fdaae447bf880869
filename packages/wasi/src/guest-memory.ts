// The guest's linear memory as a WASI function sees it: bounds-checked reads and writes of the ABI's
// little-endian integers, byte ranges and strings. Any pointer the guest passes may be crafted: a range
// outside the memory is FAULT, never a JS exception or an access elsewhere. Taken once per call (a WASI
// function never runs Wasm, so the memory cannot grow under it).

import { decodeUtf8Strict, encodeUtf8 } from "@wasmi-ts/store";
import { Errno } from "./constants.js";
import { WasiError } from "./errors.js";

export class GuestMemory {
  constructor(
    readonly u8: Uint8Array,
    readonly view: DataView,
  ) {}

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

  /** The buffers of an iovec / ciovec array: views of guest memory. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const n = count >>> 0;
    const base = this.check(ptr, n * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i++) out.push(this.bytes(this.u32(base + 8 * i), this.u32(base + 8 * i + 4)));
    return out;
  }
}

/** `text` as UTF-8 with a terminating NUL (args and environment strings). */
export function nulTerminated(text: string): Uint8Array {
  const bytes = encodeUtf8(text);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
