import { GlobalEntity, isRefType, type GlobalType } from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { fromRef, readValue, toRef, writeValue, type FloatForm, type Value } from "./values.js";

/** A global variable of a store. */
export class Global {
  readonly entity: GlobalEntity;

  /** A new global of `type` in `store` holding `value`. */
  constructor(readonly store: Store<any>, type: GlobalType, value: Value, /** @internal */ entity?: GlobalEntity) {
    this.entity = entity ?? new GlobalEntity({ type: type.type, mutable: type.mutable });
    if (entity === undefined) {
      this.write(value, "number");
      store.handles.set(this.entity, this);
    }
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
    return this.read("number");
  }

  /** Sets the value; throws `TypeError` if the global is immutable. */
  set value(v: Value) {
    this.assertMutable();
    this.write(v, "number");
  }

  /** The value with floats as bit patterns (f32: u32 number, f64: u64 bigint), as in `Func.callBits`. */
  get bits(): Value {
    return this.read("bits");
  }

  set bits(v: Value) {
    this.assertMutable();
    this.write(v, "bits");
  }

  private read(form: FloatForm): Value {
    const { entity } = this;
    const type = entity.type.type;
    return isRefType(type) ? fromRef(this.store, type, entity.ref) : readValue(this.store, type, entity, 0, form);
  }

  private write(v: Value, form: FloatForm): void {
    const { entity } = this;
    const type = entity.type.type;
    if (isRefType(type)) entity.ref = toRef(this.store, type, v, "global value");
    else writeValue(this.store, type, v, entity, 0, form, "global value");
  }

  private assertMutable(): void {
    if (!this.entity.type.mutable) throw new TypeError("cannot set an immutable global");
  }
}
