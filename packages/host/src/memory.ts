import { allocMemory } from "@wasmi-ts/executor";
import { growMemory, type MemoryEntity, type MemoryType } from "@wasmi-ts/store";
import type { Store } from "./store.js";

/** A linear memory of a store. */
export class Memory {
  readonly entity: MemoryEntity;

  /** A new memory of `type` in `store` (its maximum capped by the engine's `maxMemoryPages`). */
  constructor(readonly store: Store<any>, type: MemoryType, /** @internal */ entity?: MemoryEntity) {
    if (entity === undefined) {
      entity = allocMemory(type, store.engine.config);
      store.pruned.memories.push(entity);
      store.handles.set(entity, this);
    }
    this.entity = entity;
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

  /** Current size in 64 KiB pages. */
  get size(): number {
    return this.entity.pages;
  }

  /** The current buffer (replaced when the memory grows). */
  get buffer(): ArrayBuffer {
    return this.entity.buffer;
  }

  /** A byte view of the current buffer (stale after the memory grows). */
  get data(): Uint8Array {
    return this.entity.u8;
  }

  /** Grows by `delta` pages; returns the old size. Throws when the growth is refused. */
  grow(delta: number): number {
    const old = growMemory(this.store.pruned, this.entity, delta);
    if (old < 0) throw new RangeError(`failed to grow memory by ${delta} page(s) from ${this.entity.pages}`);
    return old;
  }

  /** A copy of `length` bytes at `offset`. */
  read(offset: number, length: number): Uint8Array {
    this.checkRange(offset, length);
    return this.entity.u8.slice(offset, offset + length);
  }

  /** Copies `bytes` to `offset`. */
  write(offset: number, bytes: Uint8Array): void {
    this.checkRange(offset, bytes.length);
    this.entity.u8.set(bytes, offset);
  }

  private checkRange(offset: number, length: number): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 ||
        offset + length > this.entity.byteLength) {
      throw new RangeError(`out of bounds memory access: [${offset}, ${offset + length}) in ${this.entity.byteLength} bytes`);
    }
  }
}
