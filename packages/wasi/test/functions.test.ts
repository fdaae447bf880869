// WASI functions called by a guest with crafted arguments: bad pointers are FAULT (never a host
// exception), limits hold, and the inputs given to `Wasi` reach the guest exactly.
import { describe, expect, it } from "vitest";
import { Engine, Linker, Module, Store, type Instance } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { CollectedOutput, Errno, MemoryFileSystem, Wasi, type WasiOptions } from "../src/index.js";

const engine = new Engine();

/** Instantiates `body` (module fields importing what they use from WASI) with `options`. */
function guest(options: WasiOptions, body: string): { wasi: Wasi; instance: Instance; call: (name: string, ...args: unknown[]) => number } {
  const wasi = new Wasi(options);
  const module = new Module(engine, parseWat(`(module ${body})`));
  const instance = wasi.defineIn(new Linker<null>(engine)).instantiate(new Store(engine, null), module);
  return { wasi, instance, call: (name, ...args) => instance.getFunc(name)!.call(...args)[0] as number };
}

const FD_WRITE = `(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`;

describe("WASI functions", () => {
  it("answers a pointer outside memory with FAULT", () => {
    const { call } = guest({}, `${FD_WRITE} (memory (export "memory") 1)
      (func (export "write") (param $iovs i32) (param $count i32) (param $nwritten i32) (result i32)
        (call $fd_write (i32.const 1) (local.get $iovs) (local.get $count) (local.get $nwritten)))
      (func (export "setIovec") (param $buf i32) (param $len i32)
        (i32.store (i32.const 0) (local.get $buf)) (i32.store (i32.const 4) (local.get $len)))`);
    const memory = 65_536;
    expect(call("write", memory - 4, 1, 16)).toBe(Errno.FAULT); // the iovec array crosses the end
    expect(call("write", -8, 1, 16)).toBe(Errno.FAULT); // a "negative" pointer is a huge unsigned one
    expect(call("write", 0, 0x2000_0000, 16)).toBe(Errno.FAULT); // count * 8 is far beyond memory
    call("setIovec", memory - 2, 4); // a buffer that crosses the end
    expect(call("write", 0, 1, 16)).toBe(Errno.FAULT);
    call("setIovec", 100, 0);
    expect(call("write", 0, 1, memory - 2)).toBe(Errno.FAULT); // the result pointer crosses the end
    expect(call("write", 0, 1, 16)).toBe(Errno.SUCCESS);
  });

  it("gives the guest its arguments and environment as UTF-8, NUL-terminated", () => {
    const { instance, call } = guest({ args: ["prog", "héllo", ""], env: { A: "1", "Ü": "ß=" } }, `
      (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "environ_get" (func $env (param i32 i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "args") (result i32) (drop (call $args_sizes (i32.const 0) (i32.const 4))) (call $args (i32.const 16) (i32.const 256)))
      (func (export "env") (result i32) (drop (call $env_sizes (i32.const 0) (i32.const 4))) (call $env (i32.const 16) (i32.const 256)))`);
    const memory = instance.getMemory("memory")!;
    const strings = (): string[] => {
      const count = memory.readU32(0);
      const size = memory.readU32(4);
      const text = memory.readString(256, size);
      expect(memory.readU32(16)).toBe(256); // the first pointer points at the buffer
      return text.split("\0").slice(0, count);
    };
    expect(call("args")).toBe(Errno.SUCCESS);
    expect(strings()).toEqual(["prog", "héllo", ""]);
    expect(call("env")).toBe(Errno.SUCCESS);
    expect(strings()).toEqual(["A=1", "Ü=ß="]);
  });

  it("rejects environment names with '=' and strings with NUL", () => {
    expect(() => new Wasi({ env: { "A=B": "1" } })).toThrow(TypeError);
    expect(() => new Wasi({ args: ["a\0b"] })).toThrow(TypeError);
  });

  it("reads stdin from a function, and writes stdout and stderr to sinks", () => {
    const chunks = [new Uint8Array([104, 105]), new Uint8Array([33])];
    const stdout = new CollectedOutput();
    const { call } = guest({ stdin: () => chunks.shift() ?? null, stdout: stdout.sink }, `${FD_WRITE}
      (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      ;; copies stdin to stdout through a 64-byte buffer; returns the bytes copied
      (func (export "cat") (result i32) (local $total i32)
        (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 64))
        (block $done (loop $more
          (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
          (br_if $done (i32.eqz (i32.load (i32.const 8))))
          (i32.store (i32.const 16) (i32.const 100)) (i32.store (i32.const 20) (i32.load (i32.const 8)))
          (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
          (local.set $total (i32.add (local.get $total) (i32.load (i32.const 8))))
          (br $more)))
        (local.get $total))`);
    expect(call("cat")).toBe(3);
    expect(stdout.text()).toBe("hi!");
  });

  it("limits the descriptors a guest may hold open (MFILE)", () => {
    const files = new MemoryFileSystem({ f: "x" });
    const { call } = guest({ preopens: { "/": files }, maxOpenFiles: 6 }, `
      (import "wasi_snapshot_preview1" "path_open"
        (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
      (memory (export "memory") 1) (data (i32.const 0) "f")
      (func (export "open") (result i32)
        (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0)
          (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))`);
    // 0-2 are the streams, 3 the preopen: two more fit
    expect([call("open"), call("open"), call("open")]).toEqual([Errno.SUCCESS, Errno.SUCCESS, Errno.MFILE]);
  });

  it("sleeps in poll_oneoff until a relative clock is due", () => {
    const { call, instance } = guest({}, `
      (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      ;; one subscription at 0: userdata 7, clock monotonic (1), timeout in ns
      (func (export "sleep") (param $ns i64) (result i32)
        (i64.store (i32.const 0) (i64.const 7)) (i32.store8 (i32.const 8) (i32.const 0))
        (i32.store (i32.const 16) (i32.const 1)) (i64.store (i32.const 24) (local.get $ns))
        (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 200)))`);
    const start = performance.now();
    expect(call("sleep", 30_000_000n)).toBe(Errno.SUCCESS);
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
    const memory = instance.getMemory("memory")!;
    expect(memory.readU32(200)).toBe(1); // one event
    expect(memory.readU64(100)).toBe(7n); // its userdata
  });

  it("turns proc_exit into the exit code of start", () => {
    const { wasi, instance } = guest({}, `
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (func (export "_start") (call $exit (i32.const 42)) unreachable)`);
    expect(wasi.start(instance)).toBe(42);
  });
});
