import { allocTable } from "@wasmi-ts/executor";
import { growTable, type TableEntity, type TableType } from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { fromRef, toRef, type Value } from "./values.js";

/** A table of references of a store. */
export class Table {
  readonly entity: TableEntity;

  /**
   * A new table of `type` in `store` with every element set to `init` (a Func, null, or an extern value).
   * Throws `ResourceLimitError` when the store's limiter refuses it.
   */
  constructor(readonly store: Store<any>, type: TableType, init: Value = null, /** @internal */ entity?: TableEntity) {
    if (entity === undefined) {
      entity = allocTable(store.pruned, type, store.engine.config, toRef(store, type.element, init, "table initial value"));
      store.handles.set(entity, this);
    }
    this.entity = entity;
  }

  /** The one handle of `entity` in `store`. */
  static fromEntity(store: Store<any>, entity: TableEntity): Table {
    let t = store.handles.get(entity) as Table | undefined;
    if (t === undefined) {
      t = new Table(store, entity.type, null, entity);
      store.handles.set(entity, t);
    }
    return t;
  }

  get type(): TableType {
    return this.entity.type;
  }

  get size(): number {
    return this.entity.size;
  }

  get(index: number): Value {
    this.checkIndex(index);
    return fromRef(this.store, this.entity.type.element, this.entity.elements[index]);
  }

  set(index: number, value: Value): void {
    this.checkIndex(index);
    this.entity.elements[index] = toRef(this.store, this.entity.type.element, value, "table element");
  }

  /** Grows by `delta` elements set to `init`; returns the old size. Throws when the growth is refused. */
  grow(delta: number, init: Value = null): number {
    if (typeof delta !== "number" || !Number.isInteger(delta) || delta < 0) {
      throw new TypeError(`table.grow: the element count must be a non-negative integer, got ${String(delta)}`);
    }
    const ref = toRef(this.store, this.entity.type.element, init, "table grow value");
    const old = growTable(this.store.pruned, this.entity, delta, ref);
    if (old < 0) throw new RangeError(`failed to grow table by ${delta} element(s) from ${this.entity.size}`);
    return old;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.entity.size) {
      throw new RangeError(`out of bounds table access: index ${index}, size ${this.entity.size}`);
    }
  }
}
