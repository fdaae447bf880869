// Shared memories across threads: the main thread and worker threads (fixtures/shared-memory.worker.mjs)
// instantiate one module importing one shared memory, its SharedArrayBuffer posted to the workers. Wait
// and notify, a contended counter, growth seen by the other thread, a wait stopped by an interrupt from
// another thread. The workers start once (loading the sources takes a while under load) and serve every test.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine, Instance, InterruptHandle, Memory, Module, Store, TrapCode, type MemoryType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const TYPE: MemoryType = { limits: { min: 1, max: 2 }, shared: true };
const BYTES = parseWat(`(module
  (import "env" "mem" (memory 1 2 shared))
  (func (export "wait32") (param i32 i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  ;; adds 1 to the i32 at addr, n times
  (func (export "count") (param $addr i32) (param $n i32)
    (loop $next
      (drop (i32.atomic.rmw.add (local.get $addr) (i32.const 1)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; waits (forever) for the flag at 0 to leave 0, then returns what the waker left at 4
  (func (export "waitForValue") (result i32 i32)
    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))
    (i32.load (i32.const 4)))
  ;; tells (flag at 8) that it runs, spins until the flag at 12 is set, then reads the page that another
  ;; thread added meanwhile: (memory.size, the i32 at 65536 + 16)
  (func (export "spinUntilGrown") (result i32 i32)
    (i32.atomic.store (i32.const 8) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 8) (i32.const 1)))
    (loop $spin (br_if $spin (i32.eqz (i32.atomic.load (i32.const 12)))))
    (memory.size)
    (i32.load (i32.const 65552)))
  ;; waits until the flag at 8 is set, grows the memory by a page, writes 77 in it and sets the flag at 12
  (func (export "growWhenSpinning") (result i32)
    (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
    (memory.grow (i32.const 1))
    (i32.store (i32.const 65552) (i32.const 77))
    (i32.atomic.store (i32.const 12) (i32.const 1))))`);

interface Reply { result?: unknown[]; error?: string; code?: number; interrupts?: SharedArrayBuffer }

class Peer {
  readonly worker = new Worker(new URL("./fixtures/shared-memory.worker.mjs", import.meta.url), {
    execArgv: ["--conditions=@wasmi-ts/source"],
  });
  readonly #failed = new Promise<never>((_, reject) => this.worker.once("error", reject));
  interrupts: SharedArrayBuffer | undefined;

  next(): Promise<Reply> {
    return Promise.race([new Promise<Reply>((resolve) => this.worker.once("message", resolve)), this.#failed]);
  }

  async start(buffer: SharedArrayBuffer): Promise<void> {
    expect(await this.next()).toBe("ready");
    const reply = this.next();
    this.worker.postMessage({ op: "instantiate", bytes: BYTES, type: TYPE, buffer });
    const { interrupts, error } = await reply;
    expect(error).toBeUndefined();
    this.interrupts = interrupts;
  }

  /** Calls `name` in the worker; resolves when it returns. */
  call(name: string, ...args: (number | bigint)[]): Promise<Reply> {
    const reply = this.next();
    this.worker.postMessage({ op: "call", name, args });
    return reply;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(Memory.canShare)("a shared memory across worker threads", () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const memory = new Memory(store, TYPE);
  const instance = new Instance(store, new Module(engine, BYTES), [memory]);
  const call = (name: string, ...args: (number | bigint)[]) => instance.getFunc(name)!.call(...args);
  const peers = [new Peer(), new Peer(), new Peer()];

  beforeAll(async () => {
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    await Promise.all(peers.map((p) => p.start(memory.buffer as SharedArrayBuffer)));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.worker.terminate()));
  });

  it("Memory.fromShared shares the bytes", async () => {
    call("store", 32, 1234);
    expect((await peers[0]!.call("load", 32)).result).toEqual([1234]);
    await peers[1]!.call("store", 36, 5678);
    expect(memory.readI32(36)).toBe(5678);
  });

  it("a waiting worker wakes with 0 on notify and reads the value stored before", async () => {
    memory.writeI32(0, 0);
    const woken = peers[0]!.call("waitForValue");
    call("store", 4, 42);
    // notify until the worker is waiting (one woken): it may not have started its wait yet
    store.setDeadline(10_000);
    try {
      while (call("notify", 0, 1)[0] === 0) await sleep(2);
    } finally {
      store.setDeadline(null);
    }
    expect((await woken).result).toEqual([0, 42]);
  });

  it("a contended counter is exact (i32.atomic.rmw.add from 3 workers and the main thread)", async () => {
    memory.writeI32(64, 0);
    const N = 20_000;
    const done = Promise.all(peers.map((p) => p.call("count", 64, N)));
    call("count", 64, N);
    for (const reply of await done) expect(reply.error).toBeUndefined();
    expect(memory.readI32(64)).toBe(4 * N);
  });

  it("growth from one thread is seen by the other, inside a running call", async () => {
    memory.writeI32(8, 0);
    memory.writeI32(12, 0);
    expect(memory.size).toBe(1);
    const grown = peers[2]!.call("growWhenSpinning");
    store.setDeadline(10_000);
    try {
      expect(call("spinUntilGrown")).toEqual([2, 77]);
    } finally {
      store.setDeadline(null);
    }
    expect((await grown).result).toEqual([1]);
    expect(memory.size).toBe(2);
    expect(memory.readI32(65552)).toBe(77);
    expect((await peers[0]!.call("load", 65552)).result).toEqual([77]);
  });

  it("an interrupt from another thread stops a worker's infinite wait", async () => {
    memory.writeI32(0, 0);
    const waiting = peers[1]!.call("waitForValue");
    // an interrupt raised before the call starts does not stop it: raise them until one does
    const handle = new InterruptHandle(peers[1]!.interrupts!);
    const timer = setInterval(() => handle.interrupt(), 20);
    const reply = await waiting.finally(() => clearInterval(timer));
    expect(reply.code).toBe(TrapCode.Interrupted);
  });

  it("wait: not-equal at once, timed out after its timeout", () => {
    memory.writeI32(96, 5);
    expect(call("wait32", 96, 4, -1n)).toEqual([1]);
    const start = performance.now();
    expect(call("wait32", 96, 5, 30_000_000n)).toEqual([2]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
  });
});

describe.runIf(Memory.canShare)("Memory.fromShared", () => {
  const engine = new Engine();
  const store = new Store(engine, null);

  it("checks the type and the buffer", () => {
    const shared = new Memory(store, TYPE);
    const buffer = shared.buffer as SharedArrayBuffer;
    expect(Memory.fromShared(new Store(engine, null), TYPE, buffer).buffer).toBe(buffer);
    expect(() => Memory.fromShared(store, { limits: { min: 1, max: 2 } }, buffer)).toThrow(TypeError);
    expect(() => Memory.fromShared(store, TYPE, new SharedArrayBuffer(65536))).toThrow(/growable SharedArrayBuffer/);
    expect(() => Memory.fromShared(store, TYPE, new ArrayBuffer(65536) as never)).toThrow(TypeError);
    expect(() => Memory.fromShared(store, { limits: { min: 2, max: 2 }, shared: true }, buffer)).toThrow(RangeError);
  });

  it("an unshared memory's buffer is an ArrayBuffer; a shared one grows in place", () => {
    expect(new Memory(store, { limits: { min: 1, max: 2 } }).buffer).toBeInstanceOf(ArrayBuffer);
    const shared = new Memory(store, TYPE);
    const before = shared.buffer;
    const bytes = shared.data;
    shared.grow(1);
    expect(shared.buffer).toBe(before);
    expect(bytes.length).toBe(2 * 65536);
  });
});
