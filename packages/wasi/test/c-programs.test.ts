// Our own C programs (test/c/*.c, for what the official WASI tests do not cover), compiled with clang and
// run through @wasmi-ts/wasi (on node:fs and in memory) and through Node's node:wasi, case by case:
// exit code, stdout and stderr must be the same bytes, and so must the trees left in the directory (names,
// types, contents, and the times the program set, to the microsecond). Where node:wasi is known to
// differ, the case says how, and the test checks that it still differs exactly so. Each case also runs
// with an asynchronous file system and asynchronous stdin (`startAsync`), which must give what the
// synchronous in-memory run gives.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileC } from "./clang.js";
import { runCommand, runCommandAsync, type RunResult } from "./command-runs.js";
import type { TreeEntry } from "./dir-tree.js";

const C_DIR = fileURLToPath(new URL("c/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("c/fixtures/", import.meta.url));
const FLAGS = ["--target=wasm32-wasi", "-O2", "-Wall", "-Wextra", "-Werror"];

/** How node:wasi's run differs: `stdout` turns @wasmi-ts/wasi's stdout into node:wasi's; `time`, a time of the tree. */
interface NodeWasiDifference {
  why: string;
  stdout: (ours: string) => string;
  time?: (ours: string) => string;
}

/** Lines that differ: for each [ours, theirs], @wasmi-ts/wasi prints `ours` (it must), node:wasi `theirs`. */
function lines(...pairs: [ours: string, theirs: string][]): (ours: string) => string {
  return (out) => pairs.reduce((text, [ours, theirs]) => {
    expect(text, "a line where node:wasi differs").toContain(`${ours}\n`);
    return text.replace(`${ours}\n`, `${theirs}\n`);
  }, out);
}

/** Times printed as seconds.microseconds, with the microseconds dropped. */
const wholeSeconds = (text: string): string => text.replace(/(\d)\.\d{6}\b/g, "$1.000000");

interface Case {
  program: string;
  name: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string | Uint8Array;
  /** A folder of test/c/fixtures, preopened as "/" (each run gets its own copy). */
  root?: string;
  /** What the outcome must be, besides the same everywhere (two runtimes could fail alike). */
  exitCode?: number;
  stdoutHas?: string[];
  nodeWasi?: NodeWasiDifference;
}

/** `n` bytes of a fixed pseudo-random sequence (every byte value, zeros included). */
function noise(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const CASES: Case[] = [
  { program: "args", name: "no arguments", stdoutHas: ["argc = 1\nargv[0] = [args] (4 bytes)\nargv[argc] is NULL\n"] },
  {
    program: "args", name: "spaces, empty strings, quotes, UTF-8",
    args: ["one", "two words", "", "\"quoted\" 'single'", "ünïcödé ✓ 🎉", "--flag=value", "-", " "],
    stdoutHas: ["argc = 9\n", "argv[3] = [] (0 bytes)\n", "argv[5] = [ünïcödé ✓ 🎉] (20 bytes)\n", "argv[8] = [ ] (1 bytes)\n"],
  },

  ...[0, 1, 42, 255].map((code): Case => ({
    program: "exit", name: `exit(${code})`, args: [String(code)], exitCode: code,
    stdoutHas: [`ending with ${code} by exit()\n`],
  })),
  { program: "exit", name: "return 42 from main", args: ["42", "return"], exitCode: 42, stdoutHas: ["by return\n"] },
  { program: "exit", name: "return 0 from main", args: ["0", "return"], exitCode: 0, stdoutHas: ["by return\n"] },
  { program: "exit", name: "no argument: usage, 2", exitCode: 2 },

  { program: "environ", name: "an empty environment", stdoutHas: ["environ: 0 variables\n", "getenv(ADDED) = [by setenv]\n"] },
  {
    program: "environ", name: "variables with empty values, '=' and UTF-8",
    env: {
      HOME: "/home/guest", LANG: "C.UTF-8", EMPTY: "", WITH_EQUALS: "a=b=c", UNICODE: "Grüße ✓", PATH: "/bin:/usr/bin",
      Z: "last", A: "first",
    },
    stdoutHas: [
      "getenv(EMPTY) = []\n", "getenv(WITH_EQUALS) = [a=b=c]\n", "environ: 8 variables\n  A=first\n",
      "getenv(HOME) = [/home/guest]\ngetenv(LANG) = NULL\n",
    ],
  },

  { program: "stdin", name: "empty", stdin: "", stdoutHas: ["bytes: 0\nlines: 0\nfnv1a: 811c9dc5\n"] },
  {
    program: "stdin", name: "lines", stdin: "first line\nsecond line\n\nfourth\n",
    stdoutHas: ["bytes: 31\nlines: 4\n", "first line: [first line]\n"],
  },
  { program: "stdin", name: "no newline at the end", stdin: "only ünïcödé, no newline", stdoutHas: ["bytes: 28\nlines: 0\n"] },
  { program: "stdin", name: "200 KB of binary noise", stdin: noise(200_003), stdoutHas: ["bytes: 200003\n", "read after the end: 0\n"] },

  {
    program: "large-io", name: "a 3 MB file, pread and pwrite", root: "tree",
    stdoutHas: ["big.bin: read 3158073 bytes, fnv1a 7bba36076abd6015, equal to", "hole: 99995 bytes read, 99995 zeros\n"],
  },
  { program: "large-io", name: "1 MiB of lines on stdout", args: ["stdout"], stdoutHas: ["line 0: the quick", "line 9999: "] },

  {
    program: "readdir", name: "the fixture, new entries, 600 entries", root: "tree",
    stdoutHas: ["many: 600 entries, 600 files", "seekdir: the same entry again; 350 entries from there\nrewinddir: 600 entries\n"],
    nodeWasi: {
      why: "node:wasi's fd_readdir leaves out \".\" and \"..\" (libuv's does); wasmtime gives them, as readdir(3) on Linux",
      stdout: lines([`readdir gives "." and "..": yes`, `readdir gives "." and "..": no`]),
    },
  },

  {
    program: "rename", name: "files, directories, links, errors", root: "tree",
    stdoutHas: ["rename(dir, full): errno 55 ENOTEMPTY", "rename(b.txt, b.txt): ok\n", "  moved.txt: \"a\"\n"],
    nodeWasi: {
      why: "node:wasi resolves a path ending in \".\" or \"..\" to the directory itself and renames that (EINVAL: into " +
        "itself); Linux's renameat refuses such a last component with EBUSY, as @wasmi-ts/wasi does",
      stdout: lines(
        ["rename(., dot): errno 10 EBUSY (Resource busy)", "rename(., dot): errno 28 EINVAL (Invalid argument)"],
        ["rename(data/.., x): errno 10 EBUSY (Resource busy)", "rename(data/.., x): errno 28 EINVAL (Invalid argument)"],
      ),
    },
  },

  {
    program: "times", name: "whole seconds", args: ["whole"], root: "tree",
    stdoutHas: ["file.txt: atime 1234567890.000000 mtime 1000000000.000000\n", "link: atime 1430784000.000000 mtime"],
  },
  {
    program: "times", name: "with fractions of seconds", root: "tree",
    stdoutHas: [
      "file.txt: atime 1234567890.500000 mtime 1000000000.123456\n",
      "file.txt: atime 4102444800.999999 mtime 2147483648.250000\n",
      "file.txt: atime 631152000.000000 mtime 915148799.999999\n",
    ],
    nodeWasi: {
      why: "node:wasi (uvwasi) sets file times in whole seconds: it divides the nanoseconds by 10^9 in integers",
      stdout: wholeSeconds, time: wholeSeconds,
    },
  },
];

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("utf8");
}

/** A result as plain data for `toEqual`, its output as text for readable diffs (`sameBytes` checks bytes). */
function outcome(r: RunResult) {
  return { exitCode: r.exitCode, error: r.error, stdout: text(r.stdout), stderr: text(r.stderr) };
}

function sameBytes(a: RunResult, b: RunResult): void {
  expect(Buffer.from(a.stdout).equals(b.stdout), "stdout bytes").toBe(true);
  expect(Buffer.from(a.stderr).equals(b.stderr), "stderr bytes").toBe(true);
}

/** `tree` with its times mapped by `time`, and without atimes unless `atimes`. */
function treeView(tree: TreeEntry[] | null, time: (t: string) => string, atimes: boolean) {
  return tree?.map(({ atime, mtime, ...rest }) => ({ ...rest, mtime: time(mtime), ...(atimes ? { atime: time(atime) } : {}) })) ?? null;
}

const unchanged = (s: string): string => s;

/**
 * A run on @wasmi-ts/wasi against node:wasi's: the same, or different exactly as `known` says. atimes are
 * compared if `atimes` (the in-memory file system does not update them on reads, as on a noatime mount).
 */
function expectAsNodeWasi(ours: RunResult, node: RunResult, known: NodeWasiDifference | undefined, atimes: boolean): void {
  if (known === undefined) {
    expect(outcome(ours)).toEqual(outcome(node));
    sameBytes(ours, node);
  } else {
    expect(text(node.stdout), `node:wasi no longer differs (${known.why}): drop the difference`).not.toBe(text(ours.stdout));
    expect({ ...outcome(ours), stdout: known.stdout(text(ours.stdout)) }).toEqual(outcome(node));
  }
  expect(treeView(ours.tree, known?.time ?? unchanged, atimes)).toEqual(treeView(node.tree, unchanged, atimes));
}

describe("C programs: @wasmi-ts/wasi against node:wasi", () => {
  const wasm = new Map<string, Uint8Array>();
  beforeAll(() => {
    for (const program of new Set(CASES.map((c) => c.program))) {
      wasm.set(program, new Uint8Array(readFileSync(compileC(`${C_DIR}${program}.c`, FLAGS))));
    }
  });

  for (const c of CASES) {
    it(`${c.program}: ${c.name}`, async () => {
      const run = {
        name: c.program, args: c.args ?? [], env: c.env ?? {},
        stdin: typeof c.stdin === "string" ? new Uint8Array(Buffer.from(c.stdin)) : c.stdin ?? new Uint8Array(0),
        root: c.root === undefined ? null : `${FIXTURES}${c.root}`,
      };
      const bytes = wasm.get(c.program)!;
      const node = runCommand(bytes, run, "node:wasi");
      const onNodeFs = runCommand(bytes, run, "@wasmi-ts/wasi on node:fs");
      const inMemory = runCommand(bytes, run, "@wasmi-ts/wasi in memory");
      const inMemoryAsync = await runCommandAsync(bytes, run);

      expect(node.error).toBeUndefined();
      expect(node.exitCode).toBe(c.exitCode ?? 0);
      for (const part of c.stdoutHas ?? []) expect(text(onNodeFs.stdout)).toContain(part);

      expectAsNodeWasi(onNodeFs, node, c.nodeWasi, true);
      expectAsNodeWasi(inMemory, node, c.nodeWasi, false);
      // and the two backends alike, with the times kept on disk (to the microsecond) as in memory
      expect(outcome(inMemory)).toEqual(outcome(onNodeFs));
      sameBytes(inMemory, onNodeFs);
      expect(treeView(inMemory.tree, unchanged, false)).toEqual(treeView(onNodeFs.tree, unchanged, false));
      // and the asynchronous backend and stdin as the synchronous ones
      expect(outcome(inMemoryAsync)).toEqual(outcome(inMemory));
      sameBytes(inMemoryAsync, inMemory);
      expect(treeView(inMemoryAsync.tree, unchanged, false)).toEqual(treeView(inMemory.tree, unchanged, false));
    });
  }
});
