// Asynchronous file systems and stdin: what the official tests and the C programs (run asynchronously
// too, see wasi-testsuite.test.ts and c-programs.test.ts) do not show: guest memory that grows while a
// call waits, the copies lent to async backends, rejections as errnos or traps, timers that leave the
// event loop free, and the errors that say a synchronous run cannot wait.
import { describe, expect, it } from "vitest";
import { AsyncHostFunctionError, Engine, Linker, Module, Store, type Instance } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import {
  CollectedOutput, Errno, MemoryFileSystem, toAsyncFileSystem, Wasi, WasiError, type AsyncFileHandle, type AsyncFileSystem,
  type WasiOptions,
} from "../src/index.js";

const engine = new Engine();

function guest(options: WasiOptions, body: string): { wasi: Wasi; instance: Instance } {
  const wasi = new Wasi(options);
  const module = new Module(engine, parseWat(`(module ${body})`));
  return { wasi, instance: wasi.defineIn(new Linker<null>(engine)).instantiate(new Store(engine, null), module) };
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const IMPORTS = `
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))`;

/** Exports of the test guest: `open` opens "f.txt" (rights: read, write) into the i32 at 16; `read fd` reads
 * up to 64 bytes at 1000 (iovec at 0), nread at 8; `write fd len` writes `len` bytes from 2000 (ciovec at
 * 24), nwritten at 32; `stat` stats "f.txt" into 3000; `grow` grows the memory by a page. */
const FILE_GUEST = `${IMPORTS}
  (memory (export "memory") 1)
  (data (i32.const 200) "f.txt")
  (func (export "open") (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5) (i32.const 1)
      (i64.const 66) (i64.const 0) (i32.const 0) (i32.const 16)))
  (func (export "read") (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 1000)) (i32.store (i32.const 4) (i32.const 64))
    (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "write") (param $fd i32) (param $len i32) (result i32)
    (i32.store (i32.const 24) (i32.const 2000)) (i32.store (i32.const 28) (local.get $len))
    (call $fd_write (local.get $fd) (i32.const 24) (i32.const 1) (i32.const 32)))
  (func (export "stat") (result i32)
    (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5) (i32.const 3000)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))`;

/** `fs` with each file's read and write preceded by `before()` (run when the operation is performed). */
function withHook(fs: AsyncFileSystem, before: () => void): AsyncFileSystem {
  return {
    ...fs,
    open: async (path, options) => {
      const h = await fs.open(path, options);
      const hooked: AsyncFileHandle = {
        ...h,
        read: async (buffer, position) => {
          before();
          return h.read(buffer, position);
        },
        write: async (data, position) => {
          before();
          return h.write(data, position);
        },
      };
      return hooked;
    },
  };
}

async function callAsync(instance: Instance, name: string, ...args: number[]): Promise<number> {
  return (await instance.getFunc(name)!.callAsync(...args))[0] as number;
}

describe("guest memory while an async call waits", () => {
  it("fd_read lands in the memory as it is after the wait, when the backend grew it first", async () => {
    const files = new MemoryFileSystem({ "f.txt": "hello, async world" });
    let instance!: Instance;
    const fs = withHook(toAsyncFileSystem(files), () => instance.getMemory("memory")!.grow(1));
    ({ instance } = guest({ preopens: { "/": fs } }, FILE_GUEST));
    const memory = instance.getMemory("memory")!;
    expect(await callAsync(instance, "open")).toBe(Errno.SUCCESS);
    const before = memory.data;
    expect(await callAsync(instance, "read", memory.readU32(16))).toBe(Errno.SUCCESS);
    expect(before.length).toBe(0); // the old buffer was detached: the memory moved during the call
    expect(memory.data.length).toBe(2 * 65_536);
    expect(memory.readU32(8)).toBe(18);
    expect(memory.readString(1000, 18)).toBe("hello, async world");
  });

  it("fd_read lands right when another call on the store grows the memory meanwhile", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { instance } = guest({ stdin: async () => (await gate, new TextEncoder().encode("late bytes")), async: true }, FILE_GUEST);
    const memory = instance.getMemory("memory")!;
    const reading = callAsync(instance, "read", 0);
    await macrotask();
    expect(await callAsync(instance, "grow")).toBe(1); // while the read waits
    expect(instance.getFunc("grow")!.call()).toEqual([2]); // and a plain call, too
    release();
    expect(await reading).toBe(Errno.SUCCESS);
    expect(memory.data.length).toBe(3 * 65_536);
    expect(memory.readU32(8)).toBe(10);
    expect(memory.readString(1000, 10)).toBe("late bytes");
  });

  it("fd_write gives an async backend a copy, taken before the wait", async () => {
    const files = new MemoryFileSystem({ "f.txt": "" });
    let instance!: Instance;
    const fs = withHook(toAsyncFileSystem(files, { delay: "macrotask" }), () => {
      const memory = instance.getMemory("memory")!;
      memory.grow(1);
      memory.writeString(2000, "XXXXX"); // what the guest might write meanwhile: not what it wrote
    });
    ({ instance } = guest({ preopens: { "/": fs } }, FILE_GUEST));
    instance.getMemory("memory")!.writeString(2000, "abcde");
    expect(await callAsync(instance, "open")).toBe(Errno.SUCCESS);
    expect(await callAsync(instance, "write", instance.getMemory("memory")!.readU32(16), 5)).toBe(Errno.SUCCESS);
    expect(instance.getMemory("memory")!.readU32(32)).toBe(5);
    expect(files.readText("f.txt")).toBe("abcde");
  });

  it("results written after the wait (a filestat) land in the grown memory", async () => {
    const files = new MemoryFileSystem({ "f.txt": "12345" });
    let instance!: Instance;
    const base = toAsyncFileSystem(files);
    const fs: AsyncFileSystem = {
      ...base,
      lstat: async (path) => {
        instance.getMemory("memory")!.grow(1);
        return base.lstat(path);
      },
    };
    ({ instance } = guest({ preopens: { "/": fs } }, FILE_GUEST));
    expect(await callAsync(instance, "stat")).toBe(Errno.SUCCESS);
    expect(instance.getMemory("memory")!.readU64(3000 + 32)).toBe(5n); // the size
  });
});

describe("errors and rejections", () => {
  it("a rejection with WasiError is the guest's errno; any other rejection traps", async () => {
    const base = toAsyncFileSystem(new MemoryFileSystem({ "f.txt": "x" }));
    let failure: unknown = new WasiError(Errno.ACCES);
    const fs: AsyncFileSystem = { ...base, lstat: () => Promise.reject(failure) };
    const { instance } = guest({ preopens: { "/": fs } }, FILE_GUEST);
    expect(await callAsync(instance, "stat")).toBe(Errno.ACCES);
    failure = new RangeError("the backend broke");
    await expect(callAsync(instance, "stat")).rejects.toThrow("the backend broke");
  });

  it("start on an asynchronous Wasi says to use startAsync", () => {
    const { wasi, instance } = guest({ preopens: { "/": toAsyncFileSystem(new MemoryFileSystem()) } }, `${IMPORTS}
      (memory (export "memory") 1) (func (export "_start"))`);
    expect(wasi.async).toBe(true);
    expect(() => wasi.start(instance)).toThrow(/startAsync/);
  });

  it("a synchronous call that reaches an async WASI function fails with AsyncHostFunctionError", () => {
    const { instance } = guest({ preopens: { "/": toAsyncFileSystem(new MemoryFileSystem({ "f.txt": "" })) } }, FILE_GUEST);
    expect(() => instance.getFunc("open")!.call()).toThrow(AsyncHostFunctionError);
  });

  it("a stdin function that returns a Promise, in a synchronous Wasi, names the option it needs", () => {
    const { wasi, instance } = guest({ stdin: async () => null }, `${IMPORTS}
      (memory (export "memory") 1)
      (func (export "_start")
        (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 8))
        (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))`);
    expect(wasi.async).toBe(false);
    expect(() => wasi.start(instance)).toThrow(/async: true/);
  });

  it("async: false with an AsyncFileSystem or an AsyncIterable stdin is refused", () => {
    expect(() => new Wasi({ async: false, preopens: { "/": toAsyncFileSystem(new MemoryFileSystem()) } })).toThrow(TypeError);
    expect(() => new Wasi({ async: false, stdin: (async function* () {})() })).toThrow(TypeError);
    expect(new Wasi({ stdin: (async function* () {})() }).async).toBe(true);
    expect(new Wasi({ async: true }).async).toBe(true);
    expect(new Wasi({ preopens: { "/": new MemoryFileSystem() } }).async).toBe(false);
  });
});

describe("running asynchronously", () => {
  const CAT = `${IMPORTS}
    (memory (export "memory") 1)
    ;; copies stdin to stdout through a 64-byte buffer, then exits with 7
    (func (export "_start")
      (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 64))
      (block $done (loop $more
        (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $done (i32.eqz (i32.load (i32.const 8))))
        (i32.store (i32.const 16) (i32.const 100)) (i32.store (i32.const 20) (i32.load (i32.const 8)))
        (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
        (br $more)))
      (call $proc_exit (i32.const 7)))`;

  it("reads stdin from an async function (async: true), and startAsync returns proc_exit's code", async () => {
    const chunks = ["first ", "second, which is longer than the guest's 64-byte buffer by quite a few bytes", " third"];
    const stdout = new CollectedOutput();
    const asked: number[] = [];
    const { wasi, instance } = guest({
      async: true, stdout: stdout.sink,
      stdin: async (max) => {
        asked.push(max);
        await macrotask();
        const next = chunks.shift();
        return next === undefined ? null : new TextEncoder().encode(next);
      },
    }, CAT);
    expect(await wasi.startAsync(instance)).toBe(7);
    expect(stdout.text()).toBe("first second, which is longer than the guest's 64-byte buffer by quite a few bytes third");
    expect(asked.every((n) => n === 64)).toBe(true);
  });

  it("reads stdin from an AsyncIterable, skipping empty chunks", async () => {
    const stdout = new CollectedOutput();
    async function* source(): AsyncGenerator<Uint8Array> {
      for (const part of ["a", "", "bc", "", "", "def"]) {
        await macrotask();
        yield new TextEncoder().encode(part);
      }
    }
    const { wasi, instance } = guest({ stdin: source(), stdout: stdout.sink }, CAT);
    expect(wasi.async).toBe(true);
    expect(await wasi.startAsync(instance)).toBe(7);
    expect(stdout.text()).toBe("abcdef");
  });

  it("startAsync runs a synchronous Wasi too", async () => {
    const stdout = new CollectedOutput();
    const { wasi, instance } = guest({ stdin: "plain", stdout: stdout.sink }, CAT);
    expect(await wasi.startAsync(instance)).toBe(7);
    expect(stdout.text()).toBe("plain");
  });

  it("closes the files still open at the end, waiting for the backend", async () => {
    const base = toAsyncFileSystem(new MemoryFileSystem({ "f.txt": "x" }), { delay: "macrotask" });
    const closed: string[] = [];
    const fs: AsyncFileSystem = {
      ...base,
      open: async (path, options) => {
        const h = await base.open(path, options);
        return { ...h, close: async () => { await macrotask(); closed.push(path); } };
      },
    };
    const { wasi, instance } = guest({ preopens: { "/": fs } }, `${IMPORTS}
      (memory (export "memory") 1) (data (i32.const 200) "f.txt")
      (func (export "_start")
        (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5) (i32.const 0)
          (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 16))))`);
    expect(await wasi.startAsync(instance)).toBe(0);
    expect(closed).toEqual(["f.txt"]);
  });

  it("poll_oneoff waits on a timer: the event loop runs while the guest sleeps", async () => {
    let timerFiredAt = Infinity;
    let guestDoneAt = 0;
    const { wasi, instance } = guest({ async: true, stdout: () => (guestDoneAt = performance.now()) }, `${IMPORTS}
      (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "_start")
        ;; sleep 40 ms (a relative monotonic clock), then write a byte
        (i64.store (i32.const 0) (i64.const 7)) (i32.store8 (i32.const 8) (i32.const 0))
        (i32.store (i32.const 16) (i32.const 1)) (i64.store (i32.const 24) (i64.const 40000000))
        (drop (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 200)))
        (i32.store (i32.const 300) (i32.const 400)) (i32.store (i32.const 304) (i32.const 1))
        (drop (call $fd_write (i32.const 1) (i32.const 300) (i32.const 1) (i32.const 308))))`);
    const start = performance.now();
    setTimeout(() => (timerFiredAt = performance.now()), 5);
    expect(await wasi.startAsync(instance)).toBe(0);
    expect(guestDoneAt - start).toBeGreaterThanOrEqual(39);
    expect(timerFiredAt).toBeLessThan(guestDoneAt); // it fired during the guest's sleep
  });
});
