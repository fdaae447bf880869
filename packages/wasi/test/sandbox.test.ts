// The sandbox, through a guest: every way out of a preopened directory (absolute paths, "..", symbolic
// links to absolute or outside targets, link loops) fails with the expected errno and touches nothing
// outside, on node:fs and in memory alike.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Engine, Linker, Module, Store, type Instance } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { Errno, MemoryFileSystem, Oflags, Wasi, type FileSystem } from "../src/index.js";
import { NodeFileSystem } from "../src/node.js";

// A guest with one export per path function, each on the preopen (fd 3), path at offset 1024.
const GUEST = parseWat(`(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $stat (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "open") (param $len i32) (param $oflags i32) (param $follow i32) (result i32)
    (call $path_open (i32.const 3) (local.get $follow) (i32.const 1024) (local.get $len) (local.get $oflags)
      (i64.const 0x3fffffff) (i64.const 0x3fffffff) (i32.const 0) (i32.const 512)))
  (func (export "mkdir") (param $len i32) (result i32) (call $mkdir (i32.const 3) (i32.const 1024) (local.get $len)))
  (func (export "unlink") (param $len i32) (result i32) (call $unlink (i32.const 3) (i32.const 1024) (local.get $len)))
  (func (export "stat") (param $len i32) (result i32)
    (call $stat (i32.const 3) (i32.const 1) (i32.const 1024) (local.get $len) (i32.const 256)))
  ;; symlink(target at 2048, link name at 1024)
  (func (export "symlink") (param $targetLen i32) (param $len i32) (result i32)
    (call $symlink (i32.const 2048) (local.get $targetLen) (i32.const 3) (i32.const 1024) (local.get $len)))
  ;; rename(1024 -> 2048)
  (func (export "rename") (param $len i32) (param $toLen i32) (result i32)
    (call $rename (i32.const 3) (i32.const 1024) (local.get $len) (i32.const 3) (i32.const 2048) (local.get $toLen))))`);

const engine = new Engine();
const module = new Module(engine, GUEST);

/** A guest with `fs` preopened as "/", and helpers that call its exports with string paths. */
function guest(fs: FileSystem) {
  const wasi = new Wasi({ preopens: { "/": fs } });
  const instance: Instance = wasi.defineIn(new Linker<null>(engine)).instantiate(new Store(engine, null), module);
  const memory = instance.getMemory("memory")!;
  const at = (offset: number, text: string): number => memory.writeString(offset, text);
  const call = (name: string, ...args: number[]): number => instance.getFunc(name)!.call(...args)[0] as number;
  return {
    open: (path: string, oflags = 0, follow = true) => call("open", at(1024, path), oflags, follow ? 1 : 0),
    mkdir: (path: string) => call("mkdir", at(1024, path)),
    unlink: (path: string) => call("unlink", at(1024, path)),
    stat: (path: string) => call("stat", at(1024, path)),
    symlink: (target: string, path: string) => call("symlink", at(2048, target), at(1024, path)),
    rename: (from: string, to: string) => call("rename", at(1024, from), at(2048, to)),
  };
}

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A host folder with `root` (preopened, holding `inside.txt` and links out) beside `outside`. */
function hostFolders() {
  const base = mkdtempSync(join(tmpdir(), "wasi-sandbox-"));
  scratch.push(base);
  const root = join(base, "root");
  const outside = join(base, "outside");
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, "inside.txt"), "in");
  writeFileSync(join(outside, "secret.txt"), "secret");
  symlinkSync(join(outside, "secret.txt"), join(root, "abs-link")); // absolute target, out
  symlinkSync("../outside/secret.txt", join(root, "rel-link")); // relative target, out
  symlinkSync("../outside", join(root, "dir-link")); // a directory out
  symlinkSync("loop-b", join(root, "loop-a"));
  symlinkSync("loop-a", join(root, "loop-b"));
  const snapshot = () => readdirSync(outside).map((name) => {
    const s = lstatSync(join(outside, name), { bigint: true });
    return `${name} ${s.size} ${s.mtimeNs} ${s.ino}`;
  }).join("\n") + `|${readdirSync(base).join(",")}`;
  return { root, outside, snapshot };
}

function memoryWithLinks(): MemoryFileSystem {
  const fs = new MemoryFileSystem({ "inside.txt": "in" });
  fs.symlink("/etc/passwd", "abs-link");
  fs.symlink("../outside/secret.txt", "rel-link");
  fs.symlink("../outside", "dir-link");
  fs.symlink("loop-b", "loop-a");
  fs.symlink("loop-a", "loop-b");
  return fs;
}

function escapes(g: ReturnType<typeof guest>): void {
  expect(g.open("inside.txt")).toBe(Errno.SUCCESS); // the way in works
  expect(g.open("/etc/passwd")).toBe(Errno.PERM); // absolute
  expect(g.open("../outside/secret.txt")).toBe(Errno.PERM); // up and out
  expect(g.open("a/../../outside/secret.txt")).toBe(Errno.NOENT); // "a" does not exist: stops there
  expect(g.mkdir("a")).toBe(Errno.SUCCESS);
  expect(g.open("a/../../outside/secret.txt")).toBe(Errno.PERM);
  expect(g.open("a/../inside.txt")).toBe(Errno.SUCCESS); // ".." inside is fine
  expect(g.open("abs-link")).toBe(Errno.PERM); // followed: absolute target
  expect(g.open("rel-link")).toBe(Errno.PERM); // followed: climbs out
  expect(g.open("dir-link/secret.txt")).toBe(Errno.PERM); // through a link to a directory out
  expect(g.open("abs-link", 0, false)).toBe(Errno.LOOP); // not followed: opening a link itself
  expect(g.open("loop-a")).toBe(Errno.LOOP);
  expect(g.stat("dir-link/..")).toBe(Errno.PERM);
  expect(g.open("rel-link", Oflags.CREAT | Oflags.TRUNC)).toBe(Errno.PERM); // no creating or truncating out there
  expect(g.open("dir-link/new.txt", Oflags.CREAT)).toBe(Errno.PERM);
  expect(g.symlink("/etc/passwd", "new-link")).toBe(Errno.PERM); // no new absolute links
  expect(g.rename("inside.txt", "../moved.txt")).toBe(Errno.PERM);
  expect(g.rename("inside.txt", "dir-link/moved.txt")).toBe(Errno.PERM);
  expect(g.unlink("dir-link/secret.txt")).toBe(Errno.PERM);
  expect(g.unlink("rel-link")).toBe(Errno.SUCCESS); // removing the link itself is allowed
}

describe("the sandbox", () => {
  it("keeps a guest inside its preopened host directory (node:fs)", () => {
    const { root, snapshot } = hostFolders();
    const before = snapshot();
    escapes(guest(new NodeFileSystem(root)));
    expect(snapshot()).toBe(before);
  });

  it("keeps a guest inside an in-memory file system", () => {
    escapes(guest(memoryWithLinks()));
  });
});
