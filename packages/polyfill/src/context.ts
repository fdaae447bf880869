// What every object of one WebAssembly namespace shares: the engine and the one store (the JS API's
// "surrounding agent"), the identity caches (one JS object per Wasm function, memory, table and global)
// and the conversions between JS values and Wasm values (ToWebAssemblyValue and ToJSValue of the spec).

import {
  Engine, Exception as HostException, Func, HeapType, Store, Trap, TrapCode, ValType, heapTypeOf, isNullable, isRefType,
  valTypeName, type Config, type Value,
} from "@wasmi-ts/host";
import { topHeapType } from "@wasmi-ts/store";
import { GcObjects } from "./gc-objects.js";
import { RuntimeError } from "./errors.js";
import { toNumber } from "./webidl.js";

export interface NamespaceOptions {
  /** Engine settings (fuel, lazy validation, limits on memories and tables, ...). */
  config?: Partial<Config>;
  /** Called once with the namespace's store: set fuel, limits, a deadline or call hooks there. */
  setup?: (store: Store<null>) => void;
}

export class Context {
  readonly engine: Engine;
  readonly store: Store<null>;
  /** The JS function of each Wasm function (the spec's "function cache"), and the reverse. */
  private readonly functions = new WeakMap<Func, Function>();
  readonly funcOf = new WeakMap<Function, Func>();
  /** The JS object of each memory, table and global handle, and the reverse (the brand check). */
  private readonly objects = new WeakMap<object, object>();
  private readonly hosts = new WeakMap<object, object>();
  /** The trap behind each RuntimeError (or RangeError) made of one: a trap passing through JS stays a trap. */
  private readonly traps = new WeakMap<object, Trap>();
  /** Exception handling (exception.ts): what Wasm sees of a value a JS function threw, and what JS sees of
   * a Wasm exception. */
  thrownToWasm: (thrown: unknown) => unknown = (thrown) => thrown;
  exceptionToJs: (exn: HostException) => unknown = (exn) => exn;
  /** The opaque JS views of structs and arrays (gc-objects.ts). */
  private readonly gcObjects = new GcObjects();

  constructor(options: NamespaceOptions) {
    this.engine = new Engine(options.config);
    this.store = new Store(this.engine, null);
    options.setup?.(this.store);
  }

  /** Associates a JS object with its host handle (both ways). */
  bind<T extends object>(object: T, host: object): T {
    this.objects.set(host, object);
    this.hosts.set(object, host);
    return object;
  }

  /** The host handle of `object` if it is one of `kind`'s objects, else undefined. */
  hostOf<H extends object>(object: unknown, kind: abstract new (...args: never[]) => H): H | undefined {
    if (typeof object !== "object" || object === null) return undefined;
    const host = this.hosts.get(object);
    return host instanceof kind ? (host as H) : undefined;
  }

  /** The brand check of the interfaces: the host handle of `object`, or a TypeError naming `what` (the
   * function) and `expected` (the interface). */
  requireHost<H extends object>(object: unknown, kind: abstract new (...args: never[]) => H, expected: string, what: string): H {
    const host = this.hostOf(object, kind);
    if (host === undefined) throw new TypeError(`${what}: expected a ${expected}`);
    return host;
  }

  /** A new object of an interface (`prototype`) for a host handle, made without running its constructor. */
  wrap(prototype: object, host: object): object {
    return this.bind(Object.create(prototype) as object, host);
  }

  /** The one object of an interface for a host handle (memories, tables and globals keep their identity). */
  objectOf(host: object, prototype: object): object {
    return this.objects.get(host) ?? this.wrap(prototype, host);
  }

  /** The Exported Function of `func` (one per function): calls it with JS values. */
  exportedFunction(func: Func, index: number): Function {
    let fn = this.functions.get(func);
    if (fn !== undefined) return fn;
    const { params, results } = func.type;
    const ctx = this;
    // an arrow function: not a constructor, and it has no `prototype`, as the spec's exported functions
    fn = (...args: unknown[]): unknown => {
      const values = params.map((t, i) => ctx.toWasm(t, args[i]));
      let returned: Value[];
      try {
        returned = func.call(...values);
      } catch (e) {
        throw ctx.jsError(e);
      }
      if (results.length === 0) return undefined;
      if (results.length === 1) return ctx.toJS(results[0]!, returned[0]);
      return results.map((t, i) => ctx.toJS(t, returned[i]));
    };
    Object.defineProperty(fn, "name", { value: String(index) });
    Object.defineProperty(fn, "length", { value: params.length });
    this.functions.set(func, fn);
    this.funcOf.set(fn, func);
    return fn;
  }

  /** ToWebAssemblyValue: a JS value as a value of Wasm type `type` (in the host API's form). */
  toWasm(type: ValType, v: unknown): Value {
    switch (type) {
      case ValType.I32: return toNumber(v) | 0;
      case ValType.I64: return BigInt.asIntN(64, v as bigint); // ToBigInt64: throws TypeError for numbers
      case ValType.F32: return Math.fround(toNumber(v));
      case ValType.F64: return toNumber(v);
      case ValType.ExternRef: return this.gcObjects.fromJS(v);
      case ValType.ExnRef: throw new TypeError("exnref values cannot be passed from JavaScript");
      case ValType.FuncRef: {
        if (v === null) return null;
        const func = typeof v === "function" ? this.funcOf.get(v) : undefined;
        if (func === undefined) throw new TypeError("a funcref must be null or an exported WebAssembly function");
        return func;
      }
      default:
        if (isRefType(type)) return this.toWasmRef(type, v);
        throw new TypeError(`values of type ${valTypeName(type)} cannot be passed from JavaScript`);
    }
  }

  /** ToWebAssemblyValue of the typed references of Wasm 3.0, by hierarchy: extern ones take any value,
   * function ones exported WebAssembly functions (the host API checks their type); anyref any value (a
   * number that is an integer of 31 bits an i31ref, anything else not a GC object a host value), the types
   * below it their GC objects and i31s (the host API checks); exn ones only null; null only for a nullable
   * type. */
  private toWasmRef(type: ValType, v: unknown): Value {
    if (v === null) {
      if (!isNullable(type)) throw new TypeError(`null is not a value of type ${valTypeName(type)}`);
      return null;
    }
    const heap = heapTypeOf(type);
    switch (topHeapType(this.engine.registry, heap)) {
      case HeapType.Extern:
        if (heap === HeapType.NoExtern) break;
        return this.gcObjects.fromJS(v);
      case HeapType.Func: {
        const func = typeof v === "function" ? this.funcOf.get(v) : undefined;
        if (func === undefined) throw new TypeError(`a ${valTypeName(type)} must be an exported WebAssembly function`);
        return func;
      }
      case HeapType.Any:
        return Object.is(v, -0) ? 0 : this.gcObjects.fromJS(v); // -0 is the integer 0, an i31
    }
    throw new TypeError(`values of type ${valTypeName(type)} cannot be passed from JavaScript`);
  }

  /** ToJSValue: a Wasm value (in the host API's form) as a JS value. */
  toJS(type: ValType, v: Value): unknown {
    switch (type) {
      case ValType.I32: case ValType.F32: case ValType.F64: return v;
      case ValType.ExternRef: return this.gcObjects.toJS(v); // a struct or array externalised
      case ValType.I64: return BigInt.asIntN(64, v as bigint);
      case ValType.FuncRef: return v === null ? null : this.exportedFunction(v as Func, (v as Func).index ?? 0);
      default:
        if (isRefType(type)) {
          // typed references (3.0): extern ones are their value, function ones exported functions, those of
          // the any hierarchy their value too (GC objects opaque, an i31 its number, a host value itself)
          const top = v === null ? null : topHeapType(this.engine.registry, heapTypeOf(type));
          if (top === null) return v;
          if (top === HeapType.Extern || top === HeapType.Any) return this.gcObjects.toJS(v);
          if (v instanceof Func) return this.exportedFunction(v, v.index ?? 0);
        }
        throw new TypeError(`values of type ${valTypeName(type)} cannot be passed to JavaScript`);
    }
  }

  /** What JS sees of an error leaving Wasm: traps become RuntimeError (stack exhaustion RangeError, as in
   * JS); everything else (JS exceptions thrown by imports) unchanged. */
  jsError(e: unknown): unknown {
    if (e instanceof HostException) return this.exceptionToJs(e);
    if (!(e instanceof Trap)) return e;
    const error = e.code === TrapCode.StackOverflow
      ? new RangeError("Maximum call stack size exceeded", { cause: e })
      : new RuntimeError(e.reason, { cause: e });
    this.traps.set(error, e);
    return error;
  }

  /** The trap that `e` is, or that made it (a RuntimeError of `jsError`). */
  trapOf(e: unknown): Trap | undefined {
    if (e instanceof Trap) return e;
    return typeof e === "object" && e !== null ? this.traps.get(e) : undefined;
  }
}
