// Runs the commands of one script file against one engine session. Every command is one check; each is
// isolated (all errors caught), so one bad case never stops the file.

import { formatExpected, matches } from "./expected.js";
import {
  type CompiledModule,
  EngineSession,
  type Extern,
  type Failure,
  type InstanceHandle,
  UnknownImportError,
  COMMAND_MS,
} from "./engine-adapter.js";
import { type Action, AnnotationRejected, type Command, type ModuleSource } from "./script-model.js";
import { spectestExports } from "./spectest.js";
import type { WasmFeatures } from "@wasmi-ts/host";
import { formatValue, type SpecHostRefs, type Value } from "./values.js";

export interface CheckResult {
  line: number;
  command: Command["type"];
  ok: boolean;
  /** Why it failed. */
  detail?: string;
}

/**
 * A failed check: thrown inside a command handler, turned into a failing `CheckResult`. Not an `Error`:
 * it is control flow, and capturing a stack trace for each of thousands of failures is costly.
 */
class CheckFailed {
  constructor(readonly message: string) {}
}

function fail(detail: string): never {
  throw new CheckFailed(detail);
}

export class ScriptRunner {
  private readonly session: EngineSession;
  private readonly instances = new Map<string, InstanceHandle>();
  private readonly definitions = new Map<string, CompiledModule>();
  /** Import namespaces: `spectest` and every `register`ed instance. */
  private readonly namespaces = new Map<string, Map<string, Extern>>();
  /** The target of actions without a module name; undefined after a failed module command. */
  private lastInstance: InstanceHandle | undefined;
  private lastDefinition: CompiledModule | undefined;

  /** `commandMs`: the time a command's Wasm code may run (see COMMAND_MS). */
  constructor(hostRefs: SpecHostRefs, features?: Readonly<WasmFeatures>, fuel = false, commandMs = COMMAND_MS) {
    this.session = new EngineSession(hostRefs, features, fuel, commandMs);
    this.namespaces.set("spectest", spectestExports(this.session));
  }

  run(commands: Command[]): CheckResult[] {
    return commands.map((command) => this.check(command));
  }

  check(command: Command): CheckResult {
    try {
      this.execute(command);
      return { line: command.line, command: command.type, ok: true };
    } catch (error) {
      const detail = error instanceof CheckFailed ? error.message : `runner error: ${describeError(error)}`;
      return { line: command.line, command: command.type, ok: false, detail };
    }
  }

  private execute(command: Command): void {
    switch (command.type) {
      case "module":
        return this.defineModule(command.source, command.name, command.definition);
      case "module_instance": {
        const definition = command.module === undefined ? this.lastDefinition : this.definitions.get(command.module);
        if (command.instance !== undefined) this.instances.delete(command.instance);
        this.lastInstance = undefined;
        if (!definition) fail(`no module definition ${command.module ?? "(last)"}`);
        const instance = this.expectSuccess(() => this.instantiate(definition));
        this.lastInstance = instance;
        if (command.instance !== undefined) this.instances.set(command.instance, instance);
        return;
      }
      case "register": {
        const instance = this.instanceFor(command.module);
        this.namespaces.set(command.as, this.session.exports(instance));
        return;
      }
      case "action":
        this.expectSuccess(() => this.perform(command.action));
        return;
      case "assert_return": {
        const actual = this.expectSuccess(() => this.perform(command.action));
        const expected = command.expected;
        const ok = actual.length === expected.length && actual.every((v, i) => matches(v, expected[i]!, this.session.refs));
        if (!ok) {
          fail(`result [${actual.map(formatValue).join(", ")}], expected [${expected.map(formatExpected).join(", ")}]`);
        }
        return;
      }
      case "assert_trap":
        return this.expectTrap(() => this.perform(command.action), command.message);
      case "assert_exhaustion": {
        const failure = this.expectFailure(() => this.perform(command.action));
        if (failure.kind !== "trap" || !failure.stackOverflow) fail(`expected stack exhaustion, got ${describe(failure)}`);
        return;
      }
      case "assert_exception": {
        const failure = this.expectFailure(() => this.perform(command.action));
        if (failure.kind !== "exception") fail(`expected an uncaught exception, got ${describe(failure)}`);
        return;
      }
      case "assert_invalid": {
        const module = this.encodeOrFail(command.source);
        const failure = this.expectFailure(() => this.session.compile(module));
        if (failure.kind !== "invalid") fail(`expected invalid module ("${command.message}"), got ${describe(failure)}`);
        return;
      }
      case "assert_malformed":
        return this.expectMalformed(command.source, command.message);
      case "assert_unlinkable": {
        const module = this.compileOrFail(command.source);
        const failure = this.expectFailure(() => this.instantiate(module));
        if (failure.kind !== "link") fail(`expected link error ("${command.message}"), got ${describe(failure)}`);
        return;
      }
      case "assert_uninstantiable": {
        const module = this.compileOrFail(command.source);
        return this.expectTrap(() => this.instantiate(module), command.message);
      }
      case "assert_malformed_custom":
        return expectRejectedAnnotation(command.source, "malformed", command.message);
      case "assert_invalid_custom":
        return expectRejectedAnnotation(command.source, "invalid", command.message);
      case "unsupported":
        fail(`unsupported command: ${command.what}`);
    }
  }

  private defineModule(source: ModuleSource, name: string | undefined, definition: boolean): void {
    // A failed module leaves no module behind: later commands on it fail too.
    this.lastInstance = undefined;
    if (name !== undefined) {
      this.instances.delete(name);
      this.definitions.delete(name);
    }
    const module = this.compileOrFail(source);
    if (definition) {
      this.lastDefinition = module;
      if (name !== undefined) this.definitions.set(name, module);
      return;
    }
    const instance = this.expectSuccess(() => this.instantiate(module));
    this.lastInstance = instance;
    if (name !== undefined) this.instances.set(name, instance);
  }

  private instantiate(module: CompiledModule): InstanceHandle {
    const imports = this.session.imports(module).map((i) => {
      const extern = this.namespaces.get(i.module)?.get(i.name);
      if (!extern) throw new UnknownImportError(`unknown import ${i.module}.${i.name}`);
      return extern;
    });
    return this.session.instantiate(module, imports);
  }

  private instanceFor(name: string | undefined): InstanceHandle {
    const instance = name === undefined ? this.lastInstance : this.instances.get(name);
    if (!instance) fail(name === undefined ? "no module instance (the last module failed or none was defined)" : `unknown module ${name}`);
    return instance;
  }

  private perform(action: Action): Value[] {
    const instance = this.instanceFor(action.module);
    return action.type === "invoke"
      ? this.session.invoke(instance, action.name, action.args)
      : [this.session.get(instance, action.name)];
  }

  private encodeOrFail(source: ModuleSource): Uint8Array {
    try {
      return source.encode();
    } catch (error) {
      fail(`module text did not encode: ${describeError(error)}`);
    }
  }

  private compileOrFail(source: ModuleSource): CompiledModule {
    const bytes = this.encodeOrFail(source);
    return this.expectSuccess(() => this.session.compile(bytes));
  }

  private expectSuccess<R>(run: () => R): R {
    try {
      return run();
    } catch (error) {
      if (error instanceof CheckFailed) throw error;
      fail(describe(this.session.classify(error)));
    }
  }

  private expectFailure(run: () => unknown): Failure {
    try {
      run();
    } catch (error) {
      if (error instanceof CheckFailed) throw error;
      return this.session.classify(error);
    }
    fail("expected a failure, but it succeeded");
  }

  private expectTrap(run: () => unknown, message: string): void {
    const failure = this.expectFailure(run);
    if (failure.kind !== "trap") fail(`expected trap "${message}", got ${describe(failure)}`);
    if (!trapMessageMatches(failure.message, message)) fail(`expected trap "${message}", got trap "${failure.message}"`);
  }

  private expectMalformed(source: ModuleSource, message: string): void {
    if (source.kind !== "binary") {
      // Malformed text must be rejected by the text parser/encoder, before any engine sees it.
      try {
        source.encode();
      } catch {
        return;
      }
      fail(`malformed text ("${message}") was accepted by the text parser`);
    }
    const bytes = this.encodeOrFail(source);
    const failure = this.expectFailure(() => this.session.compile(bytes));
    if (failure.kind !== "malformed") fail(`expected malformed module ("${message}"), got ${describe(failure)}`);
  }
}

/**
 * `assert_malformed_custom` / `assert_invalid_custom`: the text parser must reject a custom annotation as
 * malformed / invalid, with a reason starting with the expected message (as the spec interpreter checks).
 */
function expectRejectedAnnotation(source: ModuleSource, kind: AnnotationRejected["kind"], message: string): void {
  try {
    source.encode();
  } catch (error) {
    if (!(error instanceof AnnotationRejected)) fail(`expected ${kind} custom annotation ("${message}"), got ${describeError(error)}`);
    if (error.kind !== kind || !error.reason.startsWith(message)) {
      fail(`expected ${kind} custom annotation "${message}", got ${error.kind} "${error.reason}"`);
    }
    return;
  }
  fail(`${kind} custom annotation ("${message}") was accepted by the text parser`);
}

/**
 * Our trap message must contain the expected text (as Wasmi's spec runner checks), or be its first words:
 * the spec interpreter adds details to some messages ("uninitialized element 2") that traps carry as data.
 */
export function trapMessageMatches(actual: string, expected: string): boolean {
  return actual.includes(expected) || (actual.length > 0 && expected.startsWith(`${actual} `));
}

function describe(failure: Failure): string {
  return failure.kind === "error" ? failure.message : `${failure.kind}: ${failure.message}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
