// Runs one WASI command with given arguments, environment, standard input and directory, three ways:
// @wasmi-ts/wasi on node:fs (a fresh copy of the directory), @wasmi-ts/wasi in memory (seeded from it),
// and Node's node:wasi (another fresh copy; standard streams through files, as testsuite.ts does); and
// `runCommandAsync`: @wasmi-ts/wasi in memory behind the asynchronous interface, with asynchronous stdin,
// through `startAsync`. Each result holds the exit code, the output bytes and the tree the command left
// behind.
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";
import { Engine, Linker, Module, Store } from "@wasmi-ts/host";
import { MemoryFileSystem } from "../src/fs/memory.js";
import { CollectedOutput, toAsyncFileSystem, Wasi } from "../src/index.js";
import { NodeFileSystem } from "../src/node.js";
import { hostTree, memoryTree, openWindow, type TreeEntry } from "./dir-tree.js";
import { treeOf } from "./testsuite.js";

export interface Invocation {
  /** argv[0]. */
  name: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  stdin: Uint8Array;
  /** A host directory the command gets (a copy of it) as its "/", or null for none. */
  root: string | null;
}

export interface RunResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** What ended the run other than an exit (a trap, a host error). */
  error?: string;
  /** The directory after the run (null without one). */
  tree: TreeEntry[] | null;
}

export const RUNNERS = ["@wasmi-ts/wasi on node:fs", "@wasmi-ts/wasi in memory", "node:wasi"] as const;
export type Runner = (typeof RUNNERS)[number];

const engine = new Engine();

/** Node's own WebAssembly (this package's types do not include the DOM's). */
const NativeWasm = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => object };
}).WebAssembly;

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** A scratch folder with a fresh copy of `root` in it (if any), removed after `use`. */
function withScratch<R>(root: string | null, use: (scratch: string, copy: string | null) => R): R {
  const scratch = mkdtempSync(join(tmpdir(), "wasi-command-"));
  try {
    const copy = root === null ? null : join(scratch, "root");
    if (copy !== null) cpSync(root!, copy, { recursive: true, verbatimSymlinks: true });
    return use(scratch, copy);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runOnWasmiTs(wasm: Uint8Array, run: Invocation, backend: "node" | "memory"): RunResult {
  const window = openWindow();
  return withScratch(backend === "node" ? run.root : null, (_, copy) => {
    const memory = backend === "memory" && run.root !== null ? new MemoryFileSystem(treeOf(run.root)) : null;
    const fs = memory ?? (copy === null ? null : new NodeFileSystem(copy));
    const stdout = new CollectedOutput();
    const stderr = new CollectedOutput();
    const wasi = new Wasi({
      args: [run.name, ...run.args], env: run.env, stdin: run.stdin, stdout: stdout.sink, stderr: stderr.sink,
      preopens: fs === null ? {} : { "/": fs },
    });
    let exitCode = -1;
    let error: string | undefined;
    try {
      const linker = wasi.defineIn(new Linker<null>(engine));
      exitCode = wasi.start(linker.instantiate(new Store(engine, null), new Module(engine, wasm)));
    } catch (e) {
      error = errorText(e);
    }
    const times = window.close();
    const tree = memory !== null ? memoryTree(memory, times) : copy !== null ? hostTree(copy, times) : null;
    return { exitCode, stdout: stdout.bytes(), stderr: stderr.bytes(), ...(error === undefined ? {} : { error }), tree };
  });
}

/** `bytes` in chunks of `size`, each after a turn of the event loop (as a pipe or a socket gives them). */
async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.slice(at, at + size);
  }
}

/**
 * Runs `wasm` on @wasmi-ts/wasi in memory (seeded from `run.root`) behind `toAsyncFileSystem` (each
 * operation settles after a macrotask), stdin an AsyncIterable of 1000-byte chunks, with `startAsync`.
 */
export async function runCommandAsync(wasm: Uint8Array, run: Invocation): Promise<RunResult> {
  const window = openWindow();
  const memory = run.root === null ? null : new MemoryFileSystem(treeOf(run.root));
  const stdout = new CollectedOutput();
  const stderr = new CollectedOutput();
  const wasi = new Wasi({
    args: [run.name, ...run.args], env: run.env, stdin: chunksOf(run.stdin, 1000), stdout: stdout.sink, stderr: stderr.sink,
    preopens: memory === null ? {} : { "/": toAsyncFileSystem(memory, { delay: "macrotask" }) },
  });
  let exitCode = -1;
  let error: string | undefined;
  try {
    const linker = wasi.defineIn(new Linker<null>(engine));
    exitCode = await wasi.startAsync(linker.instantiate(new Store(engine, null), new Module(engine, wasm)));
  } catch (e) {
    error = errorText(e);
  }
  const tree = memory === null ? null : memoryTree(memory, window.close());
  return { exitCode, stdout: stdout.bytes(), stderr: stderr.bytes(), ...(error === undefined ? {} : { error }), tree };
}

function runOnNodeWasi(wasm: Uint8Array, run: Invocation): RunResult {
  const window = openWindow();
  return withScratch(run.root, (scratch, copy) => {
    const stdinFile = join(scratch, "stdin");
    const stdoutFile = join(scratch, "stdout");
    const stderrFile = join(scratch, "stderr");
    writeFileSync(stdinFile, run.stdin);
    const fds = [openSync(stdinFile, "r"), openSync(stdoutFile, "w"), openSync(stderrFile, "w")] as const;
    let exitCode = -1;
    let error: string | undefined;
    try {
      const wasi = new WASI({
        version: "preview1", args: [run.name, ...run.args], env: run.env, returnOnExit: true,
        preopens: copy === null ? {} : { "/": copy }, stdin: fds[0], stdout: fds[1], stderr: fds[2],
      });
      const instance = new NativeWasm.Instance(new NativeWasm.Module(wasm), wasi.getImportObject());
      exitCode = wasi.start(instance as never);
    } catch (e) {
      error = errorText(e);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    const tree = copy === null ? null : hostTree(copy, window.close());
    return {
      exitCode, stdout: new Uint8Array(readFileSync(stdoutFile)), stderr: new Uint8Array(readFileSync(stderrFile)),
      ...(error === undefined ? {} : { error }), tree,
    };
  });
}

/** Runs the WASI command `wasm` as `run` says, with `runner`. */
export function runCommand(wasm: Uint8Array, run: Invocation, runner: Runner): RunResult {
  switch (runner) {
    case "@wasmi-ts/wasi on node:fs": return runOnWasmiTs(wasm, run, "node");
    case "@wasmi-ts/wasi in memory": return runOnWasmiTs(wasm, run, "memory");
    case "node:wasi": return runOnNodeWasi(wasm, run);
  }
}
