// MemoryFileSystem: every FileSystem method's success and errno, handles, hard links, unlink while open,
// sparse files, seeding and reading back, and the NOSPC/FBIG bounds.
import { describe, expect, it } from "vitest";
import { Errno, Filetype } from "../src/constants.js";
import { WasiError } from "../src/errors.js";
import { MemoryFileSystem, type MemoryTree } from "../src/fs/memory.js";
import type { OpenOptions } from "../src/fs/types.js";

/** The errno `run` fails with (it must throw a WasiError). */
function errnoOf(run: () => unknown): number {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(WasiError);
    return (e as WasiError).errno;
  }
  throw new Error("expected a WasiError");
}

/** A clock that ticks by 1000 ns per reading, so every operation gets a distinct, predictable time. */
function tickingClock(start = 1_000_000n): { now: () => bigint; peek: () => bigint } {
  let t = start;
  return { now: () => (t += 1000n), peek: () => t };
}

const RW: OpenOptions = { read: true, write: true, create: false, exclusive: false, truncate: false };
const RO: OpenOptions = { ...RW, write: false };
const CREATE: OpenOptions = { ...RW, create: true };

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

function readAll(fs: MemoryFileSystem, path: string): string {
  const h = fs.open(path, RO);
  const buf = new Uint8Array(Number(h.stat().size));
  expect(h.read(buf, 0n)).toBe(buf.length);
  h.close();
  return new TextDecoder().decode(buf);
}

describe("seeding and reading back", () => {
  it("seeds strings as UTF-8, copies Uint8Arrays, nests objects and splits keys on /", () => {
    const raw = bytes(1, 2, 3);
    const fs = new MemoryFileSystem({
      "hello.txt": "héllo 🌍",
      bin: raw,
      dir: { sub: { "deep.txt": "deep" }, empty: {} },
      "made/on/the/way.txt": "x",
    });
    raw[0] = 99; // the file holds a copy
    expect(fs.readFile("bin")).toEqual(bytes(1, 2, 3));
    expect(fs.readText("hello.txt")).toBe("héllo 🌍");
    expect(fs.readFile("hello.txt")).toEqual(text("héllo 🌍"));
    expect(fs.readText("dir/sub/deep.txt")).toBe("deep");
    expect(fs.readText("made/on/the/way.txt")).toBe("x");
    expect(fs.lstat("made/on").filetype).toBe(Filetype.DIRECTORY);
    expect(fs.readdir("dir/empty")).toEqual([]);
  });

  it("toTree returns files as bytes and directories as objects, sorted, omitting symbolic links", () => {
    const fs = new MemoryFileSystem({ b: "B", a: { y: "Y", x: {} } });
    fs.symlink("b", "link");
    const tree = fs.toTree();
    expect(tree).toEqual({ a: { x: {}, y: text("Y") }, b: text("B") });
    expect(Object.keys(tree)).toEqual(["a", "b"]);
    expect(fs.toTree("a")).toEqual({ x: {}, y: text("Y") });
    expect(fs.toTree("/a/")).toEqual({ x: {}, y: text("Y") });
    // A copy: changing it does not change the file system.
    (tree.b as Uint8Array)[0] = 0;
    expect(fs.readText("b")).toBe("B");
    expect(errnoOf(() => fs.toTree("b"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.toTree("nope"))).toBe(Errno.NOENT);
  });

  it("round-trips a tree through toTree, and keeps a file named __proto__ as an entry", () => {
    const seed: MemoryTree = { d: { "f.bin": bytes(0, 255) } };
    Object.defineProperty(seed, "__proto__", { value: "p", enumerable: true });
    const fs = new MemoryFileSystem(seed);
    expect(fs.readText("__proto__")).toBe("p");
    const tree = fs.toTree();
    expect(Object.getPrototypeOf(tree)).toBe(Object.prototype);
    expect(Object.keys(tree)).toEqual(["__proto__", "d"]);
    expect(new MemoryFileSystem(tree).toTree()).toEqual(tree);
  });

  it("writeFile creates parents, rewrites in place (hard links see it), and refuses directories", () => {
    const fs = new MemoryFileSystem();
    fs.writeFile("a/b/c.txt", "one");
    expect(fs.readText("a/b/c.txt")).toBe("one");
    fs.link("a/b/c.txt", "other");
    fs.writeFile("a/b/c.txt", bytes(7, 8));
    expect(fs.readFile("other")).toEqual(bytes(7, 8));
    expect(fs.lstat("other").size).toBe(2n);
    expect(errnoOf(() => fs.writeFile("a", "x"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.writeFile("", "x"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.writeFile("other/x", "x"))).toBe(Errno.NOTDIR);
    fs.symlink("other", "sl");
    expect(errnoOf(() => fs.writeFile("sl", "x"))).toBe(Errno.LOOP);
  });

  it("readFile and readText fail with NOENT, ISDIR and LOOP", () => {
    const fs = new MemoryFileSystem({ d: {} });
    fs.symlink("d", "l");
    expect(errnoOf(() => fs.readFile("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.readFile("d"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.readText(""))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.readFile("l"))).toBe(Errno.LOOP);
  });

  it("readText replaces invalid UTF-8 with U+FFFD and decodes surrogate pairs", () => {
    const fs = new MemoryFileSystem({
      bad: bytes(0x61, 0xff, 0x62, 0xe2, 0x82, 0x63, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80),
    });
    // As the WHATWG decoder does: a maximal invalid subsequence is one U+FFFD; ED A0 80 is a surrogate.
    expect(fs.readText("bad")).toBe(new TextDecoder().decode(fs.readFile("bad")));
    expect(fs.readText("bad")).toBe("a\uFFFDb\uFFFDc😀\uFFFD\uFFFD\uFFFD");
    const long = "ab€😀".repeat(5000);
    fs.writeFile("long", long);
    expect(fs.readFile("long")).toEqual(text(long));
    expect(fs.readText("long")).toBe(long);
    fs.writeFile("lone", "x\uD800y");
    expect(fs.readText("lone")).toBe("x\uFFFDy");
  });

  it("rejects a malformed MemoryTree and bad options", () => {
    expect(() => new MemoryFileSystem({ a: 5 as unknown as string })).toThrow(TypeError);
    expect(() => new MemoryFileSystem({}, { maxBytes: -1 })).toThrow(RangeError);
    expect(() => new MemoryFileSystem({}, { maxNodes: 0 })).toThrow(RangeError);
  });
});

describe("lstat", () => {
  it("describes files, directories and symbolic links with unique inodes and one dev", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "12345", d: { e: {}, g: {}, h: "x" } }, { now: clock.now });
    fs.symlink("d/😀", "l");
    const f = fs.lstat("f");
    const d = fs.lstat("d");
    const l = fs.lstat("l");
    const root = fs.lstat("");
    expect(f).toMatchObject({ filetype: Filetype.REGULAR_FILE, size: 5n, nlink: 1n });
    expect(d).toMatchObject({ filetype: Filetype.DIRECTORY, size: 0n, nlink: 4n }); // 2 + subdirectories e, g
    expect(l).toMatchObject({ filetype: Filetype.SYMBOLIC_LINK, size: 6n, nlink: 1n }); // "d/" + 4-byte emoji
    expect(root).toMatchObject({ filetype: Filetype.DIRECTORY, nlink: 3n });
    const inos = [f, d, l, root, fs.lstat("d/e"), fs.lstat("d/h")].map((s) => s.ino);
    expect(new Set(inos).size).toBe(6);
    expect(new Set([f.dev, d.dev, l.dev, root.dev]).size).toBe(1);
    expect(typeof f.dev).toBe("bigint");
    expect(l.ctim).toBe(clock.peek());
    expect(f.atim).toBe(f.mtim);
    expect(f.mtim).toBeLessThan(l.mtim);
  });

  it("gives distinct instances distinct devs unless told", () => {
    expect(new MemoryFileSystem().lstat("").dev).not.toBe(new MemoryFileSystem().lstat("").dev);
    expect(new MemoryFileSystem({}, { dev: 42n }).lstat("").dev).toBe(42n);
  });

  it("uses Date.now in nanoseconds by default", () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const fs = new MemoryFileSystem({ f: "" });
    const after = BigInt(Date.now()) * 1_000_000n;
    const { mtim } = fs.lstat("f");
    expect(mtim >= before && mtim <= after).toBe(true);
  });

  it("fails with NOENT for a missing entry or component and NOTDIR for a file or symlink component", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.symlink("d", "l");
    expect(errnoOf(() => fs.lstat("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.lstat("d/missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.lstat("missing/x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.lstat("f/x"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.lstat("l/x"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.lstat("d/../f"))).toBe(Errno.INVAL);
  });
});

describe("readlink and symlink", () => {
  it("stores the target as given and reads it back", () => {
    const fs = new MemoryFileSystem({ d: {} });
    for (const [name, target] of [["a", "/abs/path"], ["b", "../up"], ["d/c", "nowhere"], ["e", "a//b/./"]]) {
      fs.symlink(target!, name!);
      expect(fs.readlink(name!)).toBe(target);
    }
    const ino = fs.lstat("d/c").ino;
    expect(fs.readdir("d")).toEqual([{ name: "c", filetype: Filetype.SYMBOLIC_LINK, ino }]);
  });

  it("readlink fails with INVAL for a non-link and NOENT for nothing", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    expect(errnoOf(() => fs.readlink("f"))).toBe(Errno.INVAL);
    expect(errnoOf(() => fs.readlink("d"))).toBe(Errno.INVAL);
    expect(errnoOf(() => fs.readlink(""))).toBe(Errno.INVAL);
    expect(errnoOf(() => fs.readlink("nope"))).toBe(Errno.NOENT);
  });

  it("symlink fails with EXIST onto any existing name, NOENT/NOTDIR for bad parents", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.symlink("t", "l");
    expect(errnoOf(() => fs.symlink("t", "f"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.symlink("t", "d"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.symlink("t", "l"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.symlink("t", ""))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.symlink("t", "no/l"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.symlink("t", "f/l"))).toBe(Errno.NOTDIR);
    expect(fs.readlink("l")).toBe("t");
  });
});

describe("open", () => {
  it("opens an existing file, and creates an empty one with create", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ d: {}, f: "abc" }, { now: clock.now });
    expect(readAll(fs, "f")).toBe("abc");
    const dirBefore = fs.lstat("d").mtim;
    const h = fs.open("d/new", CREATE);
    expect(h.stat()).toMatchObject({ filetype: Filetype.REGULAR_FILE, size: 0n, nlink: 1n });
    expect(h.stat().ino).toBe(fs.lstat("d/new").ino);
    expect(fs.lstat("d").mtim).toBeGreaterThan(dirBefore);
    h.close();
    // create without exclusive opens an existing file as is.
    expect(readAll(fs, "f")).toBe("abc");
    fs.open("f", CREATE).close();
    expect(fs.readText("f")).toBe("abc");
  });

  it("truncates with truncate, updating mtim and ctim", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "abcdef" }, { now: clock.now });
    const before = fs.lstat("f");
    const h = fs.open("f", { ...RW, truncate: true });
    expect(h.stat().size).toBe(0n);
    expect(h.stat().mtim).toBeGreaterThan(before.mtim);
    expect(h.stat().ctim).toBe(h.stat().mtim);
    expect(h.stat().atim).toBe(before.atim);
    h.close();
    expect(fs.readFile("f")).toEqual(new Uint8Array(0));
    expect(fs.usedBytes).toBe(0);
  });

  it("fails with NOENT, EXIST, ISDIR, LOOP and NOTDIR", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.symlink("f", "l");
    expect(errnoOf(() => fs.open("missing", RW))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.open("missing/x", CREATE))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.open("f", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.open("l", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.open("d", { ...CREATE, exclusive: true }))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.open("d", RO))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.open("", RO))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.open("d", CREATE))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.open("l", RO))).toBe(Errno.LOOP);
    expect(errnoOf(() => fs.open("l", CREATE))).toBe(Errno.LOOP);
    expect(errnoOf(() => fs.open("f/x", CREATE))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.open("l/x", RO))).toBe(Errno.NOTDIR);
    expect(fs.readdir("").map((e) => e.name)).toEqual(["d", "f", "l"]);
  });

  it("with create and exclusive makes a new file", () => {
    const fs = new MemoryFileSystem();
    const h = fs.open("n", { ...CREATE, exclusive: true });
    h.write(text("hi"), 0n);
    h.close();
    expect(fs.readText("n")).toBe("hi");
  });
});

describe("FileHandle", () => {
  it("reads and writes at explicit positions", () => {
    const fs = new MemoryFileSystem({ f: "hello world" });
    const h = fs.open("f", RW);
    const buf = new Uint8Array(5);
    expect(h.read(buf, 6n)).toBe(5);
    expect(new TextDecoder().decode(buf)).toBe("world");
    expect(h.read(buf, 9n)).toBe(2); // short read at the end
    expect(buf.subarray(0, 2)).toEqual(text("ld"));
    expect(h.read(buf, 11n)).toBe(0);
    expect(h.read(buf, 1000n)).toBe(0);
    expect(h.read(buf, 2n ** 64n)).toBe(0);
    expect(h.write(text("HELLO"), 0n)).toBe(5);
    expect(h.write(text("!!"), 11n)).toBe(2); // appends
    expect(h.write(new Uint8Array(0), 500n)).toBe(0); // an empty write does not extend
    expect(h.stat().size).toBe(13n);
    h.close();
    expect(fs.readText("f")).toBe("HELLO world!!");
  });

  it("zero-fills the gap of a write past the end (a sparse write)", () => {
    const fs = new MemoryFileSystem({ f: "ab" });
    const h = fs.open("f", RW);
    expect(h.write(bytes(9, 9), 6n)).toBe(2);
    h.close();
    expect(fs.readFile("f")).toEqual(bytes(0x61, 0x62, 0, 0, 0, 0, 9, 9));
  });

  it("setSize truncates and zero-extends, and old bytes never reappear", () => {
    const fs = new MemoryFileSystem({ f: "abcdefgh" });
    const h = fs.open("f", RW);
    h.setSize(3n);
    expect(fs.readText("f")).toBe("abc");
    h.setSize(6n);
    expect(fs.readFile("f")).toEqual(bytes(0x61, 0x62, 0x63, 0, 0, 0));
    h.setSize(2n);
    h.write(bytes(1), 7n);
    expect(fs.readFile("f")).toEqual(bytes(0x61, 0x62, 0, 0, 0, 0, 0, 1));
    h.setSize(0n);
    h.setSize(4n);
    expect(fs.readFile("f")).toEqual(bytes(0, 0, 0, 0));
    h.close();
    // A small truncation keeps the storage; the cut bytes must still read back as zeros.
    fs.writeFile("big", new Uint8Array(100).fill(7));
    const g = fs.open("big", RW);
    g.setSize(90n);
    g.setSize(100n);
    g.close();
    expect(fs.readFile("big")).toEqual(new Uint8Array(100).fill(7, 0, 90));
  });

  it("keeps many small appends correct (capacity grows geometrically)", () => {
    const fs = new MemoryFileSystem();
    const h = fs.open("log", CREATE);
    let expected = "";
    for (let i = 0; i < 20_000; i++) {
      const line = `${i}\n`;
      h.write(text(line), BigInt(expected.length));
      expected += line;
    }
    h.close();
    expect(fs.readText("log")).toBe(expected);
    expect(fs.usedBytes).toBe(expected.length);
  });

  it("updates mtim and ctim on write and setSize, not atim on read; setTimes sets them", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "abc" }, { now: clock.now });
    const h = fs.open("f", RW);
    const s0 = h.stat();
    h.read(new Uint8Array(3), 0n);
    expect(h.stat()).toEqual(s0);
    h.write(bytes(1), 0n);
    const s1 = h.stat();
    expect(s1.mtim).toBe(clock.peek());
    expect(s1.ctim).toBe(s1.mtim);
    expect(s1.atim).toBe(s0.atim);
    h.setSize(10n);
    expect(h.stat().mtim).toBe(clock.peek());
    h.setTimes(5n, null);
    expect(h.stat()).toMatchObject({ atim: 5n, mtim: clock.peek() - 1000n, ctim: clock.peek() });
    h.setTimes(null, 7n);
    expect(h.stat()).toMatchObject({ atim: 5n, mtim: 7n, ctim: clock.peek() });
    h.setTimes(null, null);
    expect(h.stat()).toMatchObject({ atim: 5n, mtim: 7n, ctim: clock.peek() });
    h.sync();
    h.close();
    expect(fs.lstat("f")).toMatchObject({ atim: 5n, mtim: 7n, size: 10n });
  });

  it("throws BADF for every operation after close", () => {
    const fs = new MemoryFileSystem({ f: "abc" });
    const h = fs.open("f", RW);
    h.close();
    expect(errnoOf(() => h.read(new Uint8Array(1), 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.write(bytes(1), 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.stat())).toBe(Errno.BADF);
    expect(errnoOf(() => h.setSize(0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.setTimes(1n, 1n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.sync())).toBe(Errno.BADF);
    expect(errnoOf(() => h.close())).toBe(Errno.BADF);
    expect(fs.readText("f")).toBe("abc");
  });

  it("enforces the open mode: BADF for reads/writes it lacks, INVAL for setSize without write", () => {
    const fs = new MemoryFileSystem({ f: "abc" });
    const ro = fs.open("f", RO);
    expect(errnoOf(() => ro.write(bytes(1), 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => ro.setSize(0n))).toBe(Errno.INVAL);
    ro.setTimes(1n, 2n); // times need no write access
    ro.close();
    const wo = fs.open("f", { ...RW, read: false });
    expect(errnoOf(() => wo.read(new Uint8Array(1), 0n))).toBe(Errno.BADF);
    wo.write(bytes(0x41), 0n);
    wo.close();
    const neither = fs.open("f", { ...RO, read: false });
    expect(neither.stat().size).toBe(3n);
    neither.close();
    expect(fs.readText("f")).toBe("Abc");
  });

  it("fails with FBIG for sizes and ends of 2^53 or more, INVAL for negative ones", () => {
    const fs = new MemoryFileSystem({ f: "abc" });
    const h = fs.open("f", RW);
    expect(errnoOf(() => h.setSize(2n ** 53n))).toBe(Errno.FBIG);
    expect(errnoOf(() => h.setSize(2n ** 64n - 1n))).toBe(Errno.FBIG);
    expect(errnoOf(() => h.write(bytes(1), 2n ** 53n))).toBe(Errno.FBIG);
    expect(errnoOf(() => h.write(bytes(1, 2), 2n ** 53n - 2n))).toBe(Errno.FBIG);
    expect(errnoOf(() => h.setSize(-1n))).toBe(Errno.INVAL);
    expect(errnoOf(() => h.read(new Uint8Array(1), -1n))).toBe(Errno.INVAL);
    expect(errnoOf(() => h.write(bytes(1), -1n))).toBe(Errno.INVAL);
    h.close();
    expect(fs.readText("f")).toBe("abc");
  });
});

describe("readdir", () => {
  it("lists entries sorted by name with their types and inodes", () => {
    const fs = new MemoryFileSystem({ zeta: "z", alpha: {}, Mid: "m", "b.txt": "" });
    fs.symlink("alpha", "link");
    fs.mkdir("c");
    const entries = fs.readdir("");
    expect(entries.map((e) => e.name)).toEqual(["Mid", "alpha", "b.txt", "c", "link", "zeta"]);
    for (const e of entries) {
      const st = fs.lstat(e.name);
      expect(e).toEqual({ name: e.name, filetype: st.filetype, ino: st.ino });
    }
    expect(fs.readdir("/")).toEqual(entries);
    expect(fs.readdir("alpha")).toEqual([]);
    fs.unlink("b.txt");
    expect(fs.readdir("").map((e) => e.name)).toEqual(["Mid", "alpha", "c", "link", "zeta"]);
  });

  it("fails with NOTDIR for a file or symbolic link and NOENT for nothing", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.symlink("d", "l");
    expect(errnoOf(() => fs.readdir("f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.readdir("l"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.readdir("nope"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.readdir("f/x"))).toBe(Errno.NOTDIR);
  });
});

describe("mkdir and rmdir", () => {
  it("makes and removes directories, keeping nlink = 2 + subdirectories", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({}, { now: clock.now });
    fs.mkdir("a");
    fs.mkdir("a/b");
    expect(fs.lstat("a")).toMatchObject({ filetype: Filetype.DIRECTORY, nlink: 3n, mtim: clock.peek() });
    expect(fs.lstat("").nlink).toBe(3n);
    fs.rmdir("a/b");
    expect(fs.lstat("a")).toMatchObject({ nlink: 2n, mtim: clock.peek() });
    fs.rmdir("a");
    expect(fs.readdir("")).toEqual([]);
    expect(fs.lstat("").nlink).toBe(2n);
  });

  it("mkdir fails with EXIST, NOENT and NOTDIR", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.symlink("d", "l");
    expect(errnoOf(() => fs.mkdir(""))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.mkdir("d"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.mkdir("f"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.mkdir("l"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.mkdir("x/y"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.mkdir("f/y"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.mkdir("l/y"))).toBe(Errno.NOTDIR);
  });

  it("rmdir fails with NOTEMPTY, NOTDIR, NOENT and BUSY for the root", () => {
    const fs = new MemoryFileSystem({ f: "x", d: { e: {} } });
    fs.symlink("d", "l");
    expect(errnoOf(() => fs.rmdir("d"))).toBe(Errno.NOTEMPTY);
    expect(errnoOf(() => fs.rmdir("f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.rmdir("l"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.rmdir("nope"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.rmdir(""))).toBe(Errno.BUSY);
    expect(fs.toTree()).toEqual({ f: text("x"), d: { e: {} } });
  });
});

describe("unlink", () => {
  it("removes files and symbolic links (not their targets)", () => {
    const fs = new MemoryFileSystem({ f: "x", g: "y" });
    fs.symlink("g", "l");
    fs.unlink("f");
    fs.unlink("l");
    expect(fs.readdir("").map((e) => e.name)).toEqual(["g"]);
    expect(fs.readText("g")).toBe("y");
    expect(fs.usedBytes).toBe(1);
  });

  it("fails with ISDIR for a directory or the root, NOENT for nothing", () => {
    const fs = new MemoryFileSystem({ d: {} });
    expect(errnoOf(() => fs.unlink("d"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.unlink(""))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.unlink("nope"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.unlink("nope/x"))).toBe(Errno.NOENT);
  });

  it("keeps an open file readable and writable after its last name is gone", () => {
    const fs = new MemoryFileSystem({ f: "data" });
    const h = fs.open("f", RW);
    fs.unlink("f");
    expect(errnoOf(() => fs.lstat("f"))).toBe(Errno.NOENT);
    expect(h.stat().nlink).toBe(0n);
    h.write(text("!"), 4n);
    const buf = new Uint8Array(10);
    expect(h.read(buf, 0n)).toBe(5);
    expect(buf.subarray(0, 5)).toEqual(text("data!"));
    expect(fs.usedBytes).toBe(5); // still held
    // A new file of the same name is another file.
    fs.writeFile("f", "new");
    expect(h.read(buf, 0n)).toBe(5);
    expect(fs.usedBytes).toBe(8);
    h.close();
    expect(fs.usedBytes).toBe(3); // freed with the last handle
    expect(fs.readText("f")).toBe("new");
  });
});

describe("link", () => {
  it("makes another name for the same file", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "abc", d: {} }, { now: clock.now });
    fs.link("f", "d/g");
    const f = fs.lstat("f");
    expect(f.nlink).toBe(2n);
    expect(f.ctim).toBe(clock.peek());
    expect(fs.lstat("d/g")).toEqual(f);
    const h = fs.open("d/g", RW);
    h.write(text("X"), 0n);
    h.close();
    expect(fs.readText("f")).toBe("Xbc");
    fs.unlink("f");
    expect(fs.lstat("d/g").nlink).toBe(1n);
    expect(fs.readText("d/g")).toBe("Xbc");
    expect(fs.usedBytes).toBe(3);
    fs.unlink("d/g");
    expect(fs.usedBytes).toBe(0);
  });

  it("links a symbolic link itself", () => {
    const fs = new MemoryFileSystem();
    fs.symlink("target", "l");
    fs.link("l", "l2");
    expect(fs.readlink("l2")).toBe("target");
    expect(fs.lstat("l").nlink).toBe(2n);
    expect(fs.lstat("l2").ino).toBe(fs.lstat("l").ino);
  });

  it("fails with PERM for a directory, EXIST onto a name, NOENT for a missing source", () => {
    const fs = new MemoryFileSystem({ f: "x", g: "y", d: {} });
    expect(errnoOf(() => fs.link("d", "d2"))).toBe(Errno.PERM);
    expect(errnoOf(() => fs.link("", "root2"))).toBe(Errno.PERM);
    expect(errnoOf(() => fs.link("f", "g"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.link("f", "d"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.link("f", "f"))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.link("f", ""))).toBe(Errno.EXIST);
    expect(errnoOf(() => fs.link("nope", "h"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.link("f", "no/h"))).toBe(Errno.NOENT);
    expect(fs.lstat("f").nlink).toBe(1n);
  });
});

describe("rename", () => {
  it("moves a file, a directory with its contents, and a symbolic link", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "x", d: { sub: { deep: "y" } }, e: {} }, { now: clock.now });
    fs.symlink("f", "l");
    const ino = fs.lstat("d").ino;
    fs.rename("f", "e/f2");
    fs.rename("d", "e/d2");
    fs.rename("l", "e/l2");
    expect(fs.lstat("e")).toMatchObject({ mtim: clock.peek(), nlink: 3n });
    expect(fs.lstat("").nlink).toBe(3n);
    expect(fs.lstat("e/d2").ino).toBe(ino);
    expect(fs.lstat("e/d2").ctim).toBe(clock.peek() - 1000n);
    expect(fs.toTree()).toEqual({ e: { f2: text("x"), d2: { sub: { deep: text("y") } } } });
    expect(fs.readlink("e/l2")).toBe("f");
  });

  it("replaces a file with a file, freeing the replaced one", () => {
    const fs = new MemoryFileSystem({ a: "aaaa", b: "bb" });
    const ino = fs.lstat("a").ino;
    fs.rename("a", "b");
    expect(fs.readdir("").map((e) => e.name)).toEqual(["b"]);
    expect(fs.readText("b")).toBe("aaaa");
    expect(fs.lstat("b").ino).toBe(ino);
    expect(fs.usedBytes).toBe(4);
  });

  it("keeps a replaced file that is open readable through its handle", () => {
    const fs = new MemoryFileSystem({ a: "new", b: "old" });
    const h = fs.open("b", RO);
    fs.rename("a", "b");
    const buf = new Uint8Array(3);
    h.read(buf, 0n);
    expect(buf).toEqual(text("old"));
    expect(h.stat().nlink).toBe(0n);
    h.close();
    expect(fs.readText("b")).toBe("new");
  });

  it("replaces an empty directory with a directory", () => {
    const fs = new MemoryFileSystem({ a: { f: "x" }, b: {} });
    fs.rename("a", "b");
    expect(fs.toTree()).toEqual({ b: { f: text("x") } });
    expect(fs.lstat("").nlink).toBe(3n);
  });

  it("does nothing onto itself or onto another hard link of the same file", () => {
    const fs = new MemoryFileSystem({ f: "x", d: {} });
    fs.link("f", "g");
    fs.rename("f", "f");
    fs.rename("d", "d");
    fs.rename("f", "g");
    expect(fs.readdir("").map((e) => e.name)).toEqual(["d", "f", "g"]);
    expect(fs.lstat("f").nlink).toBe(2n);
  });

  it("fails with ISDIR, NOTDIR, NOTEMPTY, INVAL, NOENT and BUSY", () => {
    const tree = { f: "x", d: { inner: {} }, e: {}, full: { g: "y" } };
    const fs = new MemoryFileSystem(tree);
    expect(errnoOf(() => fs.rename("f", "e"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => fs.rename("d", "f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.rename("d", "full"))).toBe(Errno.NOTEMPTY);
    expect(errnoOf(() => fs.rename("d", "d/inner/x"))).toBe(Errno.INVAL);
    expect(errnoOf(() => fs.rename("d", "d/inner"))).toBe(Errno.INVAL);
    expect(errnoOf(() => fs.rename("d/inner", "d"))).toBe(Errno.NOTEMPTY); // onto its own non-empty parent
    expect(errnoOf(() => fs.rename("nope", "x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.rename("f", "nope/x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => fs.rename("f", "f/x"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => fs.rename("", "x"))).toBe(Errno.BUSY);
    expect(errnoOf(() => fs.rename("e", ""))).toBe(Errno.BUSY);
    expect(fs.toTree()).toEqual(new MemoryFileSystem(tree).toTree());
  });
});

describe("setTimes", () => {
  it("sets the times of the entry itself, not following a symbolic link", () => {
    const clock = tickingClock();
    const fs = new MemoryFileSystem({ f: "x", d: {} }, { now: clock.now });
    fs.symlink("f", "l");
    const f = fs.lstat("f");
    fs.setTimes("l", 11n, 12n);
    expect(fs.lstat("l")).toMatchObject({ atim: 11n, mtim: 12n, ctim: clock.peek() });
    expect(fs.lstat("f")).toEqual(f);
    fs.setTimes("d", null, 5n);
    expect(fs.lstat("d")).toMatchObject({ mtim: 5n, ctim: clock.peek() });
    fs.setTimes("", 1n, null);
    expect(fs.lstat("").atim).toBe(1n);
    expect(errnoOf(() => fs.setTimes("nope", 1n, 1n))).toBe(Errno.NOENT);
  });
});

describe("resource bounds", () => {
  it("fails writes and setSize past maxBytes with NOSPC, writing nothing", () => {
    const fs = new MemoryFileSystem({ a: "12345" }, { maxBytes: 10 });
    const h = fs.open("b", CREATE);
    expect(h.write(text("abcd"), 0n)).toBe(4);
    expect(errnoOf(() => h.write(text("xy"), 4n))).toBe(Errno.NOSPC);
    expect(errnoOf(() => h.write(bytes(1), 100n))).toBe(Errno.NOSPC);
    expect(errnoOf(() => h.setSize(6n))).toBe(Errno.NOSPC);
    expect(h.stat().size).toBe(4n);
    expect(h.write(text("ABCD"), 0n)).toBe(4); // overwriting needs no space
    expect(h.write(text("!"), 4n)).toBe(1); // exactly full
    expect(fs.usedBytes).toBe(10);
    h.setSize(1n); // space comes back
    expect(h.write(text("1234"), 1n)).toBe(4);
    h.close();
    expect(fs.readText("b")).toBe("A1234");
    fs.unlink("a");
    fs.writeFile("c", "12345");
    expect(errnoOf(() => fs.writeFile("d", "x"))).toBe(Errno.NOSPC);
    expect(errnoOf(() => fs.lstat("d"))).toBe(Errno.NOENT);
  });

  it("fails seeding past maxBytes and huge sizes with NOSPC under the default bound", () => {
    expect(errnoOf(() => new MemoryFileSystem({ a: "123", b: "45" }, { maxBytes: 4 }))).toBe(Errno.NOSPC);
    const fs = new MemoryFileSystem();
    const h = fs.open("f", CREATE);
    expect(errnoOf(() => h.setSize(2n ** 40n))).toBe(Errno.NOSPC);
    expect(errnoOf(() => h.write(bytes(1), 2n ** 40n))).toBe(Errno.NOSPC);
    h.close();
  });

  it("fails creating nodes past maxNodes with NOSPC, and counts removals", () => {
    const fs = new MemoryFileSystem({ a: "" }, { maxNodes: 3 }); // the root, a, and one more
    fs.mkdir("d");
    expect(errnoOf(() => fs.mkdir("e"))).toBe(Errno.NOSPC);
    expect(errnoOf(() => fs.open("f", CREATE))).toBe(Errno.NOSPC);
    expect(errnoOf(() => fs.symlink("a", "l"))).toBe(Errno.NOSPC);
    fs.link("a", "hard"); // a link is no new node
    fs.rmdir("d");
    fs.symlink("a", "l");
    fs.unlink("l");
    fs.unlink("a");
    fs.unlink("hard");
    fs.mkdir("x"); // "a" was freed with its last link
    fs.open("z", CREATE).close();
    expect(errnoOf(() => fs.mkdir("y"))).toBe(Errno.NOSPC);
  });
});
