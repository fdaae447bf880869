import * as fs from "node:fs";
import * as os from "node:os";
import * as nodePath from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Errno, Filetype } from "../src/constants.js";
import { WasiError } from "../src/errors.js";
import { errnoOfNodeError, withNodeErrors } from "../src/fs/node-errors.js";
import { NodeFileSystem } from "../src/fs/node.js";
import type { FileHandle, OpenOptions } from "../src/fs/types.js";

// Every test gets a fresh temporary directory holding the file system's root and, beside it, an
// "outside" directory that a hostile guest would like to reach: afterEach checks it was never touched.
let tmp: string;
let rootDir: string;
let outside: string;
let outsideBefore: string;
let nfs: NodeFileSystem;

/** Everything under `dir`: names, types, link targets, sizes and times (ctime changes with any
 * change, atime with a read; contents are not read, which would change atime). */
function snapshot(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = nodePath.join(d, name);
      const s = fs.lstatSync(p, { bigint: true });
      const what = s.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : s.isDirectory() ? "dir" : "file";
      const times = `atime=${s.atimeNs} mtime=${s.mtimeNs} ctime=${s.ctimeNs}`;
      lines.push(`${nodePath.relative(outside, p)} ${what} ino=${s.ino} nlink=${s.nlink} mode=${s.mode} size=${s.size} ${times}`);
      if (s.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return lines.join("\n");
}

beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(nodePath.join(os.tmpdir(), "wasi-node-fs-")));
  rootDir = nodePath.join(tmp, "root");
  outside = nodePath.join(tmp, "outside");
  fs.mkdirSync(rootDir);
  fs.mkdirSync(outside);
  fs.writeFileSync(nodePath.join(outside, "secret"), "secret");
  fs.mkdirSync(nodePath.join(outside, "dir"));
  fs.writeFileSync(nodePath.join(outside, "dir", "inner"), "inner");
  // Old times on the files, so that a read (atime, with relatime too) or a change shows.
  for (const p of ["secret", "dir/inner"]) fs.utimesSync(nodePath.join(outside, p), 1_000_000, 1_000_000);
  // The snapshot lists the directories, which sets their atime once (relatime): settle it first.
  snapshot(outside);
  outsideBefore = snapshot(outside);
  nfs = new NodeFileSystem(rootDir);
});

afterEach(() => {
  try {
    expect(fs.readdirSync(tmp).sort()).toEqual(["outside", "root"]);
    expect(snapshot(outside)).toBe(outsideBefore);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

const host = (p: string) => nodePath.join(rootDir, p);
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

const RW: OpenOptions = { read: true, write: true, create: false, exclusive: false, truncate: false };
const RO: OpenOptions = { ...RW, write: false };
const CREATE: OpenOptions = { ...RW, create: true };

/** The errno `fn` throws as a WasiError (fails if it throws anything else or nothing). */
function errnoOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof WasiError) return e.errno;
    throw e;
  }
  throw new Error("no error thrown");
}

function readAll(h: FileHandle, size = 64): string {
  const buffer = new Uint8Array(size);
  return text(buffer.subarray(0, h.read(buffer, 0n)));
}

describe("NodeFileSystem construction", () => {
  it("resolves the host directory to its real path", () => {
    fs.symlinkSync(rootDir, nodePath.join(tmp, "alias"));
    try {
      const viaLink = new NodeFileSystem(nodePath.join(tmp, "alias"));
      expect(viaLink.root).toBe(rootDir);
      fs.writeFileSync(host("f"), "x");
      expect(viaLink.lstat("f").filetype).toBe(Filetype.REGULAR_FILE);
      expect(new NodeFileSystem(nodePath.join(rootDir, ".")).root).toBe(rootDir);
    } finally {
      fs.unlinkSync(nodePath.join(tmp, "alias"));
    }
  });

  it("throws a plain Error for a missing directory or a file", () => {
    expect(() => new NodeFileSystem(nodePath.join(tmp, "missing"))).toThrow(/not an existing directory/);
    fs.writeFileSync(host("file"), "x");
    expect(() => new NodeFileSystem(host("file"))).toThrow(/not a directory/);
    expect(() => new NodeFileSystem(host("file"))).not.toThrow(WasiError);
  });
});

describe("lstat", () => {
  it("describes files, directories, symbolic links (not followed) and the root", () => {
    fs.writeFileSync(host("f"), "hello");
    fs.mkdirSync(host("d"));
    fs.symlinkSync(nodePath.join(outside, "secret"), host("l"));
    const f = nfs.lstat("f");
    const hostStat = fs.lstatSync(host("f"), { bigint: true });
    expect(f).toEqual({
      filetype: Filetype.REGULAR_FILE,
      dev: hostStat.dev,
      ino: hostStat.ino,
      nlink: 1n,
      size: 5n,
      atim: hostStat.atimeNs,
      mtim: hostStat.mtimeNs,
      ctim: hostStat.ctimeNs,
    });
    expect(nfs.lstat("d").filetype).toBe(Filetype.DIRECTORY);
    const l = nfs.lstat("l");
    expect(l.filetype).toBe(Filetype.SYMBOLIC_LINK);
    expect(l.size).toBe(BigInt(nodePath.join(outside, "secret").length));
    expect(nfs.lstat("").filetype).toBe(Filetype.DIRECTORY);
    expect(nfs.lstat("").ino).toBe(fs.statSync(rootDir, { bigint: true }).ino);
  });

  it("reports character devices", () => {
    // Making one needs privileges: look at the host's /dev/null through a file system rooted at /dev.
    if (!fs.existsSync("/dev/null")) return;
    expect(new NodeFileSystem("/dev").lstat("null").filetype).toBe(Filetype.CHARACTER_DEVICE);
  });

  it("fails with NOENT and NOTDIR", () => {
    fs.writeFileSync(host("f"), "x");
    expect(errnoOf(() => nfs.lstat("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.lstat("missing/x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.lstat("f/x"))).toBe(Errno.NOTDIR);
  });
});

describe("readlink and symlink", () => {
  it("stores targets verbatim, never resolving them", () => {
    const targets = [
      "f",
      "dir/sub/",
      "../../escape",
      nodePath.join(outside, "secret"),
      "/etc/passwd",
      "missing",
      "a//b/./c",
      "ünïcödé ☃",
    ];
    targets.forEach((target, i) => nfs.symlink(target, `l${i}`));
    targets.forEach((target, i) => {
      expect(nfs.readlink(`l${i}`)).toBe(target);
      expect(fs.readlinkSync(host(`l${i}`))).toBe(target);
      expect(nfs.lstat(`l${i}`).filetype).toBe(Filetype.SYMBOLIC_LINK);
    });
  });

  it("fails with INVAL for what is not a symbolic link, and NOENT", () => {
    fs.writeFileSync(host("f"), "x");
    fs.mkdirSync(host("d"));
    expect(errnoOf(() => nfs.readlink("f"))).toBe(Errno.INVAL);
    expect(errnoOf(() => nfs.readlink("d"))).toBe(Errno.INVAL);
    expect(errnoOf(() => nfs.readlink(""))).toBe(Errno.INVAL);
    expect(errnoOf(() => nfs.readlink("missing"))).toBe(Errno.NOENT);
  });

  it("symlink fails with EXIST (also over a symbolic link), NOENT, NOTDIR, and INVAL for a NUL", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.symlink("dangling", "l");
    expect(errnoOf(() => nfs.symlink("t", "f"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.symlink("t", "l"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.symlink("t", ""))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.symlink("t", "missing/l"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.symlink("t", "f/l"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.symlink("a\0b", "n"))).toBe(Errno.INVAL);
    expect(fs.existsSync(host("n"))).toBe(false);
  });
});

describe("open", () => {
  it("creates, writes and reads a file", () => {
    const h = nfs.open("f", CREATE);
    expect(h.write(bytes("hello world"), 0n)).toBe(11);
    expect(h.write(bytes("W"), 6n)).toBe(1);
    expect(readAll(h)).toBe("hello World");
    const buffer = new Uint8Array(5);
    expect(h.read(buffer, 6n)).toBe(5);
    expect(text(buffer)).toBe("World");
    expect(h.read(buffer, 11n)).toBe(0);
    expect(h.read(buffer, 1000n)).toBe(0);
    expect(h.read(new Uint8Array(0), 0n)).toBe(0);
    h.close();
    expect(fs.readFileSync(host("f"), "utf8")).toBe("hello World");
    // Created with 0o666 less the umask.
    const umask = process.umask();
    expect(fs.statSync(host("f")).mode & 0o777).toBe(0o666 & ~umask);
  });

  it("opens read-only, write-only, and with neither (for stat)", () => {
    fs.writeFileSync(host("f"), "abc");
    const ro = nfs.open("f", RO);
    expect(readAll(ro)).toBe("abc");
    expect(errnoOf(() => ro.write(bytes("x"), 0n))).toBe(Errno.BADF);
    ro.close();
    const wo = nfs.open("f", { ...RW, read: false });
    expect(errnoOf(() => wo.read(new Uint8Array(1), 0n))).toBe(Errno.BADF);
    expect(wo.write(bytes("X"), 0n)).toBe(1);
    wo.close();
    const none = nfs.open("f", { ...RO, read: false });
    expect(none.stat().size).toBe(3n);
    none.close();
    expect(fs.readFileSync(host("f"), "utf8")).toBe("Xbc");
  });

  it("truncates, and refuses truncate without write", () => {
    fs.writeFileSync(host("f"), "abc");
    expect(errnoOf(() => nfs.open("f", { ...RO, truncate: true }))).toBe(Errno.INVAL);
    expect(fs.readFileSync(host("f"), "utf8")).toBe("abc");
    nfs.open("f", { ...RW, truncate: true }).close();
    expect(fs.readFileSync(host("f"), "utf8")).toBe("");
  });

  it("fails with EXIST for an exclusive create, NOENT, NOTDIR", () => {
    fs.writeFileSync(host("f"), "abc");
    nfs.symlink("dangling", "l");
    const exclusive = { ...CREATE, exclusive: true };
    expect(errnoOf(() => nfs.open("f", exclusive))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.open("l", exclusive))).toBe(Errno.EXIST);
    expect(fs.existsSync(host("dangling"))).toBe(false);
    nfs.open("g", exclusive).close();
    expect(fs.existsSync(host("g"))).toBe(true);
    // Without create, exclusive is ignored.
    nfs.open("f", { ...RW, exclusive: true }).close();
    expect(errnoOf(() => nfs.open("missing", RW))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.open("missing/f", CREATE))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.open("f/x", CREATE))).toBe(Errno.NOTDIR);
  });

  it("fails with ISDIR for a directory, however opened", () => {
    fs.mkdirSync(host("d"));
    for (const options of [RO, RW, { ...RO, read: false }, CREATE, { ...RW, read: false }]) {
      expect(errnoOf(() => nfs.open("d", options))).toBe(Errno.ISDIR);
      expect(errnoOf(() => nfs.open("", options))).toBe(Errno.ISDIR);
    }
  });

  it("fails with LOOP for a symbolic link as the last component, never following it", () => {
    fs.writeFileSync(host("f"), "inside");
    fs.mkdirSync(host("d"));
    nfs.symlink("f", "to-file");
    nfs.symlink("d", "to-dir");
    nfs.symlink(nodePath.join(outside, "secret"), "to-secret");
    nfs.symlink("../outside/secret", "to-secret-relative");
    nfs.symlink(nodePath.join(outside, "created"), "to-new-outside");
    nfs.symlink("../outside/dir", "to-outside-dir");
    const all = [RO, RW, CREATE, { ...CREATE, truncate: true }, { ...RW, read: false, truncate: true }];
    for (const name of ["to-file", "to-dir", "to-secret", "to-secret-relative", "to-new-outside", "to-outside-dir"]) {
      for (const options of all) expect(errnoOf(() => nfs.open(name, options))).toBe(Errno.LOOP);
    }
    expect(fs.readFileSync(host("f"), "utf8")).toBe("inside");
    // afterEach checks that nothing was created, truncated or read outside.
  });

  it("leaves symbolic links in other components to the caller", () => {
    // The caller resolves them (the contract); the host follows one if it is handed such a path.
    fs.mkdirSync(host("d"));
    fs.writeFileSync(host("d/f"), "x");
    nfs.symlink("d", "l");
    expect(nfs.lstat("l/f").filetype).toBe(Filetype.REGULAR_FILE);
  });
});

describe("FileHandle", () => {
  it("writes sparsely and reads zeros in the hole", () => {
    const h = nfs.open("f", CREATE);
    expect(h.write(bytes("end"), 100_000n)).toBe(3);
    expect(h.stat().size).toBe(100_003n);
    const buffer = new Uint8Array(100_003).fill(7);
    let total = 0;
    while (total < buffer.length) {
      const n = h.read(buffer.subarray(total), BigInt(total));
      expect(n).toBeGreaterThan(0);
      total += n;
    }
    expect(buffer.subarray(0, 100_000).every((b) => b === 0)).toBe(true);
    expect(text(buffer.subarray(100_000))).toBe("end");
    h.close();
  });

  it("writes a large buffer whole", () => {
    const h = nfs.open("f", CREATE);
    const data = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    expect(h.write(data, 5n)).toBe(data.length);
    h.close();
    const onDisk = fs.readFileSync(host("f"));
    expect(onDisk.length).toBe(data.length + 5);
    expect(Buffer.compare(onDisk.subarray(5), Buffer.from(data))).toBe(0);
  });

  it("sets the size, truncating or extending with zeros", () => {
    fs.writeFileSync(host("f"), "abcdef");
    const h = nfs.open("f", RW);
    h.setSize(3n);
    expect(h.stat().size).toBe(3n);
    expect(readAll(h)).toBe("abc");
    h.setSize(6n);
    expect([...fs.readFileSync(host("f"))]).toEqual([97, 98, 99, 0, 0, 0]);
    h.setSize(0n);
    expect(fs.statSync(host("f")).size).toBe(0);
    expect(errnoOf(() => h.setSize(1n << 60n))).toBe(Errno.FBIG);
    h.close();
    const ro = nfs.open("f", RO);
    expect([Errno.INVAL, Errno.BADF]).toContain(errnoOf(() => ro.setSize(1n)));
    ro.close();
  });

  it("stats the open file", () => {
    fs.writeFileSync(host("f"), "abc");
    const h = nfs.open("f", RO);
    const s = h.stat();
    expect(s.filetype).toBe(Filetype.REGULAR_FILE);
    expect(s.size).toBe(3n);
    expect(s.ino).toBe(nfs.lstat("f").ino);
    expect(s.dev).toBe(nfs.lstat("f").dev);
    // Still the same file once renamed or unlinked.
    nfs.rename("f", "g");
    expect(h.stat().ino).toBe(s.ino);
    nfs.unlink("g");
    expect(h.stat().nlink).toBe(0n);
    expect(readAll(h)).toBe("abc");
    h.close();
  });

  it("sets and reads back times, null leaving one as is", () => {
    fs.writeFileSync(host("f"), "abc");
    const h = nfs.open("f", RW);
    h.setTimes(1_600_000_000_000_000_000n, 1_500_000_000_000_000_000n);
    expect(h.stat().atim).toBe(1_600_000_000_000_000_000n);
    expect(h.stat().mtim).toBe(1_500_000_000_000_000_000n);
    h.setTimes(null, 1_400_000_000_000_000_000n);
    expect(h.stat().atim).toBe(1_600_000_000_000_000_000n);
    expect(h.stat().mtim).toBe(1_400_000_000_000_000_000n);
    h.setTimes(1_300_000_000_000_000_000n, null);
    expect(h.stat().atim).toBe(1_300_000_000_000_000_000n);
    expect(h.stat().mtim).toBe(1_400_000_000_000_000_000n);
    h.setTimes(null, null);
    expect(h.stat().atim).toBe(1_300_000_000_000_000_000n);
    h.close();
  });

  it("syncs", () => {
    const h = nfs.open("f", CREATE);
    h.write(bytes("x"), 0n);
    h.sync();
    h.close();
  });

  it("fails with BADF after close, for every operation", () => {
    const h = nfs.open("f", CREATE);
    h.close();
    expect(errnoOf(() => h.read(new Uint8Array(1), 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.write(bytes("x"), 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.stat())).toBe(Errno.BADF);
    expect(errnoOf(() => h.setSize(0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.setTimes(0n, 0n))).toBe(Errno.BADF);
    expect(errnoOf(() => h.sync())).toBe(Errno.BADF);
    expect(errnoOf(() => h.close())).toBe(Errno.BADF);
  });

  it("rejects out-of-range positions", () => {
    const h = nfs.open("f", CREATE);
    expect(errnoOf(() => h.read(new Uint8Array(1), -1n))).toBe(Errno.INVAL);
    expect(errnoOf(() => h.read(new Uint8Array(1), 1n << 63n))).toBe(Errno.INVAL);
    // Past 2^53 but within off_t: as pread(2), the end of the file.
    expect(h.read(new Uint8Array(1), 1n << 60n)).toBe(0);
    expect(errnoOf(() => h.write(bytes("x"), -1n))).toBe(Errno.INVAL);
    expect(errnoOf(() => h.write(bytes("x"), 1n << 53n))).toBe(Errno.FBIG);
    expect(h.stat().size).toBe(0n);
    h.close();
  });
});

describe("readdir", () => {
  it("lists entries sorted by name with their types and inode numbers", () => {
    fs.writeFileSync(host("b"), "x");
    fs.mkdirSync(host("a"));
    fs.mkdirSync(host("a/inner"));
    nfs.symlink(nodePath.join(outside, "dir"), "c");
    fs.writeFileSync(host("B"), "x");
    fs.writeFileSync(host("ä"), "x");
    const entries = nfs.readdir("");
    expect(entries.map((e) => e.name)).toEqual(["B", "a", "b", "c", "ä"]);
    expect(entries.map((e) => e.filetype)).toEqual([
      Filetype.REGULAR_FILE,
      Filetype.DIRECTORY,
      Filetype.REGULAR_FILE,
      Filetype.SYMBOLIC_LINK,
      Filetype.REGULAR_FILE,
    ]);
    for (const e of entries) expect(e.ino).toBe(fs.lstatSync(host(e.name), { bigint: true }).ino);
    expect(nfs.readdir("a")).toEqual([{ name: "inner", filetype: Filetype.DIRECTORY, ino: nfs.lstat("a/inner").ino }]);
    expect(nfs.readdir("a/inner")).toEqual([]);
  });

  it("fails with NOTDIR for a file or a symbolic link (never listing its target), NOENT", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.symlink(nodePath.join(outside, "dir"), "l");
    nfs.symlink("d", "inside-link");
    fs.mkdirSync(host("d"));
    expect(errnoOf(() => nfs.readdir("f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.readdir("l"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.readdir("inside-link"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.readdir("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.readdir("f/x"))).toBe(Errno.NOTDIR);
  });
});

describe("mkdir and rmdir", () => {
  it("creates and removes directories", () => {
    nfs.mkdir("d");
    nfs.mkdir("d/e");
    expect(fs.statSync(host("d/e")).isDirectory()).toBe(true);
    nfs.rmdir("d/e");
    nfs.rmdir("d");
    expect(fs.existsSync(host("d"))).toBe(false);
  });

  it("mkdir fails with EXIST (also over a symbolic link, not followed), NOENT, NOTDIR", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.symlink(nodePath.join(outside, "new"), "l");
    nfs.mkdir("d");
    expect(errnoOf(() => nfs.mkdir("d"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.mkdir("f"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.mkdir("l"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.mkdir(""))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.mkdir("missing/d"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.mkdir("f/d"))).toBe(Errno.NOTDIR);
  });

  it("rmdir fails with NOTEMPTY, NOTDIR (files, symbolic links), NOENT, BUSY for the root", () => {
    nfs.mkdir("d");
    fs.writeFileSync(host("d/f"), "x");
    nfs.symlink(nodePath.join(outside, "dir"), "l");
    nfs.symlink("empty", "inside-link");
    nfs.mkdir("empty");
    expect(errnoOf(() => nfs.rmdir("d"))).toBe(Errno.NOTEMPTY);
    expect(errnoOf(() => nfs.rmdir("d/f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.rmdir("l"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.rmdir("inside-link"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.rmdir("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.rmdir(""))).toBe(Errno.BUSY);
    fs.rmSync(host("d"), { recursive: true });
    fs.unlinkSync(host("l"));
    fs.unlinkSync(host("inside-link"));
    nfs.rmdir("empty");
    expect(errnoOf(() => nfs.rmdir(""))).toBe(Errno.BUSY);
    expect(fs.statSync(rootDir).isDirectory()).toBe(true);
  });
});

describe("unlink", () => {
  it("removes files and symbolic links (not their targets)", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.symlink(nodePath.join(outside, "secret"), "l");
    nfs.symlink("f", "lf");
    nfs.unlink("f");
    nfs.unlink("l");
    nfs.unlink("lf");
    expect(fs.readdirSync(rootDir)).toEqual([]);
  });

  it("fails with ISDIR, NOENT, NOTDIR", () => {
    fs.mkdirSync(host("d"));
    fs.writeFileSync(host("f"), "x");
    expect(errnoOf(() => nfs.unlink("d"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => nfs.unlink(""))).toBe(Errno.ISDIR);
    expect(errnoOf(() => nfs.unlink("missing"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.unlink("f/x"))).toBe(Errno.NOTDIR);
  });
});

describe("rename", () => {
  it("renames files and directories, replacing as rename(2)", () => {
    fs.writeFileSync(host("f"), "one");
    fs.writeFileSync(host("g"), "two");
    nfs.rename("f", "g");
    expect(fs.readFileSync(host("g"), "utf8")).toBe("one");
    expect(fs.existsSync(host("f"))).toBe(false);
    nfs.mkdir("d");
    nfs.mkdir("e");
    nfs.rename("g", "d/h");
    nfs.rename("d", "e2");
    expect(fs.readFileSync(host("e2/h"), "utf8")).toBe("one");
    nfs.rename("e2", "e"); // onto an empty directory
    expect(fs.readdirSync(rootDir)).toEqual(["e"]);
  });

  it("moves and replaces symbolic links themselves", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.symlink(nodePath.join(outside, "secret"), "l");
    nfs.symlink(nodePath.join(outside, "dir"), "m");
    nfs.rename("l", "l2");
    expect(nfs.readlink("l2")).toBe(nodePath.join(outside, "secret"));
    nfs.rename("f", "m"); // replaces the link, not the directory it points to
    expect(nfs.lstat("m").filetype).toBe(Filetype.REGULAR_FILE);
  });

  it("fails with NOENT, NOTEMPTY, ISDIR, NOTDIR, BUSY for the root", () => {
    fs.writeFileSync(host("f"), "x");
    fs.mkdirSync(host("d"));
    fs.mkdirSync(host("full"));
    fs.writeFileSync(host("full/x"), "x");
    expect(errnoOf(() => nfs.rename("missing", "x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.rename("d", "full"))).toBe(Errno.NOTEMPTY);
    expect(errnoOf(() => nfs.rename("f", "d"))).toBe(Errno.ISDIR);
    expect(errnoOf(() => nfs.rename("d", "f"))).toBe(Errno.NOTDIR);
    expect(errnoOf(() => nfs.rename("", "x"))).toBe(Errno.BUSY);
    expect(errnoOf(() => nfs.rename("d", ""))).toBe(Errno.BUSY);
  });
});

describe("link", () => {
  it("makes hard links", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.mkdir("d");
    nfs.link("f", "d/g");
    expect(nfs.lstat("f").nlink).toBe(2n);
    expect(nfs.lstat("d/g").nlink).toBe(2n);
    expect(nfs.lstat("d/g").ino).toBe(nfs.lstat("f").ino);
    const h = nfs.open("d/g", RW);
    h.write(bytes("y"), 0n);
    h.close();
    expect(fs.readFileSync(host("f"), "utf8")).toBe("y");
  });

  it.runIf(process.platform === "linux")("links a symbolic link itself, never its target", () => {
    nfs.symlink(nodePath.join(outside, "secret"), "l");
    nfs.link("l", "l2");
    expect(nfs.lstat("l2").filetype).toBe(Filetype.SYMBOLIC_LINK);
    expect(nfs.readlink("l2")).toBe(nodePath.join(outside, "secret"));
    expect(nfs.lstat("l").nlink).toBe(2n);
  });

  it.runIf(process.platform !== "linux")("refuses to link a symbolic link where link(2) follows", () => {
    nfs.symlink(nodePath.join(outside, "secret"), "l");
    expect(errnoOf(() => nfs.link("l", "l2"))).toBe(Errno.NOTSUP);
  });

  it("fails with EXIST, NOENT, PERM for a directory", () => {
    fs.writeFileSync(host("f"), "x");
    fs.writeFileSync(host("g"), "x");
    fs.mkdirSync(host("d"));
    nfs.symlink("dangling", "l");
    expect(errnoOf(() => nfs.link("f", "g"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.link("f", "l"))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.link("f", ""))).toBe(Errno.EXIST);
    expect(errnoOf(() => nfs.link("missing", "x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.link("f", "missing/x"))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.link("d", "d2"))).toBe(Errno.PERM);
    expect(fs.existsSync(host("dangling"))).toBe(false);
  });
});

describe("setTimes", () => {
  it("sets and reads back times, null leaving one as is", () => {
    fs.writeFileSync(host("f"), "x");
    nfs.setTimes("f", 1_600_000_000_000_000_000n, 1_500_000_000_000_000_000n);
    expect(nfs.lstat("f").atim).toBe(1_600_000_000_000_000_000n);
    expect(nfs.lstat("f").mtim).toBe(1_500_000_000_000_000_000n);
    nfs.setTimes("f", null, 1_400_000_000_000_000_000n);
    expect(nfs.lstat("f")).toMatchObject({ atim: 1_600_000_000_000_000_000n, mtim: 1_400_000_000_000_000_000n });
    nfs.setTimes("f", 1_300_000_000_000_000_000n, null);
    expect(nfs.lstat("f")).toMatchObject({ atim: 1_300_000_000_000_000_000n, mtim: 1_400_000_000_000_000_000n });
    nfs.setTimes("f", null, null);
    expect(nfs.lstat("f")).toMatchObject({ atim: 1_300_000_000_000_000_000n, mtim: 1_400_000_000_000_000_000n });
    nfs.mkdir("d");
    nfs.setTimes("d", 0n, 1n * 1_000_000_000n);
    expect(nfs.lstat("d")).toMatchObject({ atim: 0n, mtim: 1_000_000_000n });
  });

  it("keeps times to the microsecond", () => {
    fs.writeFileSync(host("f"), "x");
    const atim = 1_700_000_000_123_456_789n;
    const mtim = 1_234_567_890_987_654_321n;
    nfs.setTimes("f", atim, mtim);
    const s = nfs.lstat("f");
    const close = (a: bigint, b: bigint) => (a > b ? a - b : b - a) < 2_000n;
    expect(close(s.atim, atim)).toBe(true);
    expect(close(s.mtim, mtim)).toBe(true);
  });

  it("sets the times of a symbolic link itself, never of its target", () => {
    nfs.symlink(nodePath.join(outside, "secret"), "l");
    nfs.setTimes("l", 1_100_000_000_000_000_000n, 1_200_000_000_000_000_000n);
    expect(nfs.lstat("l")).toMatchObject({ atim: 1_100_000_000_000_000_000n, mtim: 1_200_000_000_000_000_000n });
    nfs.setTimes("l", null, 1_250_000_000_000_000_000n);
    expect(nfs.lstat("l")).toMatchObject({ atim: 1_100_000_000_000_000_000n, mtim: 1_250_000_000_000_000_000n });
    // afterEach checks the target's times.
  });

  it("fails with NOENT (also with both null) and INVAL for a negative time", () => {
    fs.writeFileSync(host("f"), "x");
    expect(errnoOf(() => nfs.setTimes("missing", 0n, 0n))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.setTimes("missing", null, null))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.setTimes("missing", null, 0n))).toBe(Errno.NOENT);
    expect(errnoOf(() => nfs.setTimes("f", -1n, 0n))).toBe(Errno.INVAL);
  });
});

describe("malformed paths", () => {
  const malformed = [
    "../x",
    "..",
    ".",
    "./x",
    "a/../../x",
    "a/..",
    "a/./b",
    "/etc/passwd",
    "/",
    "//x",
    "a//b",
    "a/",
    "x\0y",
    "\0",
    "../outside/secret",
    "../outside/dir/inner",
    `..${nodePath.sep}outside`,
    ...(process.platform === "win32" ? ["a\\..\\..\\x", "C:x", "C:\\x"] : []),
  ];

  it("are NOTCAPABLE for every operation, touching nothing", () => {
    fs.writeFileSync(host("f"), "x");
    fs.mkdirSync(host("a"));
    for (const p of malformed) {
      const calls: (() => unknown)[] = [
        () => nfs.lstat(p),
        () => nfs.readlink(p),
        () => nfs.open(p, RO),
        () => nfs.open(p, { ...CREATE, truncate: true }),
        () => nfs.readdir(p),
        () => nfs.mkdir(p),
        () => nfs.rmdir(p),
        () => nfs.unlink(p),
        () => nfs.rename(p, "g"),
        () => nfs.rename("f", p),
        () => nfs.link(p, "g"),
        () => nfs.link("f", p),
        () => nfs.symlink("f", p),
        () => nfs.setTimes(p, 0n, 0n),
        () => nfs.setTimes(p, null, null),
      ];
      for (const call of calls) expect(errnoOf(call), JSON.stringify(p)).toBe(Errno.NOTCAPABLE);
    }
    expect(fs.readdirSync(rootDir).sort()).toEqual(["a", "f"]);
    expect(fs.readdirSync(host("a"))).toEqual([]);
    expect(fs.readFileSync(host("f"), "utf8")).toBe("x");
  });

  it("are NOTCAPABLE also for a file system rooted at /", () => {
    const slash = new NodeFileSystem("/");
    expect(slash.root).toBe(nodePath.parse(process.cwd()).root);
    expect(errnoOf(() => slash.lstat("../etc"))).toBe(Errno.NOTCAPABLE);
    expect(errnoOf(() => slash.lstat("/etc"))).toBe(Errno.NOTCAPABLE);
    expect(slash.lstat(nodePath.relative("/", outside)).filetype).toBe(Filetype.DIRECTORY);
  });
});

describe("node-errors", () => {
  const systemError = (code: string) => Object.assign(new Error(code), { code, syscall: "open", errno: -1 });

  it("maps Node's system error codes", () => {
    const cases: [string, number][] = [
      ["ENOENT", Errno.NOENT], ["EEXIST", Errno.EXIST], ["ENOTDIR", Errno.NOTDIR], ["EISDIR", Errno.ISDIR],
      ["ENOTEMPTY", Errno.NOTEMPTY], ["EACCES", Errno.ACCES], ["EPERM", Errno.PERM], ["EBADF", Errno.BADF],
      ["EINVAL", Errno.INVAL], ["ELOOP", Errno.LOOP], ["ENAMETOOLONG", Errno.NAMETOOLONG], ["EXDEV", Errno.XDEV],
      ["ENOSPC", Errno.NOSPC], ["EMLINK", Errno.MLINK], ["EFBIG", Errno.FBIG], ["EBUSY", Errno.BUSY],
      ["EROFS", Errno.ROFS], ["ESPIPE", Errno.SPIPE], ["EIO", Errno.IO], ["ETXTBSY", Errno.TXTBSY],
      ["ENOTSUP", Errno.NOTSUP], ["EOPNOTSUPP", Errno.NOTSUP], ["EMFILE", Errno.MFILE], ["ENFILE", Errno.NFILE],
      ["EAGAIN", Errno.AGAIN], ["EOVERFLOW", Errno.OVERFLOW], ["EDQUOT", Errno.DQUOT], ["E2BIG", Errno.TOOBIG],
    ];
    for (const [code, errno] of cases) expect(errnoOfNodeError(systemError(code)), code).toBe(errno);
    expect(errnoOfNodeError(systemError("EWHATEVER"))).toBe(Errno.IO);
  });

  it("leaves what is not a system error alone", () => {
    expect(errnoOfNodeError(new Error("bug"))).toBeUndefined();
    expect(errnoOfNodeError(Object.assign(new TypeError("x"), { code: "ERR_INVALID_ARG_TYPE" }))).toBeUndefined();
    expect(errnoOfNodeError("ENOENT")).toBeUndefined();
    expect(errnoOfNodeError(null)).toBeUndefined();
    const bug = new TypeError("bug");
    expect(() =>
      withNodeErrors(() => {
        throw bug;
      }),
    ).toThrow(bug);
  });

  it("converts with the code in the message and the original as cause", () => {
    const original = systemError("EWHATEVER");
    try {
      withNodeErrors(() => {
        throw original;
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WasiError);
      expect((e as WasiError).errno).toBe(Errno.IO);
      expect((e as WasiError).message).toContain("EWHATEVER");
      expect((e as WasiError).cause).toBe(original);
    }
    expect(withNodeErrors(() => 42)).toBe(42);
  });
});
