// FetchFileSystem against a fake fetch (no network): the index and the files it asks for, errnos for what
// the server answers, read-only everywhere; and a real WASI command (examples/wasi's wc) reading files
// through it, which must print what it prints with the same files in memory.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Engine, Linker, Module, Store } from "@wasmi-ts/host";
import {
  CollectedOutput, Errno, FetchFileSystem, Filetype, MemoryFileSystem, Wasi, WasiError, type Fetch, type OpenOptions,
} from "../src/index.js";

const BASE = "https://files.example/data/";
const text = (s: string) => new TextEncoder().encode(s);

/** A server of `files` (URL path below BASE -> body, or an HTTP status), that records what is asked. */
function server(files: Record<string, string | Uint8Array | number>): { fetch: Fetch; asked: string[] } {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    asked.push(url);
    const body = url.startsWith(BASE) ? files[url.slice(BASE.length)] : undefined;
    const status = body === undefined ? 404 : typeof body === "number" ? body : 200;
    const bytes = typeof body === "string" ? text(body) : body instanceof Uint8Array ? body : new Uint8Array(0);
    return { ok: status === 200, status, arrayBuffer: async () => bytes.slice().buffer };
  };
  return { fetch, asked };
}

const INDEX = { "a.txt": 5, "b c.txt": 3, docs: { "ü.md": 2, empty: {} } };
const FILES = { "index.json": JSON.stringify(INDEX), "a.txt": "hello", "b%20c.txt": "b c", "docs/%C3%BC.md": "ok" };
const READ: OpenOptions = { read: true, write: false, create: false, exclusive: false, truncate: false };

async function errnoOf(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(WasiError);
    return (e as WasiError).errno;
  }
  throw new Error("expected a WasiError");
}

describe("FetchFileSystem", () => {
  it("knows the tree from the index, fetched once on first use", async () => {
    const { fetch, asked } = server(FILES);
    const fs = new FetchFileSystem(BASE, { fetch, mtime: 5n });
    expect(asked).toEqual([]);
    const root = await fs.lstat("");
    expect(root.filetype).toBe(Filetype.DIRECTORY);
    expect(await fs.lstat("a.txt")).toMatchObject({ filetype: Filetype.REGULAR_FILE, size: 5n, mtim: 5n, nlink: 1n });
    const listing = await fs.readdir("");
    expect(listing.map((e) => [e.name, e.filetype])).toEqual([
      ["a.txt", Filetype.REGULAR_FILE], ["b c.txt", Filetype.REGULAR_FILE], ["docs", Filetype.DIRECTORY],
    ]);
    expect(new Set([root.ino, ...listing.map((e) => e.ino)]).size).toBe(4);
    expect((await fs.readdir("docs")).map((e) => e.name)).toEqual(["empty", "ü.md"]);
    expect(asked).toEqual([`${BASE}index.json`]);
  });

  it("fetches a file when it is opened (names URL-encoded), then reads it from memory", async () => {
    const { fetch, asked } = server(FILES);
    const fs = new FetchFileSystem(BASE.slice(0, -1), { fetch, index: INDEX }); // no trailing slash: added
    const h = await fs.open("docs/ü.md", READ);
    const buffer = new Uint8Array(10);
    expect(await h.read(buffer, 0n)).toBe(2);
    expect(await h.read(buffer.subarray(2), 1n)).toBe(1);
    expect(new TextDecoder().decode(buffer.subarray(0, 3))).toBe("okk");
    expect(await h.read(buffer, 2n)).toBe(0);
    expect((await h.stat()).size).toBe(2n);
    await (await fs.open("b c.txt", READ)).close();
    expect(asked).toEqual([`${BASE}docs/%C3%BC.md`, `${BASE}b%20c.txt`]); // a given index is not fetched
  });

  it("answers errnos for what does not exist, and ROFS for any change", async () => {
    const { fetch } = server(FILES);
    const fs = new FetchFileSystem(BASE, { fetch });
    expect(await errnoOf(() => fs.lstat("nope"))).toBe(Errno.NOENT);
    expect(await errnoOf(() => fs.lstat("a.txt/x"))).toBe(Errno.NOTDIR);
    expect(await errnoOf(() => fs.readdir("a.txt"))).toBe(Errno.NOTDIR);
    expect(await errnoOf(() => fs.readlink("a.txt"))).toBe(Errno.INVAL);
    expect(await errnoOf(() => fs.readlink("nope"))).toBe(Errno.NOENT);
    expect(await errnoOf(() => fs.open("docs", READ))).toBe(Errno.ISDIR);
    expect(await errnoOf(() => fs.open("nope", READ))).toBe(Errno.NOENT);
    expect(await errnoOf(() => fs.open("nope", { ...READ, create: true }))).toBe(Errno.ROFS);
    expect(await errnoOf(() => fs.open("a.txt", { ...READ, create: true, exclusive: true }))).toBe(Errno.EXIST);
    expect(await errnoOf(() => fs.open("a.txt", { ...READ, write: true }))).toBe(Errno.ROFS);
    expect(await errnoOf(() => fs.open("a.txt", { ...READ, truncate: true }))).toBe(Errno.ROFS);
    expect(await errnoOf(() => fs.mkdir("docs"))).toBe(Errno.EXIST);
    expect(await errnoOf(() => fs.mkdir("new"))).toBe(Errno.ROFS);
    for (const change of [() => fs.rmdir(), () => fs.unlink(), () => fs.rename(), () => fs.link(), () => fs.symlink(), () => fs.setTimes()]) {
      expect(await errnoOf(change)).toBe(Errno.ROFS);
    }
    const h = await fs.open("a.txt", READ);
    expect(await errnoOf(async () => h.write(new Uint8Array(1), 0n))).toBe(Errno.BADF);
    expect(await errnoOf(async () => h.setSize(0n))).toBe(Errno.INVAL);
  });

  it("turns what the server answers into errnos: 404 NOENT, others IO; a failed index is tried again", async () => {
    const files: Record<string, string | number> = { "index.json": 503, "a.txt": 500, "b%20c.txt": 404 };
    const { fetch, asked } = server(files);
    const fs = new FetchFileSystem(BASE, { fetch });
    expect(await errnoOf(() => fs.lstat(""))).toBe(Errno.IO);
    files["index.json"] = JSON.stringify(INDEX);
    expect((await fs.lstat("")).filetype).toBe(Filetype.DIRECTORY);
    expect(asked.filter((url) => url.endsWith("index.json")).length).toBe(2);
    expect(await errnoOf(() => fs.open("a.txt", READ))).toBe(Errno.IO);
    expect(await errnoOf(() => fs.open("b c.txt", READ))).toBe(Errno.NOENT);
    const offline = new FetchFileSystem(BASE, { fetch: () => Promise.reject(new TypeError("fetch failed")) });
    expect(await errnoOf(() => offline.lstat(""))).toBe(Errno.IO);
  });

  it("refuses an index of the wrong shape", async () => {
    const { fetch } = server({ "index.json": JSON.stringify({ "a.txt": -1 }) });
    expect(() => new FetchFileSystem(BASE, { fetch, index: { "a/b": 1 } })).toThrow(TypeError);
    expect(() => new FetchFileSystem(BASE, { fetch, index: { d: [] as never } })).toThrow(TypeError);
    await expect(new FetchFileSystem(BASE, { fetch }).lstat("")).rejects.toThrow(TypeError);
  });

  it("serves a WASI command (wc) as a MemoryFileSystem of the same files does", async () => {
    const wasm = readFileSync(fileURLToPath(new URL("../../../examples/wasi/wc.wasm", import.meta.url)));
    const poem = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../examples/wasi/poem.txt", import.meta.url))));
    const engine = new Engine();
    const run = (preopen: MemoryFileSystem | FetchFileSystem): { wasi: Wasi; start: () => number | Promise<number>; out: () => string } => {
      const stdout = new CollectedOutput();
      const stderr = new CollectedOutput();
      const wasi = new Wasi({ args: ["wc", "poem.txt", "missing.txt"], preopens: { "/": preopen }, stdout: stdout.sink, stderr: stderr.sink });
      const instance = wasi.defineIn(new Linker<null>(engine)).instantiate(new Store(engine, null), new Module(engine, wasm));
      return { wasi, start: () => (wasi.async ? wasi.startAsync(instance) : wasi.start(instance)), out: () => stdout.text() + stderr.text() };
    };
    const inMemory = run(new MemoryFileSystem({ "poem.txt": poem }));
    const overHttp = run(new FetchFileSystem(BASE, { fetch: server({ "index.json": JSON.stringify({ "poem.txt": poem.length }), "poem.txt": poem }).fetch }));
    expect(overHttp.wasi.async).toBe(true);
    expect(inMemory.start()).toBe(1);
    expect(await overHttp.start()).toBe(1);
    expect(overHttp.out()).toBe(inMemory.out());
    expect(overHttp.out()).toContain("poem.txt\n");
    expect(overHttp.out()).toContain("wc: missing.txt: No such file or directory\n");
  });
});
