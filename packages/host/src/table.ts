import { allocTable } from "@wasmi-ts/executor";
import { growTable, type TableEntity, type TableType } from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { fromRef, toRef, type Value } from "./values.js";

/**
 * A table of references of a store. Indices and counts are numbers or bigints, for any table (a table64's
 * are i64 in Wasm, and the JS API passes them as bigints); sizes are returned as numbers (a table never
 * reaches 2^53 elements).
 */
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

  /** Whether this is a table64 (i64 indices in Wasm). */
  get is64(): boolean {
    return this.entity.type.is64 === true;
  }

  get(index: number | bigint): Value {
    const i = this.checkIndex(index);
    return fromRef(this.store, this.entity.type.element, this.entity.elements[i]);
  }

  set(index: number | bigint, value: Value): void {
    const i = this.checkIndex(index);
    this.entity.elements[i] = toRef(this.store, this.entity.type.element, value, "table element");
  }

  /** Grows by `delta` elements set to `init`; returns the old size. Throws when the growth is refused. */
  grow(delta: number | bigint, init: Value = null): number {
    const n = countOf(delta);
    if (n === undefined) {
      throw new TypeError(`table.grow: the element count must be a non-negative integer, got ${show(delta)}`);
    }
    const ref = toRef(this.store, this.entity.type.element, init, "table grow value");
    // a count beyond 2^53 becomes inexact, but is far beyond any table's maximum: refused all the same
    const old = growTable(this.store.pruned, this.entity, n, ref);
    if (old < 0) throw new RangeError(`failed to grow table by ${show(delta)} element(s) from ${this.entity.size}`);
    return old;
  }

  private checkIndex(index: number | bigint): number {
    const i = countOf(index);
    if (i === undefined || i >= this.entity.size) {
      throw new RangeError(`out of bounds table access: index ${show(index)}, size ${this.entity.size}`);
    }
    return i;
  }
}

/** A non-negative integer number or bigint as a number (inexact beyond 2^53), else undefined. */
function countOf(v: unknown): number | undefined {
  if (typeof v === "bigint") return v >= 0n ? Number(v) : undefined;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function show(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : String(v);
}
