// Test scaffolding for the translator and interpreter: compile WAT, instantiate, call exports with JS
// values (i32/f32/f64: number, i64: bigint, references: reference numbers).
import {
  DEFAULT_LIMITS, ExternKind, FuncEntity, FuncKind, FuncType, PrunedStore, Trap, TypeRegistry, UNKEYED, ValType,
  ValueSlots, type ExternEntity, type TrapCode, type HostTrampoline, type InstanceEntity, type StoreLimits,
} from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { DEFAULT_CONFIG, compileModule, execute, instantiate, type ExecutorConfig } from "../src/index.js";

export type JsValue = number | bigint;

export function newStore(limits: Partial<StoreLimits> = {}): PrunedStore {
  return new PrunedStore(UNKEYED, null, new TypeRegistry(), { ...DEFAULT_LIMITS, ...limits });
}

export function writeValue(slots: ValueSlots, slot: number, type: ValType, v: JsValue): void {
  switch (type) {
    case ValType.I64: {
      const b = BigInt.asUintN(64, BigInt(v));
      slots.i32[2 * slot] = Number(b & 0xffffffffn) | 0;
      slots.i32[2 * slot + 1] = Number(b >> 32n) | 0;
      return;
    }
    case ValType.F32: slots.f32[2 * slot] = Number(v); return;
    case ValType.F64: slots.f64[slot] = Number(v); return;
    default: slots.i32[2 * slot] = Number(v) | 0;
  }
}

export function readValue(slots: ValueSlots, slot: number, type: ValType): JsValue {
  switch (type) {
    case ValType.I64:
      return BigInt.asIntN(64, (BigInt(slots.i32[2 * slot + 1]!) << 32n) | BigInt(slots.i32[2 * slot]! >>> 0));
    case ValType.F32: return slots.f32[2 * slot]!;
    case ValType.F64: return slots.f64[slot]!;
    default: return slots.i32[2 * slot]!;
  }
}

/** Calls `func` with JS arguments; returns its results. */
export function callFunc(store: PrunedStore, func: FuncEntity, args: JsValue[]): JsValue[] {
  const slots = new ValueSlots(Math.max(4, func.type.params.length, func.type.results.length));
  func.type.params.forEach((t, i) => writeValue(slots, i, t, args[i]!));
  execute(store, func, slots);
  return func.type.results.map((t, i) => readValue(slots, i, t));
}

/** A host function whose JS body takes and returns JS values. */
export function hostFunc(
  store: PrunedStore, params: ValType[], results: ValType[],
  body: (caller: InstanceEntity | null, ...args: JsValue[]) => JsValue | JsValue[] | void,
): FuncEntity {
  const type = new FuncType(params, results);
  store.types.intern(type);
  const trampoline: HostTrampoline = (_store, caller, slots, base) => {
    const args = params.map((t, i) => readValue(slots, base + i, t));
    const out = body(caller, ...args);
    const values = out === undefined ? [] : Array.isArray(out) ? out : [out];
    results.forEach((t, i) => writeValue(slots, base + i, t, values[i]!));
  };
  return new FuncEntity(FuncKind.Host, type, null, -1, trampoline);
}

export interface TestInstance {
  store: PrunedStore;
  instance: InstanceEntity;
  /** Calls an exported function; a single result is returned as is, several as an array. */
  call(name: string, ...args: JsValue[]): any;
  func(name: string): FuncEntity;
}

export interface InstantiateOptions {
  store?: PrunedStore;
  imports?: ExternEntity[];
  config?: Partial<ExecutorConfig>;
}

/**
 * Compiles and instantiates `wat`. Without a store, imports, fuel or `jsTier` of its own, the module is
 * instantiated twice, once interpreted only and once with every function the JavaScript tier takes
 * compiled at its first call, and each call runs on both, which must agree (results, or the trap):
 * every test checks the interpreter's handlers and the tier's code of its instructions alike. `store`,
 * `instance` and `func` are the interpreted instance's.
 */
export function instantiateWat(wat: string, options: InstantiateOptions = {}): TestInstance {
  if (options.store !== undefined || options.imports !== undefined || options.config?.jsTier !== undefined || options.config?.consumeFuel === true) {
    return instantiateOnce(wat, options);
  }
  const interpreted = instantiateOnce(wat, { config: { ...options.config, jsTier: false } });
  const tiered = instantiateOnce(wat, { config: { ...options.config, jsTier: "eager" } });
  return { ...interpreted, call: (name, ...args) => sameOnBoth(name, args, interpreted, tiered) };
}

function instantiateOnce(wat: string, options: InstantiateOptions): TestInstance {
  const store = options.store ?? newStore();
  const module = compileModule(parseWat(wat), store.types, { ...DEFAULT_CONFIG, ...options.config });
  const instance = instantiate(store, module, options.imports ?? []);
  const func = (name: string): FuncEntity => {
    const e = instance.exports.get(name);
    if (e === undefined || e.kind !== ExternKind.Func) throw new Error(`no exported function ${name}`);
    return e.value;
  };
  return {
    store,
    instance,
    func,
    call(name, ...args) {
      const results = callFunc(store, func(name), args);
      return results.length === 1 ? results[0] : results;
    },
  };
}

type Outcome = { value: unknown } | { error: unknown };

function outcome(instance: TestInstance, name: string, args: JsValue[]): Outcome {
  try {
    return { value: instance.call(name, ...args) };
  } catch (error) {
    return { error };
  }
}

/** What an outcome compares by: the values (NaNs alike), or the trap's code, or the error's kind and message. */
function describeOutcome(o: Outcome): string {
  if ("value" in o) return [o.value].flat().map((v) => (typeof v === "bigint" ? `${v}n` : Object.is(v, -0) ? "-0" : String(v))).join(", ");
  const e = o.error;
  return e instanceof Trap ? `trap ${e.code}` : e instanceof Error ? `${e.name}: ${e.message}` : `throw ${String(e)}`;
}

/** Calls `name` on both instances; the interpreted one's outcome, once the tiered one's is the same. */
function sameOnBoth(name: string, args: JsValue[], interpreted: TestInstance, tiered: TestInstance): any {
  const a = outcome(interpreted, name, args);
  const b = outcome(tiered, name, args);
  const [da, db] = [describeOutcome(a), describeOutcome(b)];
  if (da !== db) throw new Error(`${name}(${args.join(", ")}): interpreted ${da}, with the JavaScript tier ${db}`);
  if ("error" in a) throw a.error;
  return a.value;
}

export function funcExtern(f: FuncEntity): ExternEntity {
  return { kind: ExternKind.Func, value: f };
}

/** The code of the trap `f` throws, or undefined when it returns. */
export function trapCode(f: () => unknown): TrapCode | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return undefined;
}
