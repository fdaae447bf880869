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
import { embedderError, Exception, wasmError } from "./exception.js";
import type { Store } from "./store.js";
import {
  AsyncRequest, HostSuspend, HostTrapRequest, driveAsync, resumableCall, startResumable, type ResumableCall,
} from "./resumable.js";
import { TypedFunc } from "./typed-func.js";
import {
  isExternRefType, readValue, slotLayout, writeValue, type FloatForm, type SlotLayout, type Value,
} from "./values.js";

/** A function signature given as a `FuncType` or as plain lists. */
export type FuncTypeLike = FuncType | { params: readonly ValType[]; results: readonly ValType[] };

/**
 * A host function: gets the caller and the arguments as JS values; returns nothing (no results), one
 * value (one result) or an array (any number of results). Throwing a `Trap` traps; any other exception
 * unwinds the Wasm frames and reaches the embedder as is.
 */
export type HostFunc<T> = (caller: Caller<T>, ...args: Value[]) => Value | Value[] | void;

/** An async host function (`Func.wrapAsync`): its Promise settles with what a `HostFunc` returns. */
export type AsyncHostFunc<T> = (caller: Caller<T>, ...args: Value[]) => Promise<Value | Value[] | void>;

export function toFuncType(type: FuncTypeLike): FuncType {
  return type instanceof FuncType ? type : new FuncType([...type.params], [...type.results]);
}

/** A function (Wasm or host) of a store. */
export class Func {
  /** Slot positions of the parameters and results, and the slots that carry them, made on the first call
   * (see `argumentSlots`). */
  private layout: { input: SlotLayout; output: SlotLayout; slots: ValueSlots } | null = null;

  /** @internal Use `Func.wrap` or get functions from instances. */
  constructor(readonly store: Store<any>, readonly entity: FuncEntity) {}

  /** A host function of `store` calling `fn`. */
  static wrap<T>(store: Store<T>, type: FuncTypeLike, fn: HostFunc<T>): Func {
    const ft = toFuncType(type);
    store.engine.registry.intern(ft);
    let func: Func | undefined;
    const entity = new FuncEntity(FuncKind.Host, ft, null, -1, hostTrampoline(store, ft, fn, () => func!), fn);
    func = Func.fromEntity(store, entity);
    return func;
  }

  /**
   * An async host function of `store`: Wasm that calls it waits, without blocking, until its Promise
   * settles. Only `callAsync` can run Wasm that reaches it (`call` fails with `AsyncHostFunctionError`).
   */
  static wrapAsync<T>(store: Store<T>, type: FuncTypeLike, fn: AsyncHostFunc<T>): Func {
    const ft = toFuncType(type);
    store.engine.registry.intern(ft);
    const entity = new FuncEntity(FuncKind.Host, ft, null, -1, asyncTrampoline(store, ft, fn), fn);
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
   * Calls the function so that it can stop and continue later (Wasmi's resumable calls): the result is
   * `finished` with the results, `hostTrap` when a host function threw a `HostSuspend` (resume it with
   * that host function's results), or `outOfFuel` (add fuel, then resume). See the README's "Resumable
   * and async calls".
   */
  callResumable(...args: Value[]): ResumableCall {
    const slots = this.argumentSlots(args, "number");
    return resumableCall(this, startResumable(this, slots), slots);
  }

  /**
   * Calls the function and lets it wait for async host functions (`Func.wrapAsync`) without blocking:
   * resolves with its results, or rejects with its trap or error (a rejected host Promise arrives as the
   * error of that host call, with the Wasm backtrace). With a fuel yield interval
   * (`store.setFuelAsyncYieldInterval`), it also gives the event loop back while it computes.
   */
  callAsync(...args: Value[]): Promise<Value[]> {
    try {
      return driveAsync(this, this.argumentSlots(args, "number"));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Calls with arguments already in `slots` (slot 0 ..) and leaves the results there (slot 0 ..):
   * the raw calling convention, for callers that keep values in slots themselves. References in slots are
   * numbers of `store.pruned.refs`; the caller converts them and then calls `store.pruned.releaseRefs()`.
   */
  callRaw(slots: ValueSlots): void {
    const entity = this.entity;
    const pruned = this.store.pruned;
    try {
      if (entity.kind === FuncKind.Host) entity.host!(pruned, null, slots, 0);
      else if (pruned.hooks.callHook === null) execute(pruned, entity, slots);
      else runHooked(pruned, CallHook.CallingWasm, CallHook.ReturningFromWasm, () => execute(pruned, entity, slots));
    } catch (e) {
      // an exception no handler caught, or a body found bad by lazy validation
      throw compileErrorOfCall(embedderError(this.store, e));
    }
  }

  private invoke(args: Value[], form: FloatForm): Value[] {
    const slots = this.argumentSlots(args, form);
    try {
      this.callRaw(slots);
      return this.results(slots, form);
    } finally {
      this.store.pruned.releaseRefs(); // the references the call handled are objects again, or dropped
    }
  }

  /** The slot positions of the parameters and results (made once). */
  private slotLayouts(): { input: SlotLayout; output: SlotLayout; slots: ValueSlots } {
    if (this.layout === null) {
      const input = slotLayout(this.entity.type.params);
      const output = slotLayout(this.entity.type.results);
      this.layout = { input, output, slots: new ValueSlots(Math.max(input.width, output.width, 1)) };
    }
    return this.layout;
  }

  /**
   * `args` checked and written into the function's slots. They are reused by every call: a call copies
   * its arguments out before anything else runs, and its results are read as soon as they are written.
   */
  private argumentSlots(args: Value[], form: FloatForm): ValueSlots {
    const { params } = this.entity.type;
    if (args.length !== params.length) {
      throw new TypeError(`function ${this.entity.type} expects ${params.length} argument(s), got ${args.length}`);
    }
    const { input, slots } = this.slotLayouts();
    for (let i = 0; i < params.length; i++) {
      writeValue(this.store, params[i]!, args[i], slots, input.offsets[i]!, form, `argument ${i}`);
    }
    return slots;
  }

  /** @internal The results in `slots` as JS values. */
  results(slots: ValueSlots, form: FloatForm = "number"): Value[] {
    const { output } = this.slotLayouts();
    return this.entity.type.results.map((t, i) => readValue(this.store, t, slots, output.offsets[i]!, form));
  }
}

/** The JS arguments of a host call from slots `base ..`. */
function readArguments(store: Store<unknown>, type: FuncType, input: readonly number[], slots: ValueSlots, base: number): Value[] {
  const { params } = type;
  const args = new Array<Value>(params.length);
  for (let i = 0; i < params.length; i++) args[i] = readValue(store, params[i]!, slots, base + input[i]!, "number");
  return args;
}

/** Calls `fn` for Wasm code of `caller` (null: called by the embedder), telling the call hook if any. */
function callHost<T>(store: Store<T>, caller: InstanceEntity | null, fn: (caller: Caller<T>, ...args: Value[]) => unknown, args: Value[]): unknown {
  const pruned = (store as Store<unknown>).pruned;
  // Called by Wasm (it has a caller instance), the call crosses to the host: the call hook hears of it.
  if (caller === null || pruned.hooks.callHook === null) return fn(new Caller<T>(store, caller), ...args);
  let returned: unknown;
  runHooked(pruned, CallHook.CallingHost, CallHook.ReturningFromHost, () => {
    returned = fn(new Caller<T>(store, caller), ...args);
  });
  return returned;
}

/** Writes what a host function of `type` returned into slots `base ..` as its results. */
export function writeResults(store: Store<unknown>, type: FuncType, returned: unknown, slots: ValueSlots, base: number): void {
  const { results } = type;
  const values = resultList(type, returned);
  const output = slotLayout(results).offsets;
  for (let i = 0; i < results.length; i++) {
    writeValue(store, results[i]!, values[i], slots, base + output[i]!, "number", `host function result ${i}`);
  }
}

/**
 * The trampoline of a host function: slots -> JS arguments, call, JS results -> slots. A `HostSuspend`
 * it throws suspends a resumable call at this call (`callResumable`), where the host can.
 */
function hostTrampoline<T>(store: Store<T>, type: FuncType, fn: HostFunc<T>, self: () => Func): HostTrampoline {
  const input = slotLayout(type.params).offsets;
  const untyped = store as Store<unknown>;
  // A Promise is a legitimate externref value; for any other result type it is an async host function.
  const returnsOneExternRef = type.results.length === 1 && isExternRefType(type.results[0]!);
  return (pruned: PrunedStore, caller: InstanceEntity | null, slots: ValueSlots, base: number): void => {
    const args = readArguments(untyped, type, input, slots, base);
    let returned: unknown;
    try {
      returned = callHost(store, caller, fn, args);
    } catch (e) {
      if (e instanceof Exception) throw wasmError(untyped, e); // Wasm handlers may catch it
      if (!(e instanceof HostSuspend) || !pruned.canSuspend) throw e;
      pruned.suspendRequest = new HostTrapRequest(e, self(), type);
      return;
    }
    if (isThenable(returned) && !returnsOneExternRef) rejectThenable(returned);
    writeResults(untyped, type, returned, slots, base);
  };
}

/** The trampoline of an async host function: it suspends the calling `callAsync` until `fn` settles. */
function asyncTrampoline<T>(store: Store<T>, type: FuncType, fn: AsyncHostFunc<T>): HostTrampoline {
  const input = slotLayout(type.params).offsets;
  const untyped = store as Store<unknown>;
  return (pruned: PrunedStore, caller: InstanceEntity | null, slots: ValueSlots, base: number): void => {
    if (!pruned.canSuspend) {
      throw new AsyncHostFunctionError(
        "Wasm called an async host function (Func.wrapAsync / Linker.funcAsync) in a synchronous call: " +
          "start the call with callAsync, and do not call Wasm that reaches async host functions from a synchronous host function",
      );
    }
    const args = readArguments(untyped, type, input, slots, base);
    let returned: unknown;
    try {
      returned = callHost(store, caller, fn, args);
    } catch (e) {
      throw wasmError(untyped, e); // an Exception thrown at once: Wasm handlers may catch it
    }
    if (!isThenable(returned)) {
      // a function that settled at once: a plain host function after all
      writeResults(untyped, type, returned, slots, base);
      return;
    }
    pruned.suspendRequest = new AsyncRequest(returned, type);
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
      "cannot wait for it: make it synchronous, or define it with Func.wrapAsync / Linker.funcAsync and " +
      "call Wasm with callAsync",
  );
}

/** The host function's return value as a list of as many values as the type has results. */
function resultList(type: FuncType, returned: unknown): readonly unknown[] {
  const n = type.results.length;
  if (n === 0) return [];
  // One result: the value itself (an array of one value is accepted too, except for externref where an
  // array is a legitimate host value).
  if (n === 1) {
    const single = Array.isArray(returned) && returned.length === 1 && !isExternRefType(type.results[0]!);
    return [single ? (returned as unknown[])[0] : returned];
  }
  if (!Array.isArray(returned) || returned.length !== n) {
    throw new TypeError(`host function of type ${type} must return an array of ${n} values`);
  }
  return returned;
}
