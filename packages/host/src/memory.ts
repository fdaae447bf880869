import { allocMemory } from "@wasmi-ts/executor";
import {
  canShareMemory, decodeUtf8, encodeUtf8, growableSharedMax, growMemory, pageSizeOf, ValType, type MemoryEntity, type MemoryType,
} from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { toI32, toI64 } from "./values.js";

/** A linear memory of a store. */
export class Memory {
  readonly entity: MemoryEntity;

  /**
   * A new memory of `type` in `store` (its maximum capped by the engine's `maxMemoryPages`). Throws
   * `ResourceLimitError` when the store's limiter refuses it.
   */
  constructor(readonly store: Store<any>, type: MemoryType, /** @internal */ entity?: MemoryEntity) {
    if (entity === undefined) {
      entity = allocMemory(store.pruned, type, store.engine.config);
      store.handles.set(entity, this);
    }
    this.entity = entity;
  }

  /**
   * A memory of `store` on the SharedArrayBuffer of a shared memory of another store, typically in
   * another thread (`memory.buffer`, posted to a worker): both see the same bytes, atomics and waits.
   * `type` must be shared; the buffer must be a shared memory's growable buffer (`TypeError` otherwise),
   * its size a whole number of pages within `type`'s limits (`RangeError` otherwise). Its growth is capped
   * by the buffer's maximum as well as `type`'s. Throws `TypeError` where memories cannot be shared
   * (`Memory.canShare`).
   */
  static fromShared(store: Store<any>, type: MemoryType, buffer: SharedArrayBuffer): Memory {
    if (!canShareMemory) {
      throw new TypeError("Memory.fromShared: this host cannot share memories (no growable SharedArrayBuffer, or not cross-origin isolated)");
    }
    if (type.shared !== true) throw new TypeError("Memory.fromShared: the memory type must be shared");
    const max = growableSharedMax(buffer);
    if (max === null) {
      throw new TypeError("Memory.fromShared: expected the growable SharedArrayBuffer of a shared memory (`memory.buffer`)");
    }
    const pageSize = pageSizeOf(type);
    const pages = buffer.byteLength / pageSize;
    if (!Number.isInteger(pages) || pages < type.limits.min || (type.limits.max !== null && pages > type.limits.max)) {
      throw new RangeError(`Memory.fromShared: a buffer of ${buffer.byteLength} bytes is not a memory of ${type.limits.min}..${String(type.limits.max)} pages of ${pageSize} bytes`);
    }
    return Memory.fromEntity(store, allocMemory(store.pruned, type, store.engine.config, buffer));
  }

  /** Whether shared memories are backed by a SharedArrayBuffer that other threads can use here (else
   * they are single-thread ArrayBuffers: executor README, "Threads"). */
  static get canShare(): boolean {
    return canShareMemory;
  }

  /** The one handle of `entity` in `store`. */
  static fromEntity(store: Store<any>, entity: MemoryEntity): Memory {
    let m = store.handles.get(entity) as Memory | undefined;
    if (m === undefined) {
      m = new Memory(store, entity.type, entity);
      store.handles.set(entity, m);
    }
    return m;
  }

  get type(): MemoryType {
    return this.entity.type;
  }

  /** Current size in pages (of 64 KiB, or of the type's `pageSize`). */
  get size(): number {
    this.entity.sync(); // a shared memory that another thread grew
    return this.entity.pages;
  }

  /**
   * The current buffer. Growing replaces it, and detaches the old one where the JS engine can (as the JS
   * API does): views made before a growth then have length 0. Take views after growing, or use the
   * accessors below, which always use the current buffer.
   *
   * A shared memory's buffer is a growable `SharedArrayBuffer` (where the host has one: `Memory.canShare`),
   * the same for the memory's whole life: it grows in place, and views without a length track its size.
   * Post it to a worker, which makes its memory with `Memory.fromShared`.
   */
  get buffer(): ArrayBuffer | SharedArrayBuffer {
    return this.entity.buffer;
  }

  /** A byte view of the current buffer (stale after the memory grows, unless shared; see `buffer`). */
  get data(): Uint8Array {
    return this.entity.u8;
  }

  /** A DataView of the current buffer (stale after the memory grows, unless shared; see `buffer`). Wasm is little-endian. */
  get view(): DataView {
    return this.entity.view;
  }

  /** Bytes per page: 65536, or 1 for a memory declared with 1-byte pages (custom-page-sizes). */
  get pageSize(): number {
    return this.entity.pageSize;
  }

  /** Grows by `delta` pages (of `pageSize` bytes); returns the old size. Throws `RangeError` when the
   * growth is refused. */
  grow(delta: number): number {
    if (typeof delta !== "number" || !Number.isInteger(delta) || delta < 0) {
      throw new TypeError(`memory.grow: the page count must be a non-negative integer, got ${String(delta)}`);
    }
    const old = growMemory(this.store.pruned, this.entity, delta);
    if (old < 0) throw new RangeError(`failed to grow memory by ${delta} page(s) from ${this.entity.pages}`);
    return old;
  }

  /** Replaces `buffer` by a new one with the same contents and detaches the old one, as the JS API's
   * `grow(0)` does (a growth does it anyway). */
  refreshBuffer(): void {
    this.entity.refresh();
  }

  /** A copy of `length` bytes at `offset`. */
  read(offset: number, length: number): Uint8Array {
    this.checkRange(offset, length);
    return this.entity.u8.slice(offset, offset + length);
  }

  /** Copies `bytes` (a `Uint8Array`, another `ArrayBufferView` or an `ArrayBuffer`) to `offset`. */
  write(offset: number, bytes: ArrayBufferView | ArrayBuffer): void {
    let u8: Uint8Array;
    if (ArrayBuffer.isView(bytes)) u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    else if (bytes instanceof ArrayBuffer) u8 = new Uint8Array(bytes);
    else {
      const got = bytes === null ? "null" : Array.isArray(bytes) ? "an array" : typeof bytes;
      throw new TypeError(`Memory.write: expected a Uint8Array, ArrayBufferView or ArrayBuffer, got ${got} (use writeString for text)`);
    }
    this.checkRange(offset, u8.length);
    this.entity.u8.set(u8, offset);
  }

  /** The UTF-8 text of `length` bytes at `offset` (invalid sequences become U+FFFD). */
  readString(offset: number, length: number): string {
    this.checkRange(offset, length);
    return decodeUtf8(this.entity.u8.subarray(offset, offset + length));
  }

  /** Writes `text` as UTF-8 (no terminating zero) at `offset`; returns the number of bytes written. */
  writeString(offset: number, text: string): number {
    if (typeof text !== "string") throw new TypeError(`Memory.writeString: expected a string, got ${typeof text}`);
    const bytes = encodeUtf8(text);
    this.write(offset, bytes);
    return bytes.length;
  }

  readU8(offset: number): number {
    return this.at(offset, 1).getUint8(offset);
  }

  readI32(offset: number): number {
    return this.at(offset, 4).getInt32(offset, true);
  }

  readU32(offset: number): number {
    return this.at(offset, 4).getUint32(offset, true);
  }

  readI64(offset: number): bigint {
    return this.at(offset, 8).getBigInt64(offset, true);
  }

  readU64(offset: number): bigint {
    return this.at(offset, 8).getBigUint64(offset, true);
  }

  readF32(offset: number): number {
    return this.at(offset, 4).getFloat32(offset, true);
  }

  readF64(offset: number): number {
    return this.at(offset, 8).getFloat64(offset, true);
  }

  /** Writes a byte: an integer in [-128, 256). */
  writeU8(offset: number, value: number): void {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new TypeError(`Memory.writeU8: expected an integer, got ${typeof value} ${String(value)}`);
    }
    if (value < -128 || value >= 256) throw new RangeError(`Memory.writeU8: ${value} does not fit in 8 bits`);
    this.at(offset, 1).setUint8(offset, value & 0xff);
  }

  /** Writes 32 bits: an integer in [-2^31, 2^32), signed or unsigned. */
  writeI32(offset: number, value: number): void {
    this.write32(offset, value, "Memory.writeI32");
  }

  /** The same as `writeI32` (the bits are the same, signed or not). */
  writeU32(offset: number, value: number): void {
    this.write32(offset, value, "Memory.writeU32");
  }

  /** Writes 64 bits: a bigint in [-2^63, 2^64), signed or unsigned. */
  writeI64(offset: number, value: bigint): void {
    this.write64(offset, value, "Memory.writeI64");
  }

  /** The same as `writeI64`. */
  writeU64(offset: number, value: bigint): void {
    this.write64(offset, value, "Memory.writeU64");
  }

  private write32(offset: number, value: number, what: string): void {
    this.at(offset, 4).setInt32(offset, toI32(ValType.I32, value, what), true);
  }

  private write64(offset: number, value: bigint, what: string): void {
    this.at(offset, 8).setBigInt64(offset, BigInt.asIntN(64, toI64(ValType.I64, value, what)), true);
  }

  writeF32(offset: number, value: number): void {
    if (typeof value !== "number") throw new TypeError(`Memory.writeF32: expected a number, got ${typeof value}`);
    this.at(offset, 4).setFloat32(offset, value, true);
  }

  writeF64(offset: number, value: number): void {
    if (typeof value !== "number") throw new TypeError(`Memory.writeF64: expected a number, got ${typeof value}`);
    this.at(offset, 8).setFloat64(offset, value, true);
  }

  /** The current DataView, after checking that `size` bytes at `offset` are in bounds. */
  private at(offset: number, size: number): DataView {
    this.checkRange(offset, size);
    return this.entity.view;
  }

  private checkRange(offset: number, length: number): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 ||
        offset + length > this.entity.byteLength) {
      throw new RangeError(`out of bounds memory access: [${offset}, ${offset + length}) in ${this.entity.byteLength} bytes`);
    }
  }
}
