import { execute } from "@wasmi-ts/executor";
import {
  CallHook,
  FuncEntity,
  FuncKind,
  FuncType,
  ValueSlots,
  type HostTrampoline,
  type InstanceEntity,
  type PrunedStore,
  runHooked,
  ValType,
} from "@wasmi-ts/store";
import { Caller } from "./caller.js";
import { compileErrorOfCall } from "./compile-error.js";
import type { Store } from "./store.js";
import { TypedFunc } from "./typed-func.js";
import { readValue, slotLayout, writeValue, type FloatForm, type SlotLayout, type Value } from "./values.js";

/** A function signature given as a `FuncType` or as plain lists. */
export type FuncTypeLike = FuncType | { params: readonly ValType[]; results: readonly ValType[] };

/**
 * A host function: gets the caller and the arguments as JS values; returns nothing (no results), one
 * value (one result) or an array (any number of results). Throwing a `Trap` traps; any other exception
 * unwinds the Wasm frames and reaches the embedder as is.
 */
export type HostFunc<T> = (caller: Caller<T>, ...args: Value[]) => Value | Value[] | void;

export function toFuncType(type: FuncTypeLike): FuncType {
  return type instanceof FuncType ? type : new FuncType([...type.params], [...type.results]);
}

/** A function (Wasm or host) of a store. */
export class Func {
  /** Slot positions of the parameters and results, and the slots that carry them, made on the first call.
   * The slots are reused: a call writes its arguments (no JS code runs while it does), the callee copies
   * them out before anything else, and the results are read right after it returns, so even a call that
   * re-enters this function meanwhile does not disturb them. */
  private layout: { input: SlotLayout; output: SlotLayout; slots: ValueSlots } | null = null;

  /** @internal Use `Func.wrap` or get functions from instances. */
  constructor(readonly store: Store<any>, readonly entity: FuncEntity) {}

  /** A host function of `store` calling `fn`. */
  static wrap<T>(store: Store<T>, type: FuncTypeLike, fn: HostFunc<T>): Func {
    const ft = toFuncType(type);
    store.engine.registry.intern(ft);
    const entity = new FuncEntity(FuncKind.Host, ft, null, -1, hostTrampoline(store, ft, fn), fn);
    return Func.fromEntity(store, entity);
  }

  /** The one handle of `entity` in `store`. */
  static fromEntity(store: Store<any>, entity: FuncEntity): Func {
    let f = store.handles.get(entity) as Func | undefined;
    if (f === undefined) {
      f = new Func(store, entity);
      store.handles.set(entity, f);
    }
    return f;
  }

  get type(): FuncType {
    return this.entity.type;
  }

  /** The function's index in its module's function index space, or null for a host function. */
  get index(): number | null {
    return this.entity.kind === FuncKind.Host ? null : this.entity.index;
  }

  /**
   * Calls the function with JS values; returns its results. Throws `Trap` on traps, `TypeError` on bad
   * arguments, and (with `Config.lazyValidation`) `CompileError` when the call reaches a function whose body
   * is malformed or invalid.
   */
  call(...args: Value[]): Value[] {
    return this.invoke(args, "number");
  }

  /** Like `call`, but floats go in and out as bit patterns: f32 as a u32 number, f64 as a u64 bigint. */
  callBits(...args: Value[]): Value[] {
    return this.invoke(args, "bits");
  }

  /** A view that returns the single result directly (an array for several, undefined for none). */
  typed<Params extends Value[] = Value[], Result = Value>(): TypedFunc<Params, Result> {
    return new TypedFunc<Params, Result>(this);
  }

  /**
   * Calls with arguments already in `slots` (slot 0 ..) and leaves the results there (slot 0 ..):
   * the raw calling convention, for callers that keep values in slots themselves. References in slots are
   * numbers of `store.pruned.refs`; the caller converts them and then calls `store.pruned.releaseRefs()`.
   */
  callRaw(slots: ValueSlots): void {
    const entity = this.entity;
    const pruned = this.store.pruned;
    if (entity.kind === FuncKind.Host) {
      entity.host!(pruned, null, slots, 0);
      return;
    }
    try {
      if (pruned.hooks.callHook === null) execute(pruned, entity, slots);
      else runHooked(pruned, CallHook.CallingWasm, CallHook.ReturningFromWasm, () => execute(pruned, entity, slots));
    } catch (e) {
      throw compileErrorOfCall(e); // a body found bad by lazy validation
    }
  }

  private invoke(args: Value[], form: FloatForm): Value[] {
    const { params, results } = this.entity.type;
    if (args.length !== params.length) {
      throw new TypeError(`function ${this.entity.type} expects ${params.length} argument(s), got ${args.length}`);
    }
    if (this.layout === null) {
      const input = slotLayout(params);
      const output = slotLayout(results);
      this.layout = { input, output, slots: new ValueSlots(Math.max(input.width, output.width, 1)) };
    }
    const { input, output, slots } = this.layout;
    for (let i = 0; i < params.length; i++) {
      writeValue(this.store, params[i]!, args[i], slots, input.offsets[i]!, form, `argument ${i}`);
    }
    const pruned = this.store.pruned;
    try {
      this.callRaw(slots);
      return results.map((t, i) => readValue(this.store, t, slots, output.offsets[i]!, form));
    } finally {
      pruned.releaseRefs(); // the references the call handled are objects again, or dropped
    }
  }
}

/** The trampoline of a host function: slots -> JS arguments, call, JS results -> slots. */
function hostTrampoline<T>(store: Store<T>, type: FuncType, fn: HostFunc<T>): HostTrampoline {
  const { params, results } = type;
  const input = slotLayout(params).offsets;
  const output = slotLayout(results).offsets;
  const untyped = store as Store<unknown>;
  // A Promise is a legitimate externref value; for any other result type it is an async host function.
  const returnsOneExternRef = results.length === 1 && results[0] === ValType.ExternRef;
  return (_pruned: PrunedStore, caller: InstanceEntity | null, slots: ValueSlots, base: number): void => {
    const args = new Array<Value>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = readValue(untyped, params[i]!, slots, base + input[i]!, "number");
    let returned: unknown;
    // Called by Wasm (it has a caller instance), the call crosses to the host: the call hook hears of it.
    if (caller === null || untyped.pruned.hooks.callHook === null) returned = fn(new Caller<T>(store, caller), ...args);
    else {
      runHooked(untyped.pruned, CallHook.CallingHost, CallHook.ReturningFromHost, () => {
        returned = fn(new Caller<T>(store, caller), ...args);
      });
    }
    if (isThenable(returned) && !returnsOneExternRef) rejectThenable(returned);
    const values = resultList(type, returned);
    for (let i = 0; i < results.length; i++) {
      writeValue(untyped, results[i]!, values[i], slots, base + output[i]!, "number", `host function result ${i}`);
    }
  };
}

/** A host function called synchronously returned a Promise (or another thenable). */
export class AsyncHostFunctionError extends TypeError {
  override name = "AsyncHostFunctionError";
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  if ((typeof v !== "object" || v === null) && typeof v !== "function") return false;
  try {
    return typeof (v as { then?: unknown }).then === "function";
  } catch {
    return false; // a getter that throws: not something we can wait for either; the result check reports it
  }
}

/**
 * Fails the call: Wasm cannot wait for `thenable` here. Its rejection is observed first, so that it never
 * becomes an unhandled rejection that would end the process.
 */
function rejectThenable(thenable: PromiseLike<unknown>): never {
  try {
    thenable.then(undefined, () => {});
  } catch {
    // a broken thenable: nothing to observe
  }
  throw new AsyncHostFunctionError(
    "a host function returned a Promise (or another thenable), but it was called synchronously and Wasm " +
      "cannot wait for it; make the host function synchronous (async host functions and callAsync are " +
      "planned: see the host package's README)",
  );
}

/** The host function's return value as a list of as many values as the type has results. */
function resultList(type: FuncType, returned: unknown): readonly unknown[] {
  const n = type.results.length;
  if (n === 0) return [];
  // One result: the value itself (an array of one value is accepted too, except for externref where an
  // array is a legitimate host value).
  if (n === 1) {
    const single = Array.isArray(returned) && returned.length === 1 && type.results[0] !== ValType.ExternRef;
    return [single ? (returned as unknown[])[0] : returned];
  }
  if (!Array.isArray(returned) || returned.length !== n) {
    throw new TypeError(`host function of type ${type} must return an array of ${n} values`);
  }
  return returned;
}
