// Runs the commands of one script in one store. Every command is a check, isolated from the others
// (all its errors are caught), so one failure never stops the script.

import {
  CompileError, Engine, Exception, type Instance, LinkError, Linker, Module, Store, Trap, TrapCode, type WasmFeatures,
} from "@wasmi-ts/host";
import { type Action, type EncodeOptions, type ScriptCommand, type ScriptModule, WastSyntaxError } from "@wasmi-ts/wast";
import { defineSpectest } from "./spectest.js";
import { formatExpected, formatResult, hostArg, HostRefs, matches, type Result } from "./values.js";

export interface Check {
  line: number;
  command: ScriptCommand["kind"];
  ok: boolean;
  /** Why it failed. */
  detail?: string;
}

/** A failed check, thrown inside a command and turned into its `Check`. */
class CheckFailed {
  constructor(readonly message: string) {}
}

function fail(message: string): never {
  throw new CheckFailed(message);
}

/** Which WebAssembly a script is run under: the engine's features, the text format's rules. */
export interface ScriptRules {
  features?: Readonly<WasmFeatures>;
  encode?: EncodeOptions;
}

export class ScriptRunner {
  private readonly engine: Engine;
  private readonly store: Store<null>;
  private readonly linker: Linker<null>;
  private readonly encode: EncodeOptions;
  private readonly refs = new HostRefs();
  private readonly instances = new Map<string, Instance>();
  private readonly definitions = new Map<string, Module>();
  /** What actions without a module name act on; undefined after a failed module. */
  private last: Instance | undefined;
  private lastDefinition: Module | undefined;

  constructor(print: (line: string) => void, rules: ScriptRules = {}) {
    this.engine = new Engine({ features: rules.features });
    this.store = new Store<null>(this.engine, null);
    // Registering a name again replaces its exports, as the spec interpreter does.
    this.linker = new Linker<null>(this.engine).allowShadowing(true);
    this.encode = rules.encode ?? {};
    defineSpectest(this.linker, this.store, print);
  }

  run(commands: readonly ScriptCommand[]): Check[] {
    return commands.map((command) => {
      const line = command.span.line;
      try {
        this.execute(command);
        return { line, command: command.kind, ok: true };
      } catch (error) {
        const detail = error instanceof CheckFailed ? error.message : `runner error: ${describe(error)}`;
        return { line, command: command.kind, ok: false, detail };
      }
    });
  }

  private execute(c: ScriptCommand): void {
    switch (c.kind) {
      case "module":
        return this.module(c.module);
      case "module_instance": {
        const definition = c.definition === undefined ? this.lastDefinition : this.definitions.get(c.definition);
        this.last = undefined;
        if (c.instance !== undefined) this.instances.delete(c.instance);
        if (!definition) fail(`no module definition ${c.definition ?? "(none yet)"}`);
        this.last = succeed(() => this.linker.instantiate(this.store, definition));
        if (c.instance !== undefined) this.instances.set(c.instance, this.last);
        return;
      }
      case "register":
        this.linker.instance(c.name, this.instance(c.module));
        return;
      case "action":
        succeed(() => this.perform(c.action));
        return;
      case "assert_return": {
        const actual = succeed(() => this.perform(c.action));
        const ok = actual.length === c.expected.length && actual.every((v, i) => matches(v, c.expected[i]!, this.refs));
        if (!ok) fail(`result [${actual.map(formatResult).join(", ")}], expected [${c.expected.map(formatExpected).join(", ")}]`);
        return;
      }
      case "assert_trap":
        return expectTrap(() => this.perform(c.action), c.message);
      case "assert_exhaustion": {
        const error = failure(() => this.perform(c.action));
        if (!(error instanceof Trap && error.code === TrapCode.StackOverflow)) fail(`expected stack exhaustion, got ${describe(error)}`);
        return;
      }
      case "assert_trap_module":
      case "assert_uninstantiable": {
        const module = this.compile(c.module);
        return expectTrap(() => this.linker.instantiate(this.store, module), c.message);
      }
      case "assert_invalid": {
        const bytes = this.binary(c.module);
        const error = failure(() => this.compileBytes(bytes));
        if (!(error instanceof CompileError && error.kind === "invalid")) fail(`expected an invalid module ("${c.message}"), got ${describe(error)}`);
        return;
      }
      case "assert_malformed": {
        // Malformed text is refused by the text format already; a binary by the decoder.
        const error = failure(() => this.compileBytes(c.module.binary(this.encode)));
        const refused = error instanceof WastSyntaxError || (error instanceof CompileError && error.kind === "malformed");
        if (!refused) fail(`expected a malformed module ("${c.message}"), got ${describe(error)}`);
        return;
      }
      case "assert_unlinkable": {
        const module = this.compile(c.module);
        const error = failure(() => this.linker.instantiate(this.store, module));
        if (!(error instanceof LinkError)) fail(`expected a link error ("${c.message}"), got ${describe(error)}`);
        return;
      }
      case "assert_exception": {
        const error = failure(() => this.perform(c.action));
        if (!(error instanceof Exception)) fail(`expected an uncaught exception, got ${describe(error)}`);
        return;
      }
      case "assert_malformed_custom":
      case "assert_invalid_custom":
        fail(`${c.kind} is not supported by wasmi-ts wast`);
    }
  }

  private module(m: ScriptModule): void {
    // A failed module leaves none behind: the commands on it fail too.
    this.last = undefined;
    if (m.id !== undefined) {
      this.instances.delete(m.id);
      this.definitions.delete(m.id);
    }
    const module = this.compile(m);
    if (m.definition) {
      this.lastDefinition = module;
      if (m.id !== undefined) this.definitions.set(m.id, module);
      return;
    }
    this.last = succeed(() => this.linker.instantiate(this.store, module));
    if (m.id !== undefined) this.instances.set(m.id, this.last);
  }

  private instance(name: string | undefined): Instance {
    const instance = name === undefined ? this.last : this.instances.get(name);
    if (!instance) fail(name === undefined ? "no module to act on (none yet, or the last one failed)" : `no module $${name}`);
    return instance;
  }

  private perform(action: Action): Result[] {
    const instance = this.instance(action.module);
    if (action.kind === "get") {
      const global = instance.getGlobal(action.name);
      if (!global) fail(`no global export "${action.name}"`);
      return [{ type: global.type.type, value: global.bits }];
    }
    const func = instance.getFunc(action.name);
    if (!func) fail(`no function export "${action.name}"`);
    const results = func.callBits(...action.args.map((a) => hostArg(a, this.refs)));
    return func.type.results.map((type, i) => ({ type, value: results[i] }));
  }

  private compile(m: ScriptModule): Module {
    const bytes = this.binary(m);
    return succeed(() => this.compileBytes(bytes));
  }

  private binary(m: ScriptModule): Uint8Array {
    try {
      return m.binary(this.encode);
    } catch (error) {
      fail(`the module text does not encode: ${describe(error)}`);
    }
  }

  private compileBytes(bytes: Uint8Array): Module {
    return new Module(this.engine, bytes);
  }
}

function succeed<R>(run: () => R): R {
  try {
    return run();
  } catch (error) {
    if (error instanceof CheckFailed) throw error;
    fail(describe(error));
  }
}

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof CheckFailed) throw error;
    return error;
  }
  fail("expected a failure, but it succeeded");
}

function expectTrap(run: () => unknown, message: string): void {
  const error = failure(run);
  if (!(error instanceof Trap)) fail(`expected trap "${message}", got ${describe(error)}`);
  // Our message contains the expected one, or is its start: the spec interpreter adds details
  // ("uninitialized element 2") that a trap carries as data.
  const ok = error.reason.includes(message) || (error.reason.length > 0 && message.startsWith(`${error.reason} `));
  if (!ok) fail(`expected trap "${message}", got trap "${error.reason}"`);
}

function describe(error: unknown): string {
  if (error instanceof Trap) return `trap "${error.reason}"`;
  if (error instanceof Exception) return `uncaught exception (tag ${error.tag.type})`;
  if (error instanceof CompileError) return error.message;
  if (error instanceof LinkError) return `link error: ${error.message}`;
  if (error instanceof WastSyntaxError) return `malformed text at ${error.span.line}:${error.span.column}: ${error.reason}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
