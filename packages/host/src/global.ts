import { GlobalEntity, type GlobalType } from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { readValue, writeValue, type Value } from "./values.js";

/** A global variable of a store. */
export class Global {
  readonly entity: GlobalEntity;

  /** A new global of `type` in `store` holding `value`. */
  constructor(readonly store: Store<any>, type: GlobalType, value: Value, /** @internal */ entity?: GlobalEntity) {
    if (entity === undefined) {
      entity = new GlobalEntity({ type: type.type, mutable: type.mutable });
      writeValue(store, type.type, value, entity, 0, "number", "global value");
      store.pruned.globals.push(entity);
      store.handles.set(entity, this);
    }
    this.entity = entity;
  }

  /** The one handle of `entity` in `store`. */
  static fromEntity(store: Store<any>, entity: GlobalEntity): Global {
    let g = store.handles.get(entity) as Global | undefined;
    if (g === undefined) {
      g = new Global(store, entity.type, null, entity);
      store.handles.set(entity, g);
    }
    return g;
  }

  get type(): GlobalType {
    return this.entity.type;
  }

  get value(): Value {
    return readValue(this.store, this.entity.type.type, this.entity, 0, "number");
  }

  /** Sets the value; throws `TypeError` if the global is immutable. */
  set value(v: Value) {
    this.assertMutable();
    writeValue(this.store, this.entity.type.type, v, this.entity, 0, "number", "global value");
  }

  /** The value with floats as bit patterns (f32: u32 number, f64: u64 bigint), as in `Func.callBits`. */
  get bits(): Value {
    return readValue(this.store, this.entity.type.type, this.entity, 0, "bits");
  }

  set bits(v: Value) {
    this.assertMutable();
    writeValue(this.store, this.entity.type.type, v, this.entity, 0, "bits", "global value");
  }

  private assertMutable(): void {
    if (!this.entity.type.mutable) throw new TypeError("cannot set an immutable global");
  }
}
