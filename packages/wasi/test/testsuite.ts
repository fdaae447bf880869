// Runs the official WASI preview 1 tests (../shared/wasi-testsuite, see its README and specification.md)
// through @wasmi-ts/wasi with the node:fs backend, in memory, and in memory behind the asynchronous
// interface (`startAsync`), and through node:wasi for comparison: each test on a fresh copy of its `root`,
// comparing exit code, stdout and stderr with the test's JSON.
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";
import { Engine, Linker, Module, Store } from "@wasmi-ts/host";
import { MemoryFileSystem, type MemoryTree } from "../src/fs/memory.js";
import { CollectedOutput, toAsyncFileSystem, Wasi } from "../src/index.js";
import { NodeFileSystem } from "../src/node.js";

export const SUITE_DIR = fileURLToPath(new URL("../../../../shared/wasi-testsuite/tests", import.meta.url));
export const LANGUAGES = ["c", "rust", "assemblyscript"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface TestCase {
  language: Language;
  name: string;
  wasm: string;
  args: string[];
  env: Record<string, string>;
  /** The folder to preopen as "/" (a copy is used), if any. */
  root: string | null;
  exitCode: number;
  /** The expected output; null: not checked (the suite's runner only checks what a test's JSON gives). */
  stdout: string | null;
  stderr: string | null;
}

interface Spec {
  args?: string[];
  env?: Record<string, string>;
  dirs?: string[];
  root?: string;
  exit_code?: number;
  stdout?: string;
  stderr?: string;
  operations?: { type: string; args?: string[]; env?: Record<string, string>; root?: string; exit_code?: number; id?: string; payload?: string }[];
}

/** The test cases of `language`, in name order. */
export function testCases(language: Language): TestCase[] {
  const dir = join(SUITE_DIR, language, "testsuite", "wasm32-wasip1");
  return readdirSync(dir).filter((f) => f.endsWith(".wasm")).sort().map((file) => {
    const name = basename(file, ".wasm");
    const specFile = join(dir, `${name}.json`);
    const spec: Spec = existsSync(specFile) ? JSON.parse(readFileSync(specFile, "utf8")) as Spec : {};
    const t: TestCase = {
      language, name, wasm: join(dir, file), args: spec.args ?? [], env: spec.env ?? {},
      root: spec.root !== undefined ? join(dir, spec.root) : spec.dirs?.[0] !== undefined ? join(dir, spec.dirs[0]) : null,
      exitCode: spec.exit_code ?? 0, stdout: spec.stdout ?? null, stderr: spec.stderr ?? null,
    };
    for (const op of spec.operations ?? []) {
      if (op.type === "run") {
        t.args = op.args ?? [];
        t.env = op.env ?? {};
        if (op.root !== undefined) t.root = join(dir, op.root);
      } else if (op.type === "wait") t.exitCode = op.exit_code ?? 0;
      else if (op.type === "read") {
        if ((op.id ?? "stdout") === "stdout") t.stdout = op.payload ?? "";
        else t.stderr = op.payload ?? "";
      }
    }
    return t;
  });
}

export interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** An error that ended the run other than an exit (a trap, a host error). */
  error?: string;
}

/** A fresh copy of the test's root, removed by `done`. */
function withRoot<R>(t: TestCase, run: (root: string | null) => R): R {
  if (t.root === null) return run(null);
  const scratch = mkdtempSync(join(tmpdir(), "wasi-testsuite-"));
  const root = join(scratch, "root");
  cpSync(t.root, root, { recursive: true, verbatimSymlinks: true });
  try {
    return run(root);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const engine = new Engine();

/** The files of host directory `dir` as a `MemoryTree` (the suite's roots hold files and folders only). */
export function treeOf(dir: string): MemoryTree {
  const tree: MemoryTree = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    tree[entry.name] = entry.isDirectory() ? treeOf(path) : new Uint8Array(readFileSync(path));
  }
  return tree;
}

/** Where @wasmi-ts/wasi finds the test's root: a copy on disk (node:fs), or a copy in memory. */
export type Backend = "node" | "memory";

/** Runs a test through @wasmi-ts/wasi with the `backend` file system. */
export function runOnWasmiTs(t: TestCase, backend: Backend = "node"): Outcome {
  return withRoot(t, (root) => {
    const stdout = new CollectedOutput();
    const stderr = new CollectedOutput();
    const wasi = new Wasi({
      args: [t.name, ...t.args], env: t.env, stdout: stdout.sink, stderr: stderr.sink,
      preopens: root === null ? {} : { "/": backend === "node" ? new NodeFileSystem(root) : new MemoryFileSystem(treeOf(root)) },
    });
    const store = new Store(engine, null);
    const linker = wasi.defineIn(new Linker<null>(engine));
    let exitCode = -1;
    let error: string | undefined;
    try {
      exitCode = wasi.start(linker.instantiate(store, new Module(engine, readFileSync(t.wasm))));
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    return { exitCode, stdout: stdout.text(), stderr: stderr.text(), ...(error === undefined ? {} : { error }) };
  });
}

/**
 * Runs a test through @wasmi-ts/wasi with an in-memory copy of its root behind `toAsyncFileSystem`
 * (every operation settles after a macrotask), with `startAsync`.
 */
export async function runOnWasmiTsAsync(t: TestCase): Promise<Outcome> {
  const stdout = new CollectedOutput();
  const stderr = new CollectedOutput();
  const wasi = new Wasi({
    args: [t.name, ...t.args], env: t.env, stdout: stdout.sink, stderr: stderr.sink,
    // the suite's roots are read only here, into memory: no copy on disk is needed
    preopens: t.root === null ? {} : { "/": toAsyncFileSystem(new MemoryFileSystem(treeOf(t.root)), { delay: "macrotask" }) },
  });
  const store = new Store(engine, null);
  const linker = wasi.defineIn(new Linker<null>(engine));
  let exitCode = -1;
  let error: string | undefined;
  try {
    exitCode = await wasi.startAsync(linker.instantiate(store, new Module(engine, readFileSync(t.wasm))));
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return { exitCode, stdout: stdout.text(), stderr: stderr.text(), ...(error === undefined ? {} : { error }) };
}

export function passes(t: TestCase, o: Outcome): boolean {
  return o.error === undefined && o.exitCode === t.exitCode &&
    (t.stdout === null || o.stdout === t.stdout) && (t.stderr === null || o.stderr === t.stderr);
}

/** Node's own WebAssembly (this package's types do not include the DOM's). */
const NativeWasm = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => object };
}).WebAssembly;

/** Runs a test through Node's own `node:wasi` (native WebAssembly), for comparison. */
export function runOnNodeWasi(t: TestCase): Outcome {
  return withRoot(t, (root) => {
    const scratch = mkdtempSync(join(tmpdir(), "wasi-testsuite-out-"));
    const outFile = join(scratch, "stdout");
    const errFile = join(scratch, "stderr");
    const out = openSync(outFile, "w");
    const err = openSync(errFile, "w");
    let exitCode = -1;
    let error: string | undefined;
    try {
      const wasi = new WASI({
        version: "preview1", args: [t.name, ...t.args], env: t.env, returnOnExit: true,
        preopens: root === null ? {} : { "/": root }, stdout: out, stderr: err,
      });
      const instance = new NativeWasm.Instance(new NativeWasm.Module(readFileSync(t.wasm)), wasi.getImportObject());
      exitCode = wasi.start(instance as never);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    } finally {
      closeSync(out);
      closeSync(err);
    }
    const result = { exitCode, stdout: readFileSync(outFile, "utf8"), stderr: readFileSync(errFile, "utf8") };
    rmSync(scratch, { recursive: true, force: true });
    return { ...result, ...(error === undefined ? {} : { error }) };
  });
}
