// wabt's C++ interpreter `wasm-interp` (Debian: apt-get install -y wabt), run as a process per call on a
// copy of the module with a parameterless entry (see wasm-entry.ts). Its start-up (read, validate,
// instantiate) is timed on the same module with an empty entry and reported as overheadMs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Runner, Value, WasmInstance } from "../runner.js";
import { withEntry } from "../wasm-entry.js";

const TIMEOUT_MS = 120_000;

let dir: string | undefined;
let files = 0;

function writeModule(bytes: Uint8Array): string {
  if (!dir) {
    const created = mkdtempSync(join(tmpdir(), "wasmi-ts-bench-"));
    process.on("exit", () => rmSync(created, { recursive: true, force: true }));
    dir = created;
  }
  const file = join(dir, `module${files++}.wasm`);
  writeFileSync(file, bytes);
  return file;
}

/** Runs the entry "bench" of `file`; returns what it printed after "bench() =>". */
function runEntry(file: string): string {
  const out = execFileSync("wasm-interp", [file, "--enable-tail-call", "--run-all-exports"], { encoding: "utf8", timeout: TIMEOUT_MS });
  const match = /^bench\(\) =>(.*)$/m.exec(out);
  if (!match) throw new Error(`unexpected wasm-interp output: ${out.trim()}`);
  return match[1]!.trim();
}

/** "i32:4294967295" -> -1, "i64:..." -> bigint, "f64:1.5" -> 1.5 (wasm-interp prints integers unsigned). */
function parseValue(text: string): Value {
  const match = /^(i32|i64|f32|f64):(\S+)$/.exec(text);
  if (!match) throw new Error(`wasm-interp: ${text || "no result"}`);
  const [, type, value] = match;
  if (type === "i32") return Number(value) | 0;
  if (type === "i64") return BigInt.asIntN(64, BigInt(value!));
  return Number(value);
}

export const runner: Runner = {
  name: "wasm-interp",
  plainCallsOnly: true,
  async load() {
    try {
      execFileSync("wasm-interp", ["--version"], { stdio: "ignore" });
      return null;
    } catch {
      return "wasm-interp not installed (Debian: apt-get install -y wabt)";
    }
  },
  instantiate(bytes) {
    const startup = writeModule(withEntry(bytes, null));
    runEntry(startup); // the first run also validates the rewritten module
    const samples = [0, 1, 2].map(() => {
      const start = performance.now();
      runEntry(startup);
      return performance.now() - start;
    });
    const entries = new Map<string, string>();
    const instance: WasmInstance = {
      freshPerCall: true,
      overheadMs: samples.sort((a, b) => a - b)[1]!,
      func(name) {
        return (...args) => {
          const key = `${name}(${args.join(",")})`;
          let file = entries.get(key);
          if (!file) entries.set(key, (file = writeModule(withEntry(bytes, name, args))));
          return parseValue(runEntry(file));
        };
      },
      memory() {
        throw new Error("wasm-interp cannot share memory with the host");
      },
    };
    return instance;
  },
};
