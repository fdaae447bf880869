// Command-line syntax of `wasmi-ts wast`.

import { UsageError } from "./errors.js";

export interface WastArgs {
  kind: "wast";
  files: string[];
  /** WebAssembly 2.0's rules (features, text format) instead of the current ones. */
  wasm2: boolean;
}

export function parseWastArgs(argv: readonly string[]): WastArgs | { kind: "help"; topic: "wast" } {
  const files: string[] = [];
  let wasm2 = false;
  let optionsEnd = false;
  for (const arg of argv) {
    if (optionsEnd || !arg.startsWith("-") || arg === "-") files.push(arg);
    else if (arg === "--") optionsEnd = true;
    else if (arg === "--help" || arg === "-h") return { kind: "help", topic: "wast" };
    else if (arg === "--wasm2") wasm2 = true;
    else throw new UsageError(`unknown option ${arg}`);
  }
  if (files.length === 0) throw new UsageError("no script file given");
  return { kind: "wast", files, wasm2 };
}
