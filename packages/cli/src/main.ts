// The `wasmi-ts` command: load a module, optionally invoke an export, print the results.

import { readFileSync } from "node:fs";
import {
  CompileError, Engine, Func, Instance, LinkError, Module, Store, Trap, formatBacktrace, valTypeName,
} from "@wasmi-ts/host";
import { parseArgs, USAGE, UsageError, type Command } from "./args.js";
import { formatValue, parseValue } from "./values.js";
import { parseWat, textError } from "./wat.js";

/** Where the command writes (one call per line) and how it reads files. */
export interface CliIO {
  stdout(line: string): void;
  stderr(line: string): void;
  readFile(path: string): Uint8Array;
}

export const nodeIO: CliIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => new Uint8Array(readFileSync(path)),
};

export const ExitCode = { Ok: 0, ModuleError: 1, Usage: 2, Trap: 3 } as const;

/** A failure with its message and exit code. */
class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Runs the command with `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], io: CliIO = nodeIO): number {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case "help":
        io.stdout(USAGE);
        return ExitCode.Ok;
      case "version":
        io.stdout(`wasmi-ts ${version()}`);
        return ExitCode.Ok;
      case "run":
        return run(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}`);
      io.stderr("(wasmi-ts --help shows the usage)");
      return ExitCode.Usage;
    }
    if (error instanceof CliError) {
      for (const line of error.message.split("\n")) io.stderr(line);
      return error.exitCode;
    }
    io.stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.ModuleError;
  }
}

type RunCommand = Extract<Command, { kind: "run" }>;

function run({ file, invoke, args, fuel, timeoutMs }: RunCommand, io: CliIO): number {
  const engine = new Engine({ consumeFuel: fuel !== undefined });
  const store = new Store(engine, null);
  if (fuel !== undefined) store.setFuel(fuel);
  const module = compile(engine, file, loadBytes(file, io));
  if (timeoutMs !== undefined) store.setDeadline(timeoutMs);
  const instance = instantiate(store, module);

  const name = invoke ?? (instance.getFunc("_start") ? "_start" : undefined);
  if (name === undefined) {
    if (args.length > 0) throw new UsageError("arguments given without --invoke NAME");
    return ExitCode.Ok;
  }
  const func = instance.getFunc(name);
  if (!func) {
    throw new CliError(ExitCode.Usage, `error: the module exports no function "${name}"; exported functions: ${exportedFunctions(instance)}`);
  }
  const { params, results } = func.type;
  if (args.length !== params.length) {
    throw new UsageError(`function ${name} of type ${func.type} takes ${params.length} argument(s), got ${args.length}`);
  }
  const values = params.map((t, i) => parseValue(t, args[i]!));
  const returned = call(func, values);
  results.forEach((t, i) => io.stdout(formatValue(t, returned[i])));
  return ExitCode.Ok;
}

function loadBytes(file: string, io: CliIO): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String((error as Error).message);
    throw new CliError(ExitCode.Usage, `error: cannot read ${file}: ${why}`);
  }
  if (isBinaryModule(bytes) || file.endsWith(".wasm")) return bytes;
  try {
    return parseWat(new TextDecoder().decode(bytes));
  } catch (error) {
    const text = textError(error);
    if (!text) throw error;
    throw new CliError(ExitCode.ModuleError, `error: ${file}:${text.line}:${text.column}: malformed text: ${text.reason}`);
  }
}

function isBinaryModule(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

function compile(engine: Engine, file: string, bytes: Uint8Array): Module {
  try {
    return new Module(engine, bytes);
  } catch (error) {
    if (error instanceof CompileError) throw new CliError(ExitCode.ModuleError, `error: ${file}: ${error.message}`);
    throw error;
  }
}

function instantiate(store: Store<null>, module: Module): Instance {
  const imports = module.imports();
  if (imports.length > 0) {
    const names = imports.map((i) => `${i.module}.${i.name} (${i.type.kind})`).join(", ");
    throw new CliError(ExitCode.ModuleError, `error: the module needs imports, which wasmi-ts does not provide: ${names}`);
  }
  try {
    return new Instance(store, module, []);
  } catch (error) {
    if (error instanceof Trap) throw new CliError(ExitCode.Trap, trapText(error, " (during instantiation)"));
    if (error instanceof LinkError) throw new CliError(ExitCode.ModuleError, `error: cannot instantiate: ${error.message}`);
    throw error;
  }
}

function call(func: Func, values: unknown[]): unknown[] {
  try {
    return func.call(...values);
  } catch (error) {
    if (error instanceof Trap) throw new CliError(ExitCode.Trap, trapText(error));
    throw error;
  }
}

/** `trap: <reason><note>`, then the Wasm backtrace, as wasmtime prints it. */
function trapText(trap: Trap, note = ""): string {
  return `trap: ${trap.reason}${note}${formatBacktrace(trap.frames)}`;
}

function exportedFunctions(instance: Instance): string {
  const names = Object.entries(instance.exports).flatMap(([n, e]) =>
    e instanceof Func ? [`${n}(${e.type.params.map(valTypeName).join(", ")})`] : [],
  );
  return names.length > 0 ? names.join(", ") : "(none)";
}

function version(): string {
  // package.json is one folder up from both src/ and dist/.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
