// Module generation with binaryen's `wasm-opt -ttf` ("translate to fuzz"): it reads arbitrary bytes as a
// stream of random choices and writes a valid module that imports `fuzzing-support` log functions and bounds
// every loop and call with a `hangLimit` global (reset by the exported `hangLimitInitializer`).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Prng } from "./prng.js";

/**
 * The proposals the generator may use: what wasmi-ts's DEFAULT_FEATURES and Node 20's V8 both run. Not
 * reference types: binaryen 108 implements an older draft of it (funcref a subtype of externref, non-nullable
 * function references), so its modules with that feature are invalid for V8 and for the spec.
 */
export const TTF_FEATURE_FLAGS: readonly string[] = [
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-simd",
  "--enable-bulk-memory",
  "--enable-multivalue",
  "--enable-tail-call",
  "--enable-extended-const",
  "--enable-memory64",
];

/** `wasm-opt --version`, or null when binaryen is not installed. */
export function wasmOptVersion(): string | null {
  try {
    return execFileSync("wasm-opt", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export interface GeneratedModule {
  bytes: Uint8Array;
  /** Whether `--denan` instrumented it: float NaNs are replaced by 0 after every scalar operation. */
  denan: boolean;
}

/**
 * The module of `seed`: random input bytes (256 B to 16 KiB; more bytes give larger modules) through
 * `wasm-opt -ttf`. With `denan`, also `--denan`: every scalar float result that is NaN becomes 0, so NaN
 * payloads (which the spec leaves open) cannot reach memory or integers.
 */
export function generateModule(seed: number, denan: boolean): GeneratedModule {
  const prng = new Prng(seed);
  const input = prng.bytes(prng.between(256, 16384));
  return { bytes: wasmOpt(input, ["-ttf", ...(denan ? ["--denan"] : [])]), denan };
}

/** `bytes` through binaryen's `--denan` (see generateModule), or null when binaryen cannot read them. */
export function denanModule(bytes: Uint8Array): Uint8Array | null {
  try {
    return wasmOpt(bytes, ["--denan"]);
  } catch {
    return null;
  }
}

function wasmOpt(input: Uint8Array, flags: readonly string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "wasmi-ts-fuzz-"));
  try {
    const inputPath = join(dir, "input.bin");
    const outputPath = join(dir, "out.wasm");
    writeFileSync(inputPath, input);
    // stderr is ignored: --denan warns for every global initialiser it cannot instrument.
    execFileSync("wasm-opt", [inputPath, ...flags, ...TTF_FEATURE_FLAGS, "-o", outputPath], {
      stdio: ["ignore", "ignore", "ignore"],
      timeout: 60_000,
    });
    return new Uint8Array(readFileSync(outputPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
