// Reading a module file (binary, or text by its content) and compiling it, with errors that name the file.

import { CompileError, type Engine, Module } from "@wasmi-ts/host";
import { CliError, ExitCode } from "./errors.js";
import type { CliIO } from "./io.js";
import { parseWat, textError } from "./wat.js";

/** Reads `file` as `io` does; a missing or unreadable file is a usage error. */
export function readInput(file: string, io: CliIO): Uint8Array {
  try {
    return io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String((error as Error).message);
    throw new CliError(ExitCode.Usage, `error: cannot read ${file}: ${why}`);
  }
}

/** The binary of a module file: as is if it is one (or named .wasm), else encoded from its text. */
export function loadModuleBytes(file: string, io: CliIO): Uint8Array {
  const bytes = readInput(file, io);
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

export function compileModule(engine: Engine, file: string, io: CliIO): Module {
  const bytes = loadModuleBytes(file, io);
  try {
    return new Module(engine, bytes);
  } catch (error) {
    if (error instanceof CompileError) throw new CliError(ExitCode.ModuleError, `error: ${file}: ${error.message}`);
    throw error;
  }
}
