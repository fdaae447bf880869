import { growShared, newSharedBuffer } from "./shared-buffer.js";
import type { MemoryType } from "./types.js";

export const PAGE_SIZE = 65536;
/** Largest number of pages a 32-bit memory can have (4 GiB). */
export const MAX_PAGES_32 = 65536;

/**
 * A linear memory: one ArrayBuffer with cached views. Growing replaces the buffer (portable to hosts
 * without resizable ArrayBuffers) and bumps `generation`, so code that caches views knows to reload them.
 * A shared memory's SharedArrayBuffer grows in place instead (`shared`, shared-buffer.ts).
 * The old buffer is detached where the JS engine can (as the JS API does on `memory.grow`): views kept
 * across a growth then have length 0 instead of silently reading and writing a dead copy.
 */
/** The bytes per page of a memory of `type`: 65536 unless it says otherwise (custom-page-sizes). */
export function pageSizeOf(type: MemoryType): number {
  return type.pageSize ?? PAGE_SIZE;
}

export class MemoryEntity {
  /** The memory's bytes: a `SharedArrayBuffer` when `shared` is set (see shared-buffer.ts), else an `ArrayBuffer`. */
  buffer: ArrayBuffer | SharedArrayBuffer;
  u8: Uint8Array;
  view: DataView;
  /** The whole 32-bit words of the buffer (aligned 32-bit accesses, on little-endian hosts). */
  i32: Int32Array;
  /** In pages of `pageSize` bytes (memory.size, memory.grow and the limits count these). For a
   * `shared` memory, the size this thread last saw: `sync()` catches up with other threads' growths. */
  pages: number;
  /** Bytes per page: 65536, or 1 (custom-page-sizes). */
  readonly pageSize: number;
  generation = 0;
  /**
   * The growable `SharedArrayBuffer` behind a shared memory (limits flag 0x02) where the host has one
   * (shared-buffer.ts), which other threads may hold too: it grows in place and is never replaced, and
   * the views above track its length. Null for unshared memories, and for shared ones on hosts without
   * `SharedArrayBuffer` (they keep the single-thread `ArrayBuffer` behaviour).
   */
  readonly shared: SharedArrayBuffer | null;

  constructor(
    readonly type: MemoryType,
    /** The largest page count this memory may reach: the declared maximum, capped by configuration. */
    readonly maxPages: number,
    /** A shared memory's existing buffer (from another thread); its length gives the current size. */
    sharedBuffer?: SharedArrayBuffer,
  ) {
    this.pageSize = pageSizeOf(type);
    // 1-byte pages (custom-page-sizes) stay unshared: the engine's views over a growable buffer need a
    // length that is a multiple of their element size
    const sharable = type.shared === true && this.pageSize === PAGE_SIZE;
    this.shared = sharedBuffer ?? (sharable ? newSharedBuffer(type.limits.min * this.pageSize, maxPages * this.pageSize) : null);
    this.buffer = this.shared ?? new ArrayBuffer(type.limits.min * this.pageSize);
    this.pages = Math.floor(this.buffer.byteLength / this.pageSize);
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    // over a growable SharedArrayBuffer, a view without a length tracks the buffer's (whole words)
    this.i32 = this.shared !== null ? new Int32Array(this.shared) : new Int32Array(this.buffer, 0, this.buffer.byteLength >> 2);
  }

  get byteLength(): number {
    return this.buffer.byteLength;
  }

  /** Grows by `delta` pages; returns the old page count, or -1 if the memory cannot grow that far. */
  grow(delta: number): number {
    this.sync(); // a shared memory: from the size that other threads' growths left
    const old = this.pages;
    if (delta === 0) return old;
    const next = old + delta;
    if (delta < 0 || next > this.maxPages) return -1;
    if (this.shared !== null) {
      if (!growShared(this.shared, next * this.pageSize)) return -1;
      this.sync();
      return old;
    }
    let buffer: ArrayBuffer;
    try {
      buffer = moveToLarger(this.buffer as ArrayBuffer, next * this.pageSize);
    } catch {
      return -1; // the JS engine refused the allocation: report failure as memory.grow does
    }
    this.pages = next;
    this.replaceBuffer(buffer);
    return old;
  }

  /**
   * A shared memory that another thread grew: takes the buffer's current length as the size and bumps
   * `generation` (code caching the length reloads it); true if it changed. The views track the length
   * themselves. Nothing to do for an unshared memory (false).
   */
  sync(): boolean {
    if (this.shared === null) return false;
    const pages = Math.floor(this.shared.byteLength / this.pageSize);
    if (pages === this.pages) return false;
    this.pages = pages;
    this.generation++;
    return true;
  }

  /** Moves the contents to a new buffer of the same size and detaches the old one where the engine can
   * (the JS API's `grow(0)` does this). A shared memory's buffer stays: other threads see it. */
  refresh(): void {
    if (this.shared !== null) return;
    this.replaceBuffer(moveToLarger(this.buffer as ArrayBuffer, this.buffer.byteLength));
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
