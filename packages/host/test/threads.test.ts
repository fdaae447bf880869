// The threads proposal through the host API: shared memory types, every atomic instruction family (loads,
// stores, read-modify-writes, compare-exchange at all widths, zero-extended), the alignment rules, and
// wait and notify on one thread (threads-workers.test.ts has several). Each family runs with the JS tier on and off (the tier must
// refuse atomics and leave them to the interpreter).
import { describe, expect, it } from "vitest";
import { CompileError, Engine, Instance, LinkError, Memory, Module, Store, TrapCode, WASM2_FEATURES } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

const WAT = `(module
  (memory (export "mem") 1 1 shared)
  (func (export "load32") (param i32) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.atomic.load (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.atomic.load8_u (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.atomic.load16_u (local.get 0)))
  (func (export "load64_8") (param i32) (result i64) (i64.atomic.load8_u (local.get 0)))
  (func (export "load64_16") (param i32) (result i64) (i64.atomic.load16_u (local.get 0)))
  (func (export "load64_32") (param i32) (result i64) (i64.atomic.load32_u (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
  (func (export "store64") (param i32 i64) (i64.atomic.store (local.get 0) (local.get 1)))
  (func (export "store8") (param i32 i32) (i32.atomic.store8 (local.get 0) (local.get 1)))
  (func (export "store16") (param i32 i32) (i32.atomic.store16 (local.get 0) (local.get 1)))
  (func (export "store64_32") (param i32 i64) (i64.atomic.store32 (local.get 0) (local.get 1)))
  (func (export "add32") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i32 i64) (result i64) (i64.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "sub64") (param i32 i64) (result i64) (i64.atomic.rmw.sub (local.get 0) (local.get 1)))
  (func (export "sub8") (param i32 i32) (result i32) (i32.atomic.rmw8.sub_u (local.get 0) (local.get 1)))
  (func (export "and16") (param i32 i32) (result i32) (i32.atomic.rmw16.and_u (local.get 0) (local.get 1)))
  (func (export "or64_32") (param i32 i64) (result i64) (i64.atomic.rmw32.or_u (local.get 0) (local.get 1)))
  (func (export "xor64_8") (param i32 i64) (result i64) (i64.atomic.rmw8.xor_u (local.get 0) (local.get 1)))
  (func (export "xchg64_16") (param i32 i64) (result i64) (i64.atomic.rmw16.xchg_u (local.get 0) (local.get 1)))
  (func (export "cmpxchg32") (param i32 i32 i32) (result i32)
    (i32.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cmpxchg64") (param i32 i64 i64) (result i64)
    (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cmpxchg8") (param i32 i32 i32) (result i32)
    (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fence") (atomic.fence))
  (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2))))`;

for (const jsTier of [true, false]) {
  describe(`atomic instructions (jsTier: ${jsTier})`, () => {
    const engine = new Engine({ jsTier });
    const instance = new Instance(new Store(engine, null), new Module(engine, parseWat(WAT)), []);
    /** The one result (or undefined). */
    const call = (name: string, ...args: (number | bigint)[]) => instance.getFunc(name)!.call(...args)[0];
    const mem = instance.getMemory("mem")!;

    it("loads read the memory at every width, zero-extended", () => {
      mem.data.set([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88], 8);
      expect(call("load32", 8)).toBe(0x84838281 | 0);
      expect(call("load64", 8)).toBe(BigInt.asIntN(64, 0x8887868584838281n));
      expect(call("load8", 9)).toBe(0x82);
      expect(call("load16", 10)).toBe(0x8483);
      expect(call("load64_8", 15)).toBe(0x88n);
      expect(call("load64_16", 14)).toBe(0x8887n);
      expect(call("load64_32", 12)).toBe(0x88878685n);
    });

    it("stores write the value's low bytes", () => {
      call("store64", 16, -1n);
      call("store8", 16, 0x1234);
      expect(call("load64", 16)).toBe(BigInt.asIntN(64, 0xffffffffffffff34n));
      call("store16", 18, 0xabcdef);
      call("store64_32", 20, 0x1122334455667788n);
      expect(call("load64", 16)).toBe(0x55667788cdefff34n);
      call("store32", 16, 7);
      expect(call("load32", 16)).toBe(7);
    });

    it("read-modify-writes return the old value and store the result at their width", () => {
      call("store64", 24, 0xffffffffn);
      expect(call("add64", 24, 1n)).toBe(0xffffffffn);
      expect(call("load64", 24)).toBe(0x100000000n); // the carry crosses into the high word
      expect(call("sub64", 24, 1n)).toBe(0x100000000n);
      expect(call("load64", 24)).toBe(0xffffffffn);
      expect(call("add32", 24, 2)).toBe(-1);
      expect(call("load32", 24)).toBe(1);
      expect(call("sub8", 24, 2)).toBe(1);
      expect(call("load32", 24)).toBe(0xff); // wrapped at 8 bits, the other bytes untouched
      call("store32", 24, 0x12345678);
      expect(call("and16", 24, 0xf0f0)).toBe(0x5678);
      expect(call("load32", 24)).toBe(0x12345070);
      expect(call("or64_32", 24, 0x1_0000_000fn)).toBe(0x12345070n);
      expect(call("load64", 24)).toBe(0x1234507fn); // i64 rmw32: the high word is not written
      expect(call("xor64_8", 24, 0xffn)).toBe(0x7fn);
      expect(call("xchg64_16", 24, 0xaaaa_bbbbn)).toBe(0x5080n);
      expect(call("load32", 24)).toBe(0x1234bbbb);
    });

    it("compare-exchange stores only when the old value equals the expected one (compared at its width)", () => {
      call("store64", 32, 5n);
      expect(call("cmpxchg32", 32, 6, 9)).toBe(5);
      expect(call("load32", 32)).toBe(5);
      expect(call("cmpxchg32", 32, 5, 9)).toBe(5);
      expect(call("load32", 32)).toBe(9);
      expect(call("cmpxchg64", 32, 9n, -2n)).toBe(9n);
      expect(call("load64", 32)).toBe(-2n);
      expect(call("cmpxchg8", 32, 0x1fe, 3)).toBe(0xfe); // expected wrapped to 8 bits: 0xfe equals
      expect(call("load64", 32)).toBe(-253n);
    });

    it("unaligned effective addresses trap, out-of-bounds ones too", () => {
      for (const [name, args] of [["load32", [2]], ["load64", [4]], ["store16", [1, 0]], ["add32", [6, 1]],
        ["cmpxchg64", [12, 0n, 0n]], ["notify", [1, 0]], ["wait64", [4, 0n, 0n]]] as const) {
        const trap = trapOf(() => call(name, ...args));
        expect(trap.code).toBe(TrapCode.UnalignedAtomic);
        expect(trap.message).toMatch(/unaligned atomic/);
      }
      expect(trapOf(() => call("load32", 65536)).code).toBe(TrapCode.MemoryOutOfBounds);
      expect(trapOf(() => call("load8", 65536)).code).toBe(TrapCode.MemoryOutOfBounds);
    });

    it("fence does nothing visible; notify wakes no one when no one waits; wait returns not-equal or timed out", () => {
      expect(call("fence")).toBeUndefined();
      call("store64", 40, 0x1_0000_0007n);
      expect(call("notify", 40, 10)).toBe(0);
      expect(call("wait32", 40, 6, 0n)).toBe(1); // not-equal
      expect(call("wait32", 40, 7, 1_000n)).toBe(2); // timed out (after 1 µs)
      expect(call("wait64", 40, 7n, 0n)).toBe(1); // the high word differs
      expect(call("wait64", 40, 0x1_0000_0007n, 5n)).toBe(2);
      expect(call("wait32", 40, 6, -1n)).toBe(1); // infinite, but not equal: returns
    });

    it("an infinite wait on an equal value sleeps until the store's deadline stops it", () => {
      call("store32", 48, 3);
      const store = instance.store;
      store.setDeadline(50);
      const start = performance.now();
      try {
        const trap = trapOf(() => call("wait32", 48, 3, -1n));
        expect(trap.code).toBe(TrapCode.Interrupted);
        expect(performance.now() - start).toBeGreaterThanOrEqual(45);
        store.setDeadline(30);
        expect(trapOf(() => call("wait64", 48, 3n, -5n)).code).toBe(TrapCode.Interrupted);
      } finally {
        store.setDeadline(null);
      }
    });

    it("a wait with a timeout returns 2 after about that long", () => {
      call("store32", 56, 1);
      const start = performance.now();
      expect(call("wait32", 56, 1, 60_000_000n)).toBe(2); // 60 ms
      const took = performance.now() - start;
      expect(took).toBeGreaterThanOrEqual(55);
      expect(took).toBeLessThan(3000);
    });
  });
}

describe("shared memories", () => {
  const engine = new Engine();

  it("decode with their flag and must declare a maximum", () => {
    const m = new Module(engine, parseWat(`(module (memory (export "m") 1 2 shared))`));
    const store = new Store(engine, null);
    expect(new Instance(store, m, []).getMemory("m")!.type).toMatchObject({ limits: { min: 1, max: 2 }, shared: true });
    expect(() => new Module(engine, parseWat(`(module (memory 1 shared))`))).toThrow(/shared memory must have maximum/);
  });

  it("wait on an unshared memory traps; atomic accesses to it are valid", () => {
    const m = new Module(engine, parseWat(`(module (memory 1)
      (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
      (func (export "add") (result i32) (i32.atomic.rmw.add (i32.const 0) (i32.const 5))))`));
    const instance = new Instance(new Store(engine, null), m, []);
    expect(instance.getFunc("add")!.call()).toEqual([0]);
    expect(instance.getFunc("add")!.call()).toEqual([5]);
    const trap = trapOf(() => instance.getFunc("wait")!.call());
    expect(trap.code).toBe(TrapCode.ExpectedSharedMemory);
    expect(trap.message).toMatch(/expected shared memory/);
  });

  it("imports match only a memory of the same sharedness", () => {
    const store = new Store(engine, null);
    const shared = new Memory(store, { limits: { min: 1, max: 1 }, shared: true });
    const plain = new Memory(store, { limits: { min: 1, max: 1 } });
    const wantsShared = new Module(engine, parseWat(`(module (import "m" "m" (memory 1 1 shared)))`));
    const wantsPlain = new Module(engine, parseWat(`(module (import "m" "m" (memory 1 1)))`));
    expect(() => new Instance(store, wantsShared, [shared])).not.toThrow();
    expect(() => new Instance(store, wantsPlain, [plain])).not.toThrow();
    expect(() => new Instance(store, wantsShared, [plain])).toThrow(LinkError);
    expect(() => new Instance(store, wantsPlain, [shared])).toThrow(LinkError);
  });

  it("atomic alignment must be the natural one", () => {
    expect(() => new Module(engine, parseWat(`(module (memory 1 1 shared)
      (func (drop (i32.atomic.load align=2 (i32.const 0)))))`))).toThrow(/atomic alignment must be natural/);
    expect(() => new Module(engine, parseWat(`(module (memory 1 1 shared)
      (func (drop (i64.atomic.rmw.add align=4 (i32.const 0) (i64.const 0)))))`))).toThrow(CompileError);
  });

  it("are refused without the feature (WebAssembly 2.0)", () => {
    const wasm2 = new Engine({ features: WASM2_FEATURES });
    expect(() => new Module(wasm2, parseWat(`(module (memory 1 1 shared))`))).toThrow(CompileError);
    expect(() => new Module(wasm2, parseWat(`(module (memory 1) (func (atomic.fence)))`))).toThrow(/illegal opcode fe 03/);
  });
});

/**
 * Every atomic store, read-modify-write and compare-exchange instruction, generated from the families
 * (type, width, operation), against a BigInt model of the 8 bytes at the address.
 */
describe("every atomic store and read-modify-write, against a model", () => {
  const WIDTHS = { i32: [8, 16, 32], i64: [8, 16, 32, 64] } as const;
  const OPS = ["add", "sub", "and", "or", "xor", "xchg"] as const;
  const full = (t: "i32" | "i64") => (t === "i32" ? 32 : 64);
  const suffix = (t: "i32" | "i64", w: number) => (w === full(t) ? "" : String(w));
  const cases: { name: string; instr: string; t: "i32" | "i64"; w: number; op: (typeof OPS)[number] | "cmpxchg" | "store" }[] = [];
  for (const t of ["i32", "i64"] as const) {
    for (const w of WIDTHS[t]) {
      const u = w === full(t) ? "" : "_u";
      cases.push({ name: `${t}_store${w}`, instr: `${t}.atomic.store${suffix(t, w)}`, t, w, op: "store" });
      for (const op of [...OPS, "cmpxchg"] as const) {
        cases.push({ name: `${t}_${op}${w}`, instr: `${t}.atomic.rmw${suffix(t, w)}.${op}${u}`, t, w, op });
      }
    }
  }
  const funcs = cases.map(({ name, instr, t, op }) =>
    op === "store" ? `(func (export "${name}") (param i32 ${t}) (${instr} (local.get 0) (local.get 1)))`
    : op === "cmpxchg" ? `(func (export "${name}") (param i32 ${t} ${t}) (result ${t}) (${instr} (local.get 0) (local.get 1) (local.get 2)))`
    : `(func (export "${name}") (param i32 ${t}) (result ${t}) (${instr} (local.get 0) (local.get 1)))`);
  const engine = new Engine();
  const instance = new Instance(
    new Store(engine, null),
    new Module(engine, parseWat(`(module (memory (export "mem") 1 1 shared) ${funcs.join("\n")})`)),
  );
  const view = () => new DataView(instance.getMemory("mem")!.data.buffer);
  const model = (op: string, old: bigint, a: bigint, b: bigint): bigint =>
    op === "add" ? old + a : op === "sub" ? old - a : op === "and" ? old & a : op === "or" ? old | a
    : op === "xor" ? old ^ a : op === "xchg" || op === "store" ? a : old === a ? b : old;
  const INITIAL = [0x8877665544332211n, 0xffffffffffffffffn, 0n, 0x00000000ffffff80n];
  const OPERANDS = [1n, 0xff00n, -1n, 0x1_0000_0080n];

  it("covers every instruction of the families", () => {
    expect(cases.length).toBe(7 * 8); // 7 widths (i32: 8, 16, 32; i64: 8, 16, 32, 64) x (store, 6 rmw, cmpxchg)
    expect(new Set(cases.map((c) => c.instr)).size).toBe(cases.length);
  });

  for (const { name, instr, t, w, op } of cases) {
    it(`${instr}`, () => {
      const mask = (1n << BigInt(w)) - 1n;
      const asT = (v: bigint) => (t === "i32" ? Number(BigInt.asIntN(32, v)) : BigInt.asIntN(64, v));
      for (const initial of INITIAL) {
        for (const [i, operand] of OPERANDS.entries()) {
          const expectedOld = initial & mask;
          // cmpxchg: the expected value is the operand, or (every other case) the old value itself
          const a = op === "cmpxchg" && i % 2 === 1 ? expectedOld : operand;
          const b = 0x0123456789abcdefn;
          view().setBigUint64(64, initial, true);
          const args = op === "cmpxchg" ? [64, asT(a), asT(b)] : [64, asT(a)];
          const result = instance.getFunc(name)!.call(...args);
          // the operands are taken at the instruction's width (an i32 argument is 32 bits)
          const typeMask = t === "i32" ? 0xffffffffn : 0xffffffffffffffffn;
          const written = model(op, expectedOld, BigInt.asUintN(64, a) & typeMask & (op === "cmpxchg" ? mask : typeMask), BigInt.asUintN(64, b) & typeMask);
          if (op === "store") expect(result).toEqual([]);
          else expect(result).toEqual([asT(expectedOld)]);
          expect(view().getBigUint64(64, true)).toBe((initial & ~mask) | (written & mask));
        }
      }
    });
  }
});
