import type { Action, ArgValue, ExpectedValue, ScriptCommand, ScriptModule } from "../../src/index.js";
import { type NodeInstance, type NodeModule, nodeWebAssembly as wasm } from "../node-webassembly.js";

// Runs a script's modules and assertions on Node's WebAssembly engine: an end-to-end check that the
// encoded binaries mean what the text says (constants, indices, types), beyond being valid. Only
// scalar values are compared; commands passing v128 values or NaN arguments (whose payload cannot cross
// the JS boundary intact) are skipped, and expected NaN bit patterns only check for a NaN.

type Imports = Record<string, Record<string, unknown>>;

/** A command's outcome: undefined (passed), a failure description, or SKIPPED (not judged). */
export const SKIPPED = null;
export type Verdict = string | undefined | typeof SKIPPED;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function f32FromBits(bits: number): number {
  u32[0] = bits;
  return f32[0]!;
}
function f64FromBits(bits: bigint): number {
  u64[0] = bits;
  return f64[0]!;
}
function f32Bits(value: number): number {
  f32[0] = value;
  return u32[0]!;
}
function f64Bits(value: number): bigint {
  f64[0] = value;
  return u64[0]!;
}

function spectest(): Record<string, unknown> {
  const noop = (): void => {};
  return {
    print: noop,
    print_i32: noop,
    print_i64: noop,
    print_f32: noop,
    print_f64: noop,
    print_i32_f32: noop,
    print_f64_f64: noop,
    global_i32: new wasm.Global({ value: "i32" }, 666),
    global_i64: new wasm.Global({ value: "i64" }, 666n),
    global_f32: new wasm.Global({ value: "f32" }, 666.6),
    global_f64: new wasm.Global({ value: "f64" }, 666.6),
    table: new wasm.Table({ element: "anyfunc", initial: 10, maximum: 20 }),
    memory: new wasm.Memory({ initial: 1, maximum: 2 }),
  };
}

/** Whether a command's values cannot cross the JS boundary faithfully. */
function unsupported(args: ArgValue[], expected: ExpectedValue[]): boolean {
  const nanArg = args.some(
    (a) =>
      a.type === "v128" ||
      (a.type === "f32" && Number.isNaN(f32FromBits(a.bits))) ||
      (a.type === "f64" && Number.isNaN(f64FromBits(a.bits))),
  );
  const badResult = (e: ExpectedValue): boolean =>
    e.type === "v128" || (e.type === "either" && e.alternatives.some(badResult));
  return nanArg || expected.some(badResult);
}

interface CallResult {
  threw: boolean;
  error?: unknown;
  value?: unknown;
}

function outcome(r: CallResult): string {
  return r.threw ? String(r.error) : "a result";
}

export class NodeScriptRunner {
  private readonly registered: Imports = { spectest: spectest() };
  private readonly instances = new Map<string, NodeInstance>();
  private readonly definitions = new Map<string, NodeModule>();
  private current: NodeInstance | undefined;
  private lastDefinition: NodeModule | undefined;
  private readonly hostRefs = new Map<number, object>();

  /** Runs one command and judges its outcome. */
  run(cmd: ScriptCommand): Verdict {
    switch (cmd.kind) {
      case "module":
        return this.define(cmd.module);
      case "module_instance": {
        const def = cmd.definition === undefined ? this.lastDefinition : this.definitions.get(cmd.definition);
        if (def === undefined) return SKIPPED;
        return this.instantiate(def, cmd.instance);
      }
      case "register": {
        const inst = cmd.module === undefined ? this.current : this.instances.get(cmd.module);
        if (inst === undefined) return SKIPPED;
        this.registered[cmd.name] = inst.exports;
        return SKIPPED;
      }
      case "action":
        return this.perform(cmd.action, (r) => (r.threw ? `threw ${String(r.error)}` : undefined));
      case "assert_return":
        if (cmd.action.kind === "invoke" && unsupported(cmd.action.args, cmd.expected)) return SKIPPED;
        if (cmd.action.kind === "get" && unsupported([], cmd.expected)) return SKIPPED;
        return this.perform(cmd.action, (r) =>
          r.threw ? `threw ${String(r.error)}` : this.compare(r.value, cmd.expected),
        );
      case "assert_trap":
        if (cmd.action.kind === "invoke" && unsupported(cmd.action.args, [])) return SKIPPED;
        return this.perform(cmd.action, (r) =>
          r.threw && r.error instanceof wasm.RuntimeError ? undefined : `expected a trap, got ${outcome(r)}`,
        );
      case "assert_exhaustion":
        return this.perform(cmd.action, (r) =>
          r.threw && r.error instanceof RangeError ? undefined : `expected stack exhaustion, got ${outcome(r)}`,
        );
      case "assert_trap_module":
      case "assert_uninstantiable":
      case "assert_unlinkable": {
        const outcome = this.tryInstantiate(cmd.module);
        if (outcome === SKIPPED) return SKIPPED;
        return outcome === undefined ? "instantiation succeeded" : undefined;
      }
      default:
        return SKIPPED;
    }
  }

  private define(module: ScriptModule): Verdict {
    let compiled: NodeModule;
    try {
      compiled = new wasm.Module(module.binary());
    } catch {
      return SKIPPED; // encode/validate checks report this
    }
    if (module.definition) {
      this.lastDefinition = compiled;
      if (module.id !== undefined) this.definitions.set(module.id, compiled);
      return SKIPPED;
    }
    return this.instantiate(compiled, module.id);
  }

  private instantiate(compiled: NodeModule, id: string | undefined): string | undefined {
    try {
      const inst = new wasm.Instance(compiled, this.registered);
      this.current = inst;
      if (id !== undefined) this.instances.set(id, inst);
      return undefined;
    } catch (e) {
      this.current = undefined;
      return `instantiation failed: ${String(e)}`;
    }
  }

  /** undefined if instantiation succeeded, else the error; SKIPPED if the module does not compile. */
  private tryInstantiate(module: ScriptModule): Verdict {
    let compiled: NodeModule;
    try {
      compiled = new wasm.Module(module.binary());
    } catch {
      return SKIPPED;
    }
    try {
      new wasm.Instance(compiled, this.registered);
      return undefined;
    } catch (e) {
      return String(e);
    }
  }

  private hostRef(n: number): object {
    let ref = this.hostRefs.get(n);
    if (ref === undefined) this.hostRefs.set(n, (ref = { hostRef: n }));
    return ref;
  }

  private toJs(a: ArgValue): unknown {
    switch (a.type) {
      case "i32":
        return a.value;
      case "i64":
        return a.value;
      case "f32":
        return f32FromBits(a.bits);
      case "f64":
        return f64FromBits(a.bits);
      case "ref.null":
        return null;
      case "ref.extern":
      case "ref.host":
        return this.hostRef(a.value);
      case "v128":
        throw new Error("v128 cannot be passed from JS");
    }
  }

  private perform(
    action: Action,
    judge: (r: CallResult) => string | undefined,
  ): Verdict {
    const inst = action.module === undefined ? this.current : this.instances.get(action.module);
    if (inst === undefined) return SKIPPED; // its module failed: reported there
    const exported = inst.exports[action.name];
    if (action.kind === "get") {
      const value = (exported as { value: unknown } | undefined)?.value;
      return judge({ threw: false, value });
    }
    if (typeof exported !== "function") return `no exported function ${action.name}`;
    let value: unknown;
    try {
      value = (exported as (...args: unknown[]) => unknown)(...action.args.map((a) => this.toJs(a)));
    } catch (error) {
      // A TypeError comes from the JS boundary (e.g. a v128 result), not from the module: not judged.
      if (error instanceof TypeError) return SKIPPED;
      return judge({ threw: true, error });
    }
    return judge({ threw: false, value });
  }

  private compare(value: unknown, expected: ExpectedValue[]): string | undefined {
    const values = expected.length === 1 ? [value] : expected.length === 0 ? [] : (value as unknown[]);
    if (expected.length === 0) return value === undefined ? undefined : `expected no result, got ${String(value)}`;
    for (let i = 0; i < expected.length; i++) {
      if (!this.matches(values[i], expected[i]!)) {
        const shown = JSON.stringify(expected[i], (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
        return `result ${i}: expected ${shown}, got ${String(values[i])}`;
      }
    }
    return undefined;
  }

  private matches(v: unknown, e: ExpectedValue): boolean {
    switch (e.type) {
      case "i32":
        return typeof v === "number" && (v | 0) === e.value;
      case "i64":
        return typeof v === "bigint" && BigInt.asIntN(64, v) === e.value;
      case "f32":
        if (typeof v !== "number") return false;
        if (e.pattern.kind === "nan" || Number.isNaN(f32FromBits(e.pattern.bits))) return Number.isNaN(v);
        return f32Bits(v) === e.pattern.bits;
      case "f64":
        if (typeof v !== "number") return false;
        if (e.pattern.kind === "nan" || Number.isNaN(f64FromBits(e.pattern.bits))) return Number.isNaN(v);
        return f64Bits(v) === e.pattern.bits;
      case "ref.null":
        return v === null;
      case "ref.extern":
      case "ref.host":
        return v === this.hostRef(e.value);
      case "ref":
        return e.kind === "func" ? typeof v === "function" : v !== null && v !== undefined;
      case "either":
        return e.alternatives.some((alt) => this.matches(v, alt));
      case "v128":
        return false;
    }
  }
}
