import { ExceptionEntity, isRefType, wasmBacktraceOf, type ValType, type WasmFrame } from "@wasmi-ts/store";
import type { Store } from "./store.js";
import { Tag } from "./tag.js";
import { fromRef, readValue, slotLayout, toRef, writeValue, type SlotViews, type Value } from "./values.js";

/**
 * A Wasm exception (exception handling): a tag and the values thrown with it. Wasm code's `throw` reaches
 * the embedder as an `Exception` thrown by `Func.call` (and the other calls); a host function that throws
 * one throws it into the Wasm code that called it, where `try_table` (or a legacy `try`) can catch it. Any
 * other JavaScript error a host function throws is not an exception for Wasm: no handler catches it, not
 * even `catch_all`, and it reaches the embedder unchanged, as traps do. Not an `Error`: it has no stack.
 */
export class Exception {
  readonly entity: ExceptionEntity;

  /** A new exception of `tag` with `values` (one per parameter of the tag's type, as in `Func.call`). */
  constructor(readonly store: Store<any>, tag: Tag, values: readonly Value[], /** @internal */ entity?: ExceptionEntity) {
    if (entity === undefined) {
      store.assertOwns(tag.store, "the exception's tag");
      const params = tag.type.params;
      if (values.length !== params.length) {
        throw new TypeError(`tag of type ${tag.type} takes ${params.length} value(s), got ${values.length}`);
      }
      const { offsets } = slotLayout(params);
      const views = slotViews(new Int32Array(tag.entity.words));
      entity = new ExceptionEntity(tag.entity, views.i32);
      for (let i = 0; i < params.length; i++) {
        const t = params[i]!;
        if (isRefType(t)) entity.refs![i] = toRef(store, t, values[i], `exception value ${i}`);
        else writeValue(store, t, values[i], views, offsets[i]!, "number", `exception value ${i}`);
      }
    }
    this.entity = entity;
    entity.owner = this;
  }

  /** The one handle of `entity` (an exception of `store`). */
  static fromEntity(store: Store<any>, entity: ExceptionEntity): Exception {
    return (entity.owner as Exception | null) ?? new Exception(store, Tag.fromEntity(store, entity.tag), [], entity);
  }

  /** The tag it was thrown with. */
  get tag(): Tag {
    return Tag.fromEntity(this.store, this.entity.tag);
  }

  /**
   * The Wasm frames it unwound, innermost first, the last time it left Wasm code uncaught (as a trap's
   * `frames`): where it was thrown, for an exception that reached the embedder. Empty while no Wasm code
   * has thrown it.
   */
  get frames(): readonly WasmFrame[] {
    return wasmBacktraceOf(this.entity);
  }

  /** Whether it was thrown with `tag`. */
  is(tag: Tag): boolean {
    return tag.entity === this.entity.tag;
  }

  /** Value `index` (of the tag's parameters). */
  getArg(index: number): Value {
    const params = this.entity.tag.type.params;
    if (!Number.isInteger(index) || index < 0 || index >= params.length) {
      throw new RangeError(`exception value index ${index} out of range (the tag has ${params.length})`);
    }
    return this.value(params[index]!, index);
  }

  /** All its values, in the order of the tag's parameters. */
  get values(): Value[] {
    return this.entity.tag.type.params.map((t, i) => this.value(t, i));
  }

  private value(type: ValType, index: number): Value {
    const entity = this.entity;
    if (isRefType(type)) return fromRef(this.store, type, entity.refs![index]);
    return readValue(this.store, type, slotViews(entity.words), entity.tag.offsets[index]! >> 1, "number");
  }
}

/** An error leaving Wasm as the embedder sees it: an exception no handler caught becomes its `Exception`. */
export function embedderError(store: Store<any>, e: unknown): unknown {
  return e instanceof ExceptionEntity ? Exception.fromEntity(store, e) : e;
}

/** An error given to Wasm code (thrown by a host function, or at a resumed call) as Wasm sees it: an
 * `Exception` is an exception Wasm may catch (it must be of the same store). */
export function wasmError(store: Store<any>, e: unknown): unknown {
  if (!(e instanceof Exception)) return e;
  store.assertOwns(e.store, "an exception thrown into Wasm");
  return e.entity;
}

/** Slot views (as on the value stack) over an exception's words. */
function slotViews(words: Int32Array): SlotViews {
  return {
    i32: words,
    f32: new Float32Array(words.buffer, words.byteOffset, words.length),
    f64: new Float64Array(words.buffer, words.byteOffset, words.length >> 1),
  };
}
