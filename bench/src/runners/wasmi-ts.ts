// wasmi-ts, through its embedder API (@wasmi-ts/host; contract in notes/host-api.md), plain and in two
// variants that show what a feature costs: "wasmi-ts-fuel" (fuel metering) and "wasmi-ts-deadline"
// (a deadline set on the store). Until the engine works, the bench's self-test fails and it
// reports wasmi-ts as "not available".
import type { Runner, Value, WasmInstance } from "../runner.js";

/** The part of @wasmi-ts/host the adapter uses, typed locally so the bench builds whatever state the host is in. */
interface HostApi {
  Engine: new (config?: { lazyValidation?: boolean; consumeFuel?: boolean }) => object;
  Module: new (engine: object, bytes: Uint8Array) => object;
  Store: new (engine: object, data: unknown) => { setFuel(fuel: number): unknown; setDeadline(ms: number | null): unknown };
  Linker: new (engine: object) => { instantiate(store: object, module: object): HostInstance };
}
interface HostInstance {
  getFunc(name: string): { typed(): { call(...args: Value[]): Value } } | undefined;
  getMemory(name: string): { buffer: ArrayBuffer } | undefined;
}

let host: HostApi | undefined;
/** `createWebAssembly` of @wasmi-ts/polyfill: the JS API over the same engine, for package workloads. */
let createWebAssembly: ((options: { config?: object; setup?: (store: StoreApi) => void }) => object) | undefined;
type StoreApi = InstanceType<HostApi["Store"]>;

/**
 * Set to "1" in a child's environment to compile with `new Engine({ lazyValidation: true })` (function
 * bodies validated at their first call): run-runner.ts measures the time to first call both ways.
 */
export const LAZY_VALIDATION_ENV = "WASMI_TS_LAZY_VALIDATION";
/** Set to "0" to run without the interpreter loop's warm-up (`warmUp: false`): dispatch-stats counts only
 * the workload's own dispatches. */
export const WARM_UP_ENV = "WASMI_TS_WARM_UP";
/** Set to "0" to run without the JavaScript tier (`jsTier: false`): dispatch-stats then counts what the
 * interpreter runs where no code can be made from strings (a strict Content-Security-Policy), or with fuel.
 * "eager": every function the tier takes is compiled at its first call (each workload's expected result
 * then checks the tier's code of all of them). */
export const JS_TIER_ENV = "WASMI_TS_JS_TIER";
const engineConfig = {
  ...(process.env[LAZY_VALIDATION_ENV] === "1" ? { lazyValidation: true } : {}),
  ...(process.env[WARM_UP_ENV] === "0" ? { warmUp: false } : {}),
  ...(process.env[JS_TIER_ENV] === "0" ? { jsTier: false } : process.env[JS_TIER_ENV] === "eager" ? { jsTier: "eager" as const } : {}),
};

/** What a variant turns on: fuel metering (all the fuel a store holds), or a deadline; or the JavaScript
 * tier compiling every function it takes at its first call (tests: see eagerTierRunner). */
interface Variant {
  consumeFuel?: boolean;
  deadline?: boolean;
  eagerTier?: boolean;
}

/**
 * The deadline of "wasmi-ts-deadline", an hour: never reached by a bench call, but checked as the
 * interpreter polls (every few thousand loop iterations and calls).
 */
const DEADLINE_MS = 3_600_000;

/** The engine's settings: the process's (see the *_ENV names) and the variant's. */
function configOf(variant: Variant) {
  return { ...engineConfig, consumeFuel: variant.consumeFuel === true, ...(variant.eagerTier ? { jsTier: "eager" as const } : {}) };
}

function instantiate(bytes: Uint8Array, variant: Variant = {}): WasmInstance {
  const { Engine, Module, Store, Linker } = host!;
  const engine = new Engine(configOf(variant));
  const store = new Store(engine, null);
  if (variant.consumeFuel) store.setFuel(Number.MAX_SAFE_INTEGER);
  if (variant.deadline) store.setDeadline(DEADLINE_MS);
  const instance = new Linker(engine).instantiate(store, new Module(engine, bytes));
  return {
    func(name) {
      const func = instance.getFunc(name);
      if (!func) throw new Error(`no exported function "${name}"`);
      const typed = func.typed();
      return (...args) => typed.call(...args);
    },
    memory(name) {
      const memory = instance.getMemory(name);
      if (!memory) throw new Error(`no exported memory "${name}"`);
      return new Uint8Array(memory.buffer);
    },
  };
}

async function load(): Promise<string | null> {
  try {
    const api = (await import("@wasmi-ts/host")) as unknown as Partial<HostApi>;
    const missing = (["Engine", "Module", "Store", "Linker"] as const).filter((k) => typeof api[k] !== "function");
    if (missing.length > 0) return `@wasmi-ts/host does not export ${missing.join(", ")} yet`;
    host = api as HostApi;
    ({ createWebAssembly } = (await import("@wasmi-ts/polyfill")) as unknown as { createWebAssembly: typeof createWebAssembly });
    return null;
  } catch (error) {
    return `cannot load @wasmi-ts/host: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The polyfill's `WebAssembly` namespace on an engine and store set up as `variant` says. */
function namespace(variant: Variant = {}): object {
  return createWebAssembly!({
    config: configOf(variant),
    setup(store) {
      if (variant.consumeFuel) store.setFuel(Number.MAX_SAFE_INTEGER);
      if (variant.deadline) store.setDeadline(DEADLINE_MS);
    },
  });
}

/** Compiles with the engine settings of the process (lazy validation with LAZY_VALIDATION_ENV). */
function compile(bytes: Uint8Array): void {
  const { Engine, Module } = host!;
  new Module(new Engine(engineConfig), bytes);
}

export const runner: Runner = {
  name: "wasmi-ts",
  proposals: ["gc", "exceptions"],
  load,
  instantiate: (bytes) => instantiate(bytes),
  namespace: () => namespace(),
  compile,
};

/** wasmi-ts as `variant` says, under its own name (it cannot compile alone: see `compile`). */
function variantRunner(name: string, variant: Variant): Runner {
  return {
    name,
    proposals: ["gc", "exceptions"],
    load,
    instantiate: (bytes) => instantiate(bytes, variant),
    namespace: () => namespace(variant),
  };
}

/** wasmi-ts with `consumeFuel: true`: the cost of fuel metering, next to the plain runner. */
export const fuelRunner = variantRunner("wasmi-ts-fuel", { consumeFuel: true });

/** wasmi-ts with a deadline set: the cost of checking it, next to the plain runner. */
export const deadlineRunner = variantRunner("wasmi-ts-deadline", { deadline: true });

/** wasmi-ts with every function the JavaScript tier takes compiled at its first call: not a runner of the
 * bench (no faster), but the tests' check of the tier's code of every function of real programs. */
export const eagerTierRunner = variantRunner("wasmi-ts-eager-tier", { eagerTier: true });
