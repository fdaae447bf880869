// wasmi-ts, through its embedder API (@wasmi-ts/host; contract in notes/host-api.md).
// Until the engine works, the bench's self-test fails and it reports wasmi-ts as "not available".
import type { Runner, Value, WasmInstance } from "../runner.js";

/** The part of @wasmi-ts/host the adapter uses, typed locally so the bench builds whatever state the host is in. */
interface HostApi {
  Engine: new (config?: { lazyValidation?: boolean; consumeFuel?: boolean }) => object;
  Module: new (engine: object, bytes: Uint8Array) => object;
  Store: new (engine: object, data: unknown) => { setFuel(fuel: number): unknown };
  Linker: new (engine: object) => { instantiate(store: object, module: object): HostInstance };
}
interface HostInstance {
  getFunc(name: string): { typed(): { call(...args: Value[]): Value } } | undefined;
  getMemory(name: string): { buffer: ArrayBuffer } | undefined;
}

let host: HostApi | undefined;

/**
 * Set to "1" in a child's environment to compile with `new Engine({ lazyValidation: true })` (function
 * bodies validated at their first call): run-runner.ts measures the time to first call both ways.
 */
export const LAZY_VALIDATION_ENV = "WASMI_TS_LAZY_VALIDATION";
const engineConfig = process.env[LAZY_VALIDATION_ENV] === "1" ? { lazyValidation: true } : {};

/** Instantiates with fuel metering on and all the fuel a store holds (the "wasmi-ts-fuel" runner). */
function instantiateMetered(bytes: Uint8Array): WasmInstance {
  return instantiate(bytes, true);
}

function instantiate(bytes: Uint8Array, consumeFuel = false): WasmInstance {
  const { Engine, Module, Store, Linker } = host!;
  const engine = new Engine({ ...engineConfig, consumeFuel });
  const store = new Store(engine, null);
  if (consumeFuel) store.setFuel(Number.MAX_SAFE_INTEGER);
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
    return null;
  } catch (error) {
    return `cannot load @wasmi-ts/host: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export const runner: Runner = { name: "wasmi-ts", load, instantiate: (bytes) => instantiate(bytes) };

/** wasmi-ts with `consumeFuel: true`: the cost of fuel metering, next to the plain runner. */
export const fuelRunner: Runner = { name: "wasmi-ts-fuel", load, instantiate: instantiateMetered };
