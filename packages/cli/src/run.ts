// `wasmi-ts run`: instantiate a module with WASI and the --preload modules, then run _start (or the
// --invoke function) and turn how it ended into the exit code.

import {
  Engine, Exception, Func, type Instance, LinkError, Linker, type Module, Store, Trap, formatBacktrace, valTypeName,
} from "@wasmi-ts/host";
import { WasiExit } from "@wasmi-ts/wasi";
import { CliError, ExitCode, UsageError } from "./errors.js";
import { createGuestWasi } from "./guest-wasi.js";
import type { CliIO } from "./io.js";
import { compileModule } from "./load.js";
import type { RunOptions } from "./run-args.js";
import { formatValue, parseValue } from "./values.js";

export function runCommand(options: RunOptions, io: CliIO): number {
  const { wasi, finish } = createGuestWasi(options, io);
  const engine = new Engine({ consumeFuel: options.fuel !== undefined });
  const store = new Store(engine, null);
  if (options.fuel !== undefined) store.setFuel(options.fuel);
  const main = compileModule(engine, options.file, io);
  const preloads = options.preloads.map((p) => ({ ...p, module: compileModule(engine, p.file, io) }));
  // The clock starts once everything is compiled, as before preloads existed.
  if (options.timeoutMs !== undefined) store.setDeadline(options.timeoutMs);
  // Every module gets WASI: a module that does not import it never sees it.
  const linker = wasi.defineIn(new Linker<null>(engine));
  try {
    for (const { name, file, module } of preloads) {
      const instance = instantiate(linker, store, module, file);
      wasi.initialize(instance);
      define(linker, name, instance, file);
    }
    const instance = instantiate(linker, store, main, options.file);
    if (options.invoke !== undefined) {
      wasi.initialize(instance);
      return invoke(instance, options.invoke, options.args, io);
    }
    if (instance.getFunc("_start")) return processExitCode(wasi.start(instance));
    if (options.args.length > 0) throw new UsageError("arguments given, but the module exports no _start and no --invoke NAME was given");
    return ExitCode.Ok;
  } catch (error) {
    const exit = exitOf(error);
    if (exit !== undefined) return processExitCode(exit.code);
    if (error instanceof Trap) throw new CliError(ExitCode.Trap, trapText(error));
    if (error instanceof Exception) throw new CliError(ExitCode.Trap, exceptionText(error));
    throw error;
  } finally {
    finish();
  }
}

function instantiate(linker: Linker<null>, store: Store<null>, module: Module, file: string): Instance {
  // Every missing import at once, with its kind (the linker would name the first only).
  const missing = module.imports().filter((i) => linker.get(store, i.module, i.name) === undefined);
  if (missing.length > 0) {
    const names = missing.map((i) => `"${i.module}" "${i.name}" (${i.type.kind})`).join(", ");
    throw new CliError(ExitCode.ModuleError, `error: ${file}: unknown import${missing.length > 1 ? "s" : ""}: ${names} (wasmi-ts provides wasi_snapshot_preview1 and the --preload modules)`);
  }
  try {
    return linker.instantiate(store, module);
  } catch (error) {
    if (error instanceof Trap && exitOf(error) === undefined) throw new CliError(ExitCode.Trap, trapText(error, " (during instantiation)"));
    if (error instanceof Exception) throw new CliError(ExitCode.Trap, exceptionText(error, " (during instantiation)"));
    if (error instanceof LinkError) throw new CliError(ExitCode.ModuleError, `error: cannot instantiate ${file}: ${error.message}`);
    throw error;
  }
}

function define(linker: Linker<null>, name: string, instance: Instance, file: string): void {
  try {
    linker.instance(name, instance);
  } catch (error) {
    if (error instanceof LinkError) throw new CliError(ExitCode.Usage, `error: --preload ${name}=${file}: ${error.message}`);
    throw error;
  }
}

function invoke(instance: Instance, name: string, args: readonly string[], io: CliIO): number {
  const func = instance.getFunc(name);
  if (!func) {
    throw new CliError(ExitCode.Usage, `error: the module exports no function "${name}"; exported functions: ${exportedFunctions(instance)}`);
  }
  const { params, results } = func.type;
  if (args.length !== params.length) {
    throw new UsageError(`function ${name} of type ${func.type} takes ${params.length} argument(s), got ${args.length}`);
  }
  const returned = func.call(...params.map((t, i) => parseValue(t, args[i]!)));
  results.forEach((t, i) => io.stdout(formatValue(t, returned[i])));
  return ExitCode.Ok;
}

/** The proc_exit behind `error`, if the guest exited (a trap raised while unwinding may carry it). */
function exitOf(error: unknown): WasiExit | undefined {
  if (error instanceof WasiExit) return error;
  if (error instanceof Trap && error.cause instanceof WasiExit) return error.cause;
  return undefined;
}

/** A process can only exit with 0..255; a larger code would wrap around, maybe to 0, so it becomes 1. */
function processExitCode(code: number): number {
  return code >= 0 && code <= 255 ? code : 1;
}

/** `trap: <reason><note>`, then the Wasm backtrace, as wasmtime prints it. */
function trapText(trap: Trap, note = ""): string {
  return `trap: ${trap.reason}${note}${formatBacktrace(trap.frames)}`;
}

/** A Wasm exception that no handler caught: its tag's type and its values (as --invoke prints values). */
function exceptionText(exn: Exception, note = ""): string {
  const { params } = exn.tag.type;
  const values = params.map((t, i) => formatValue(t, exn.getArg(i)));
  return `error: uncaught Wasm exception${note}: tag ${exn.tag.type}, values [${values.join(", ")}]${formatBacktrace(exn.frames)}`;
}

function exportedFunctions(instance: Instance): string {
  const names = Object.entries(instance.exports).flatMap(([n, e]) =>
    e instanceof Func ? [`${n}(${e.type.params.map(valTypeName).join(", ")})`] : [],
  );
  return names.length > 0 ? names.join(", ") : "(none)";
}
