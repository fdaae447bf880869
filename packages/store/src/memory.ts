import type { MemoryType } from "./types.js";

export const PAGE_SIZE = 65536;
/** Largest number of pages a 32-bit memory can have (4 GiB). */
export const MAX_PAGES_32 = 65536;

/**
 * A linear memory: one ArrayBuffer with cached views. Growing replaces the buffer (portable to hosts
 * without resizable ArrayBuffers) and bumps `generation`, so code that caches views knows to reload them.
 * The old buffer is detached where the JS engine can (as the JS API does on `memory.grow`): views kept
 * across a growth then have length 0 instead of silently reading and writing a dead copy.
 */
/** The bytes per page of a memory of `type`: 65536 unless it says otherwise (custom-page-sizes). */
export function pageSizeOf(type: MemoryType): number {
  return type.pageSize ?? PAGE_SIZE;
}

export class MemoryEntity {
  buffer: ArrayBuffer;
  u8: Uint8Array;
  view: DataView;
  /** The whole 32-bit words of the buffer (aligned 32-bit accesses, on little-endian hosts). */
  i32: Int32Array;
  /** In pages of `pageSize` bytes (memory.size, memory.grow and the limits count these). */
  pages: number;
  /** Bytes per page: 65536, or 1 (custom-page-sizes). */
  readonly pageSize: number;
  generation = 0;

  constructor(
    readonly type: MemoryType,
    /** The largest page count this memory may reach: the declared maximum, capped by configuration. */
    readonly maxPages: number,
  ) {
    this.pageSize = pageSizeOf(type);
    this.pages = type.limits.min;
    this.buffer = new ArrayBuffer(this.pages * this.pageSize);
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.i32 = new Int32Array(this.buffer, 0, this.buffer.byteLength >> 2);
  }

  get byteLength(): number {
    return this.buffer.byteLength;
  }

  /** Grows by `delta` pages; returns the old page count, or -1 if the memory cannot grow that far. */
  grow(delta: number): number {
    const old = this.pages;
    if (delta === 0) return old;
    const next = old + delta;
    if (delta < 0 || next > this.maxPages) return -1;
    let buffer: ArrayBuffer;
    try {
      buffer = moveToLarger(this.buffer, next * this.pageSize);
    } catch {
      return -1; // the JS engine refused the allocation: report failure as memory.grow does
    }
    this.pages = next;
    this.replaceBuffer(buffer);
    return old;
  }

  /** Moves the contents to a new buffer of the same size and detaches the old one where the engine can
   * (the JS API's `grow(0)` does this). */
  refresh(): void {
    this.replaceBuffer(moveToLarger(this.buffer, this.buffer.byteLength));
  }

  private replaceBuffer(buffer: ArrayBuffer): void {
    this.buffer = buffer;
    this.u8 = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.i32 = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    this.generation++;
  }
}

type Transferable = ArrayBuffer & { transfer?(newByteLength: number): ArrayBuffer };
declare const structuredClone: ((value: unknown, options: { transfer: unknown[] }) => unknown) | undefined;

/**
 * A buffer of `byteLength` bytes holding `old`'s contents, with `old` detached where the engine allows:
 * `ArrayBuffer.prototype.transfer` (ES2024, may even grow in place), else a copy and a detaching
 * `structuredClone` (Node 20, browsers), else a copy that leaves `old` as it is (engines with neither).
 * If the allocation fails, it throws and `old` is untouched.
 */
function moveToLarger(old: Transferable, byteLength: number): ArrayBuffer {
  if (typeof old.transfer === "function") return old.transfer(byteLength);
  const buffer = new ArrayBuffer(byteLength);
  new Uint8Array(buffer).set(new Uint8Array(old));
  if (typeof structuredClone === "function") {
    try {
      structuredClone(old, { transfer: [old] });
    } catch {
      // not transferable here: the old buffer stays readable
    }
  }
  return buffer;
}
