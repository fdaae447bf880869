// The only module that touches the engine's embedder API (@wasmi-ts/host). Everything else in the runner
// speaks in bit-exact `Value`s, the script model's `Const`s and opaque extern handles.

import {
  CompileError,
  Engine,
  Exception,
  type Extern as HostExtern,
  Func,
  Global,
  Instance,
  LinkError,
  Memory,
  Module,
  Store,
  Table,
  Trap,
  TrapCode,
  GcArray,
  GcStruct,
  isI31,
  ValType,
  type WasmFeatures,
} from "@wasmi-ts/host";
import type { RefInspector } from "./expected.js";
import type { Const } from "./script-model.js";
import { f32BitsOf, f32OfBits, f64BitsOf, f64OfBits, type SpecHostRefs, type Value } from "./values.js";

export { ValType };

/** An engine-level failure, classified for the assertions. */
export type Failure =
  | { kind: "malformed" | "invalid"; message: string }
  | { kind: "link"; message: string }
  | { kind: "trap"; message: string; stackOverflow: boolean }
  /** A Wasm exception that no handler caught (exception handling). */
  | { kind: "exception"; message: string }
  /** Anything else: a bug in the engine or the runner (a JS exception). */
  | { kind: "error"; message: string };

/** The host's handles; the rest of the runner passes them back to the session and never looks inside. */
export type CompiledModule = Module;
export type InstanceHandle = Instance;
export type Extern = HostExtern;

export interface ImportDesc {
  module: string;
  name: string;
  kind: string;
}

/** Raised by the runner when an import has no definition: an unlinkable module like the host's LinkError. */
export class UnknownImportError extends Error {
  override name = "UnknownImportError";
}

/** Time for one command's Wasm code (a start function, an invoke): a check that runs away (a wrong
 * branch looping forever) fails with "deadline exceeded" instead of hanging the run. */
export const COMMAND_MS = 30_000;

/** One engine and one store: the world of one script file. */
export class EngineSession {
  private readonly engine: Engine;
  private readonly store: Store<null>;

  constructor(
    private readonly hostRefs: SpecHostRefs,
    features?: Readonly<WasmFeatures>,
    fuel = false,
    private readonly commandMs = COMMAND_MS,
  ) {
    this.engine = new Engine({ features, consumeFuel: fuel });
    this.store = new Store<null>(this.engine, null);
    if (fuel) this.store.setFuel(Number.MAX_SAFE_INTEGER);
  }

  compile(bytes: Uint8Array): CompiledModule {
    return new Module(this.engine, bytes);
  }

  imports(module: CompiledModule): ImportDesc[] {
    return module
      .imports()
      .map((i) => ({ module: i.module, name: i.name, kind: i.type.kind }));
  }

  /** Instantiates with positional imports; runs the start function. */
  instantiate(module: CompiledModule, imports: Extern[]): InstanceHandle {
    this.store.setDeadline(this.commandMs);
    return new Instance(this.store, module, imports);
  }

  exports(instance: InstanceHandle): Map<string, Extern> {
    return new Map(Object.entries(instance.exports));
  }

  invoke(instance: InstanceHandle, name: string, args: Const[]): Value[] {
    const func = instance.getFunc(name);
    if (!func) throw new Error(`unknown function export "${name}"`);
    this.store.setDeadline(this.commandMs);
    const results = func.callBits(...args.map((a) => this.toHost(a, "bits")));
    return func.type.results.map((t, i) => this.fromHost(t, results[i], "bits"));
  }

  get(instance: InstanceHandle, name: string): Value {
    const global = instance.getGlobal(name);
    if (!global) throw new Error(`unknown global export "${name}"`);
    return this.fromHost(global.type.type, global.bits, "bits");
  }

  // --- host entities for the spectest module ---
  func(params: number[], results: number[], fn: (...args: unknown[]) => void): Extern {
    return Func.wrap(this.store, { params, results }, (_caller, ...args) => fn(...args));
  }
  global(type: number, value: Const): Extern {
    return new Global(this.store, { type, mutable: false }, this.toHost(value, "number"));
  }
  /** A funcref table; `is64`: a table64 (i64 indices). */
  table(min: number, max: number | null, is64 = false): Extern {
    const limits = { min, max };
    return new Table(this.store, is64 ? { element: ValType.FuncRef, limits, is64 } : { element: ValType.FuncRef, limits }, null);
  }
  memory(min: number, max: number | null, shared = false): Extern {
    return new Memory(this.store, shared ? { limits: { min, max }, shared } : { limits: { min, max } });
  }

  classify(error: unknown): Failure {
    if (error instanceof CompileError) return { kind: error.kind, message: error.message };
    if (error instanceof LinkError || error instanceof UnknownImportError) return { kind: "link", message: error.message };
    if (error instanceof Trap) {
      return { kind: "trap", message: error.reason, stackOverflow: error.code === TrapCode.StackOverflow };
    }
    if (error instanceof Exception) return { kind: "exception", message: `uncaught exception of tag type ${error.tag.type}` };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: "error", message };
  }

  readonly refs: RefInspector = {
    isFunc: (ref) => ref instanceof Func,
    // GC references reach the host as they are: structs and arrays as objects, i31s as numbers
    isOfHeapType: (ref, heap) => {
      switch (heap) {
        case "any": case "extern": return true;
        case "eq": return ref instanceof GcStruct || ref instanceof GcArray || isI31(ref);
        case "i31": return isI31(ref);
        case "struct": return ref instanceof GcStruct;
        case "array": return ref instanceof GcArray;
        case "func": return ref instanceof Func;
        default: return false;
      }
    },
  };

  /** The host's JS form of a constant; floats as numbers or (for `callBits`) as bit patterns. */
  private toHost(c: Const, floats: "number" | "bits"): unknown {
    switch (c.type) {
      case "i32":
        return c.bits | 0;
      case "i64":
        return BigInt.asIntN(64, c.bits);
      case "f32":
        return floats === "bits" ? c.bits >>> 0 : f32OfBits(c.bits);
      case "f64":
        return floats === "bits" ? BigInt.asUintN(64, c.bits) : f64OfBits(c.bits);
      case "v128":
        return c.bytes.slice();
      case "ref.null":
        return null;
      case "ref.extern":
        return this.hostRefs.get("extern", c.n);
      case "ref.host":
        return this.hostRefs.get("host", c.n);
    }
  }

  private fromHost(type: number, v: unknown, floats: "number" | "bits"): Value {
    switch (type) {
      case ValType.I32:
        return { type: "i32", bits: (v as number) >>> 0 };
      case ValType.I64:
        return { type: "i64", bits: BigInt.asUintN(64, v as bigint) };
      case ValType.F32:
        return { type: "f32", bits: floats === "bits" ? (v as number) >>> 0 : f32BitsOf(v as number) };
      case ValType.F64:
        return { type: "f64", bits: floats === "bits" ? BigInt.asUintN(64, v as bigint) : f64BitsOf(v as number) };
      case ValType.V128:
        return { type: "v128", bytes: (v as Uint8Array).slice() };
      default:
        return { type: "ref", ref: v ?? null };
    }
  }
}
