// Instructions of the post-2.0 proposals that have cases of their own: wide arithmetic, threads' atomic
// accesses, exception handling's throws, typed function references' return_call_ref, table64 indexes and
// reference-typed globals. Each test runs them on both tiers and checks the results against what the
// proposal's semantics give, computed here (BigInt, a DataView model of memory), traps included.
import { describe, expect, test } from "vitest";
import { ExceptionEntity, TrapCode } from "@wasmi-ts/store";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const I64S = [
  0n, 1n, -1n, 2n, 3n, 0x7fn, 0xffn, 0xffffffffn, 0x100000000n, -0x100000000n, 0x123456789abcdef0n,
  -0x123456789abcdef0n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x5555555555555555n, -0x5555555555555556n,
];

/** A deterministic pseudo-random sequence (xorshift32): the same inputs on every run. */
function randoms(seed: number): () => number {
  let x = seed | 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** A function keeping a 128-bit accumulator in two locals: `acc = acc op128 product((x + i), (y - i))` for i < n. */
const accumulator = (name: string, op128: string, product: string): string => `
    (func (export "${name}") (param $x i64) (param $y i64) (param $n i64) (result i64 i64)
      (local $i i64) (local $lo i64) (local $hi i64)
      (block $done (loop $l
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (${op128} (local.get $lo) (local.get $hi)
          (${product} (i64.add (local.get $x) (local.get $i)) (i64.sub (local.get $y) (local.get $i))))
        (local.set $hi) (local.set $lo)
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $l)))
      (local.get $lo) (local.get $hi))`;

describe("wide arithmetic", () => {
  const WAT = `(module
    (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
      (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
    (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
      (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
    (func (export "mul_wide_s") (param i64 i64) (result i64 i64) (i64.mul_wide_s (local.get 0) (local.get 1)))
    (func (export "mul_wide_u") (param i64 i64) (result i64 i64) (i64.mul_wide_u (local.get 0) (local.get 1)))
    ;; a 128-bit accumulator in two locals: the sum of (x + i) * (y - i) for i < n, unsigned, and the
    ;; same sum signed minus itself doubled (exercising sub128 on the results of the others)
    ${accumulator("dot_u", "i64.add128", "i64.mul_wide_u")}
    ${accumulator("dot_s_negated", "i64.sub128", "i64.mul_wide_s")})`;

  const M128 = (1n << 128n) - 1n;
  const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
  const join = (lo: bigint, hi: bigint): bigint => (u64(hi) << 64n) | u64(lo);
  /** A 128-bit value as the (low, high) pair of i64 results. */
  const split = (v: bigint): [bigint, bigint] => [BigInt.asIntN(64, v), BigInt.asIntN(64, (v & M128) >> 64n)];

  test("i64.add128 and i64.sub128 are 128-bit addition and subtraction, wrapping", () => {
    const t = instantiateWat(WAT);
    const next = randoms(0x9e3779b9);
    const pairs: [bigint, bigint][] = [];
    for (const a of I64S) for (const b of [0n, -1n, 1n, a]) pairs.push([a, b]);
    for (let k = 0; k < 40; k++) pairs.push([BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())), BigInt(next() | 0)]);
    for (const [al, ah] of pairs) {
      for (const [bl, bh] of pairs.slice(0, 24)) {
        const a = join(al, ah);
        const b = join(bl, bh);
        expect(t.call("add128", al, ah, bl, bh), `(${al}, ${ah}) + (${bl}, ${bh})`).toEqual(split(a + b));
        expect(t.call("sub128", al, ah, bl, bh), `(${al}, ${ah}) - (${bl}, ${bh})`).toEqual(split(a - b));
      }
    }
  });

  test("i64.mul_wide_s and i64.mul_wide_u give the full 128-bit product", () => {
    const t = instantiateWat(WAT);
    const next = randoms(0x2545f491);
    const values = [...I64S];
    for (let k = 0; k < 24; k++) values.push(BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())));
    for (const a of values) {
      for (const b of values) {
        expect(t.call("mul_wide_s", a, b), `${a} * ${b} signed`).toEqual(split(BigInt.asIntN(64, a) * BigInt.asIntN(64, b)));
        expect(t.call("mul_wide_u", a, b), `${a} * ${b} unsigned`).toEqual(split(u64(a) * u64(b)));
      }
    }
  });

  test("a 128-bit accumulator kept in locals across a loop", () => {
    const t = instantiateWat(WAT);
    for (const [x, y, n] of [[3n, 100n, 50n], [-1n, -1n, 20n], [0x7fffffffffffffffn, -0x8000000000000000n, 33n], [0x123456789n, -5n, 64n]] as const) {
      let du = 0n;
      let ds = 0n;
      for (let i = 0n; i < n; i++) {
        du += u64(x + i) * u64(y - i);
        ds -= BigInt.asIntN(64, x + i) * BigInt.asIntN(64, y - i);
      }
      expect(t.call("dot_u", x, y, n), `dot_u ${x} ${y} ${n}`).toEqual(split(du));
      expect(t.call("dot_s_negated", x, y, n), `dot_s ${x} ${y} ${n}`).toEqual(split(ds));
    }
  });
});

describe("atomic accesses", () => {
  type Kind = "load" | "store" | "rmw" | "cmpxchg";
  interface AtomicOp { name: string; kind: Kind; bytes: number; i64: boolean; rmw?: string }
  // every width of each group: [value type, access width in bits, the name's width suffix]
  const FORMS: [string, number, string][] = [
    ["i32", 32, ""], ["i64", 64, ""], ["i32", 8, "8"], ["i32", 16, "16"], ["i64", 8, "8"], ["i64", 16, "16"], ["i64", 32, "32"],
  ];
  const RMWS = ["add", "sub", "and", "or", "xor", "xchg"];
  const OPS: AtomicOp[] = [];
  for (const [type, bits, w] of FORMS) {
    const i64 = type === "i64";
    const narrow = w === "" ? "" : "_u";
    OPS.push({ name: `${type}.atomic.load${w}${narrow}`, kind: "load", bytes: bits / 8, i64 });
    OPS.push({ name: `${type}.atomic.store${w}`, kind: "store", bytes: bits / 8, i64 });
    for (const rmw of RMWS) OPS.push({ name: `${type}.atomic.rmw${w}.${rmw}${narrow}`, kind: "rmw", bytes: bits / 8, i64, rmw });
    OPS.push({ name: `${type}.atomic.rmw${w}.cmpxchg${narrow}`, kind: "cmpxchg", bytes: bits / 8, i64 });
  }

  /** An export per atomic instruction, named as it is, on the memory `memory` declares. */
  function moduleWith(memory: string): string {
    const funcs = OPS.map(({ name, kind, i64 }) => {
      const t = i64 ? "i64" : "i32";
      switch (kind) {
        case "load": return `(func (export "${name}") (param i32) (result ${t}) (${name} (local.get 0)))`;
        case "store": return `(func (export "${name}") (param i32 ${t}) (${name} (local.get 0) (local.get 1)))`;
        case "rmw": return `(func (export "${name}") (param i32 ${t}) (result ${t}) (${name} (local.get 0) (local.get 1)))`;
        case "cmpxchg": return `(func (export "${name}") (param i32 ${t} ${t}) (result ${t}) (${name} (local.get 0) (local.get 1) (local.get 2)))`;
      }
    });
    return `(module ${memory}
      ${funcs.join("\n      ")}
      (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
      (func (export "load_offset") (param i32) (result i32) (i32.atomic.load offset=4 (local.get 0)))
      (func (export "store64_offset") (param i32 i64) (i64.atomic.store offset=8 (local.get 0) (local.get 1))))`;
  }

  /** The reference: the first bytes of the memory, and what each instruction does to them. */
  class Model {
    readonly view = new DataView(new ArrayBuffer(64));
    read(at: number, bytes: number): bigint {
      switch (bytes) {
        case 1: return BigInt(this.view.getUint8(at));
        case 2: return BigInt(this.view.getUint16(at, true));
        case 4: return BigInt(this.view.getUint32(at, true));
        default: return this.view.getBigUint64(at, true);
      }
    }
    write(at: number, bytes: number, v: bigint): void {
      const u = BigInt.asUintN(8 * bytes, v);
      switch (bytes) {
        case 1: this.view.setUint8(at, Number(u)); return;
        case 2: this.view.setUint16(at, Number(u), true); return;
        case 4: this.view.setUint32(at, Number(u), true); return;
        default: this.view.setBigUint64(at, u, true);
      }
    }
    /** Runs `op`: its result (undefined for a store), as the harness returns it. */
    run(op: AtomicOp, at: number, a: bigint, b: bigint): bigint | undefined {
      const old = this.read(at, op.bytes);
      const mask = (1n << BigInt(8 * op.bytes)) - 1n;
      switch (op.kind) {
        case "load": break;
        case "store": this.write(at, op.bytes, a); return undefined;
        case "cmpxchg": if (old === (a & mask)) this.write(at, op.bytes, b); break; // the expected value truncated
        case "rmw": {
          const combine: Record<string, (x: bigint, y: bigint) => bigint> = {
            add: (x, y) => x + y, sub: (x, y) => x - y, and: (x, y) => x & y, or: (x, y) => x | y, xor: (x, y) => x ^ y, xchg: (_x, y) => y,
          };
          this.write(at, op.bytes, combine[op.rmw!]!(old, a));
        }
      }
      // loaded values are zero-extended, an i32 result as a signed number
      return op.i64 ? BigInt.asIntN(64, old) : BigInt.asIntN(32, old);
    }
  }

  const VALUES = [0n, 1n, -1n, 0x7fn, 0x80n, 0xffn, 0x8000n, 0xffffn, 0x12345678n, 0x80000000n, 0xfedcba9876543210n, 0x0101010102020202n];

  for (const [what, memory] of [["a shared memory", "(memory 1 1 shared)"], ["an unshared memory", "(memory 1)"]]) {
    test(`every load, store, rmw and cmpxchg width on ${what} does what a plain model of memory does`, () => {
      const t = instantiateWat(moduleWith(memory!));
      const model = new Model();
      const next = randoms(0x1234567);
      const arg = (op: AtomicOp, v: bigint): number | bigint => (op.i64 ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(32, v)));
      for (let k = 0; k < 3000; k++) {
        const op = OPS[next() % OPS.length]!;
        const at = (next() % (64 / op.bytes)) * op.bytes; // aligned
        // values often equal to the memory's, so that cmpxchg sometimes succeeds
        const a = next() % 3 === 0 ? model.read(at, op.bytes) : VALUES[next() % VALUES.length]!;
        const b = VALUES[next() % VALUES.length]!;
        const expected = model.run(op, at, a, b);
        const args = op.kind === "load" ? [at] : op.kind === "cmpxchg" ? [at, arg(op, a), arg(op, b)] : [at, arg(op, a)];
        const got = t.call(op.name, ...args);
        if (expected === undefined) expect(got, `${op.name}(${args.join(", ")})`).toEqual([]);
        else expect(got, `${op.name}(${args.join(", ")})`).toBe(op.i64 ? expected : Number(expected));
      }
      for (let at = 0; at < 64; at += 8) expect(t.call("load64", at), `bytes ${at}..${at + 7}`).toBe(BigInt.asIntN(64, model.read(at, 8)));
    });
  }

  test("an unaligned atomic access traps; the alignment is the effective address's, offset included", () => {
    const t = instantiateWat(moduleWith("(memory 1 1 shared)"));
    t.call("i64.atomic.store", 8, 0x1122334455667788n);
    for (const op of OPS) {
      const args = (at: number): (number | bigint)[] => {
        const v = op.i64 ? 1n : 1;
        return op.kind === "load" ? [at] : op.kind === "cmpxchg" ? [at, v, v] : [at, v];
      };
      for (let misalign = 1; misalign < op.bytes; misalign++) {
        expect(trapCode(() => t.call(op.name, ...args(8 + misalign))), `${op.name} at ${8 + misalign}`).toBe(TrapCode.UnalignedAtomic);
      }
      // aligned but past the end of the memory
      expect(trapCode(() => t.call(op.name, ...args(65536))), `${op.name} at 65536`).toBe(TrapCode.MemoryOutOfBounds);
    }
    expect(t.call("load64", 8)).toBe(0x1122334455667788n); // no trapping access wrote
    expect(t.call("load_offset", 4)).toBe(0x55667788); // 4 + 4: aligned
    expect(trapCode(() => t.call("load_offset", 2))).toBe(TrapCode.UnalignedAtomic); // 2 + 4
    t.call("store64_offset", 8, -2n); // 8 + 8
    expect(t.call("load64", 16)).toBe(-2n);
    expect(trapCode(() => t.call("store64_offset", 4, 1n))).toBe(TrapCode.UnalignedAtomic); // 4 + 8
  });
});

describe("exceptions", () => {
  const WAT = `(module
    (tag $e (param i32 i64))
    (tag $other (param i32))
    (global $handled (mut i32) (i32.const 0))
    ;; throws $e (x, x * 3) for x >= 0, $other (x) for x < 0
    (func $thrower (param $x i32)
      (if (i32.lt_s (local.get $x) (i32.const 0)) (then (throw $other (local.get $x))))
      (throw $e (local.get $x) (i64.mul (i64.extend_i32_s (local.get $x)) (i64.const 3))))
    ;; catches $e from a call: the sum of its values; $other passes through
    (func (export "catch_e") (param $x i32) (result i64) (local $y i64)
      (block $h (result i32 i64)
        (try_table (catch $e $h) (call $thrower (local.get $x)))
        (return (i64.const -1)))
      (local.set $y)
      (i64.add (i64.extend_i32_s) (local.get $y)))
    ;; catches either tag: the clause that caught it tells which
    (func (export "which") (param $x i32) (result i32)
      (block $h_other (result i32)
        (block $h_e (result i32 i64)
          (try_table (catch $e $h_e) (catch $other $h_other) (call $thrower (local.get $x)))
          (return (i32.const -1)))
        (drop)
        (return (i32.add (i32.const 1000))))
      (i32.add (i32.const 2000)))
    ;; catch_all catches a throw in the same function
    (func (export "catch_all") (param $x i32) (result i32)
      (block $h
        (try_table (catch_all $h) (throw $other (local.get $x)))
        (return (i32.const 0)))
      (i32.const 1))
    ;; catch_ref and catch_all_ref hold the exception; the handler counts it ($e by 1, others by 100) and
    ;; throws it again with throw_ref: the values arrive unchanged at the next handler out, in the caller
    (func $rethrower (param $x i32) (local $exn exnref)
      (block $h_all (result exnref)
        (block $h_e (result i32 i64 exnref) ;; catch_ref gives the values, then the reference
          (try_table (catch_ref $e $h_e) (catch_all_ref $h_all) (call $thrower (local.get $x)))
          (return))
        (local.set $exn)
        (drop) (drop)
        (global.set $handled (i32.add (global.get $handled) (i32.const 1)))
        (throw_ref (local.get $exn)))
      (global.set $handled (i32.add (global.get $handled) (i32.const 100)))
      (throw_ref))
    (func (export "rethrown") (param $x i32) (result i64) (local $y i64)
      (block $h (result i32 i64)
        (try_table (catch $e $h) (call $rethrower (local.get $x)))
        (return (i64.const -1)))
      (local.set $y)
      (i64.add (i64.extend_i32_s) (local.get $y)))
    (func (export "rethrown_other") (param $x i32) (result i32)
      (block $h (result i32)
        (try_table (catch $other $h) (call $rethrower (local.get $x)))
        (return (i32.const -1))))
    (func (export "handled") (result i32) (global.get $handled))
    ;; an exception no handler catches leaves the export
    (func (export "uncaught") (param $x i32) (call $thrower (local.get $x)))
    (func (export "uncaught_rethrown") (param $x i32) (call $rethrower (local.get $x)))
    (func (export "throw_ref_null") (throw_ref (ref.null exn))))`;

  test("a try_table's catch clause receives the thrown values", () => {
    const t = instantiateWat(WAT);
    for (const x of [0, 1, 5, 1000, 0x7fffffff]) {
      expect(t.call("catch_e", x), `${x}`).toBe(BigInt(x) + BigInt(x) * 3n);
      expect(t.call("which", x)).toBe((1000 + x) | 0);
      expect(t.call("catch_all", x)).toBe(1);
    }
    for (const x of [-1, -5, -0x80000000]) {
      expect(t.call("which", x)).toBe((2000 + x) | 0);
      expect(t.call("catch_all", x)).toBe(1);
    }
  });

  test("catch_ref and throw_ref throw the same exception again to the next handler out", () => {
    const t = instantiateWat(WAT);
    expect(t.call("rethrown", 7)).toBe(28n);
    expect(t.call("rethrown", 0x40000000)).toBe(0x40000000n * 4n);
    expect(t.call("rethrown_other", -9)).toBe(-9); // through catch_all_ref
    expect(t.call("handled")).toBe(102);
  });

  test("an exception no handler catches leaves the export with its tag and values", () => {
    const t = instantiateWat(WAT);
    const [e, other] = t.instance.tags;
    const thrown = (name: string, x: number): ExceptionEntity => {
      try {
        t.call(name, x);
      } catch (error) {
        if (error instanceof ExceptionEntity) return error;
        throw error;
      }
      throw new Error(`${name}(${x}) returned`);
    };
    const exn = thrown("uncaught", 6);
    expect(exn.tag).toBe(e);
    // the values in slot layout: (6, 18n) as words
    expect([exn.words[0], exn.words[2], exn.words[3]]).toEqual([6, 18, 0]);
    expect(thrown("catch_e", -4).tag).toBe(other); // a try_table without a clause for it lets it pass
    const again = thrown("uncaught_rethrown", -3);
    expect(again.tag).toBe(other);
    expect(again.words[0]).toBe(-3);
    expect(t.call("handled")).toBe(100); // the rethrower's catch_all_ref handler ran
    // the instance stays usable
    expect(t.call("catch_e", 2)).toBe(8n);
  });

  test("reference values of an exception survive unwinding through many frames and a throw_ref", () => {
    const t = instantiateWat(`(module
      (type $s (struct (field i32)))
      (type $fn (func (result i32)))
      (tag $e (param (ref null $s) i32 funcref))
      (table $tab 1 funcref)
      (elem declare func $seven)
      (func $seven (type $fn) (i32.const 7))
      ;; n frames down, throws (a struct of 42, 5, $seven)
      (func $deep (param $n i32)
        (if (i32.eqz (local.get $n))
          (then (throw $e (struct.new $s (i32.const 42)) (i32.const 5) (ref.func $seven))))
        (call $deep (i32.sub (local.get $n) (i32.const 1))))
      (func $relay (param $n i32)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (call $deep (local.get $n)))
          (return))
        (throw_ref))
      ;; 42 + 5 + 7, from the caught values
      (func (export "go") (param $n i32) (result i32) (local $f funcref) (local $k i32)
        (block $h (result (ref null $s) i32 funcref)
          (try_table (catch $e $h) (call $relay (local.get $n)))
          (return (i32.const -1)))
        (local.set $f) (local.set $k)
        (table.set $tab (i32.const 0) (local.get $f))
        (i32.add (i32.add (struct.get $s 0) (local.get $k)) (call_indirect $tab (type $fn) (i32.const 0)))))`);
    // deep enough that frames not given back on unwinding would soon exhaust the depth limit
    for (let k = 0; k < 5; k++) expect(t.call("go", 60_000)).toBe(54);
    expect(t.call("go", 0)).toBe(54);
  });

  test("throw_ref of null traps", () => {
    const t = instantiateWat(WAT);
    expect(trapCode(() => t.call("throw_ref_null"))).toBe(TrapCode.NullReference);
  });
});

describe("return_call_ref", () => {
  const WAT = `(module
    (type $step (func (param i64 i64) (result i64)))
    (type $parity (func (param i32) (result i32)))
    (type $three (func (param i32 i32 i32) (result i32)))
    (type $one (func (param i32) (result i32)))
    (elem declare func $sum $even $odd $add3 $sum_not_tail)
    (global $even (ref $parity) (ref.func $even))
    (global $odd (ref $parity) (ref.func $odd))
    ;; sum of 1..n with the accumulator, each step a tail call through a function reference
    (func $sum (type $step)
      (if (result i64) (i64.eqz (local.get 0))
        (then (local.get 1))
        (else (return_call_ref $step (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (local.get 0))
          (ref.func $sum)))))
    (func (export "sum") (param i64) (result i64) (call $sum (local.get 0) (i64.const 0)))
    ;; the same with call_ref: each step a frame more
    (func $sum_not_tail (type $step)
      (if (result i64) (i64.eqz (local.get 0))
        (then (local.get 1))
        (else (call_ref $step (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (local.get 0))
          (ref.func $sum_not_tail)))))
    (func (export "sum_not_tail") (param i64) (result i64) (call $sum_not_tail (local.get 0) (i64.const 0)))
    ;; mutual recursion through references held in globals
    (func $even (type $parity)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
        (else (return_call_ref $parity (i32.sub (local.get 0) (i32.const 1)) (global.get $odd)))))
    (func $odd (type $parity)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (return_call_ref $parity (i32.sub (local.get 0) (i32.const 1)) (global.get $even)))))
    (func (export "is_even") (param i32) (result i32) (call $even (local.get 0)))
    ;; a tail call to a function of more parameters than the caller has
    (func $add3 (type $three) (i32.add (local.get 0) (i32.add (i32.mul (local.get 1) (i32.const 10)) (i32.mul (local.get 2) (i32.const 100)))))
    (func (export "widen") (type $one)
      (return_call_ref $three (local.get 0) (i32.add (local.get 0) (i32.const 1)) (i32.add (local.get 0) (i32.const 2))
        (ref.func $add3)))
    (func (export "null") (param i32) (result i32) (return_call_ref $one (local.get 0) (ref.null $one))))`;

  test("a tail-recursive loop through a function reference runs far past the call depth limit", () => {
    const t = instantiateWat(WAT);
    const n = 1_000_000n; // ten times the default depth limit
    expect(t.call("sum", n)).toBe((n * (n + 1n)) / 2n);
    expect(t.call("sum", 10n)).toBe(55n);
    expect(t.call("sum", 0n)).toBe(0n);
    // without tail calls, the same depth overflows the stack
    expect(t.call("sum_not_tail", 1000n)).toBe(500500n);
    expect(trapCode(() => t.call("sum_not_tail", n))).toBe(TrapCode.StackOverflow);
  });

  test("mutual tail recursion through references in globals", () => {
    const t = instantiateWat(WAT);
    for (const n of [0, 1, 2, 7, 10, 300_001, 1_000_000]) expect(t.call("is_even", n), `${n}`).toBe(n % 2 === 0 ? 1 : 0);
  });

  test("a tail call to a function with more parameters passes them all", () => {
    const t = instantiateWat(WAT);
    for (const x of [0, 1, 7, -4]) expect(t.call("widen", x)).toBe(x + (x + 1) * 10 + (x + 2) * 100);
  });

  test("return_call_ref of null traps", () => {
    const t = instantiateWat(WAT);
    expect(trapCode(() => t.call("null", 1))).toBe(TrapCode.NullFunctionReference);
  });
});

describe("tables with i64 indexes", () => {
  const WAT = `(module
    (type $r (func (result i32)))
    (table $t i64 4 8 funcref)
    (elem (table $t) (i64.const 0) func $a $b $c)
    (func $a (type $r) (i32.const 10))
    (func $b (type $r) (i32.const 20))
    (func $c (type $r) (i32.const 30))
    (func (export "size") (result i64) (table.size $t))
    (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
    (func (export "call") (param i64) (result i32) (call_indirect $t (type $r) (local.get 0)))
    (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0))))
    ;; table[i] = table[j]
    (func (export "copy_one") (param $i i64) (param $j i64) (table.set $t (local.get $i) (table.get $t (local.get $j)))))`;

  test("table.size is an i64 and follows table.grow", () => {
    const t = instantiateWat(WAT);
    expect(t.call("size")).toBe(4n);
    expect(t.call("grow", 3n)).toBe(4n);
    expect(t.call("size")).toBe(7n);
    expect(t.call("grow", 2n)).toBe(-1n); // past the maximum of 8
    expect(t.call("size")).toBe(7n);
    expect(t.call("is_null", 6n)).toBe(1);
  });

  test("call_indirect, table.get and table.set take an i64 index", () => {
    const t = instantiateWat(WAT);
    expect([0n, 1n, 2n].map((i) => t.call("call", i))).toEqual([10, 20, 30]);
    expect(t.call("is_null", 3n)).toBe(1);
    expect(trapCode(() => t.call("call", 3n))).toBe(TrapCode.IndirectCallToNull);
    t.call("copy_one", 3n, 1n);
    expect(t.call("call", 3n)).toBe(20);
    t.call("copy_one", 0n, 2n);
    expect(t.call("call", 0n)).toBe(30);
  });

  test("an index past the size traps, one of 2^32 or more too (it does not wrap to a small one)", () => {
    const t = instantiateWat(WAT);
    for (const i of [4n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x100000002n, 0x7fffffff00000000n, -1n, -0x8000000000000000n]) {
      expect(trapCode(() => t.call("call", i)), `call ${i}`).toBe(TrapCode.UndefinedElement); // call_indirect's own code
      expect(trapCode(() => t.call("is_null", i)), `get ${i}`).toBe(TrapCode.TableOutOfBounds);
      expect(trapCode(() => t.call("copy_one", i, 0n)), `set ${i}`).toBe(TrapCode.TableOutOfBounds);
      expect(trapCode(() => t.call("copy_one", 3n, i)), `get for set ${i}`).toBe(TrapCode.TableOutOfBounds);
    }
    expect(t.call("is_null", 3n)).toBe(1); // nothing was written
  });

  test("a constant index of 2^32 or more traps too", () => {
    const t = instantiateWat(`(module
      (table $t i64 4 funcref)
      (elem (table $t) (i64.const 1) func $f)
      (func $f)
      (func (export "get_1") (result i32) (ref.is_null (table.get $t (i64.const 1))))
      (func (export "get_2p32_plus_1") (result i32) (ref.is_null (table.get $t (i64.const 0x100000001)))))`);
    expect(t.call("get_1")).toBe(0);
    expect(trapCode(() => t.call("get_2p32_plus_1"))).toBe(TrapCode.TableOutOfBounds);
  });
});

describe("reference-typed globals", () => {
  // externrefs made inside the module (i31 values converted to extern), read back by converting again
  const WAT = `(module
    (type $fn (func (result i32)))
    (table $tab 1 funcref)
    (elem declare func $a $b)
    (func $a (type $fn) (i32.const 1))
    (func $b (type $fn) (i32.const 2))
    (global $f (mut funcref) (ref.null func))
    (global $typed (mut (ref null $fn)) (ref.func $b))
    (global $init funcref (ref.func $a))
    (global $x (mut externref) (ref.null extern))
    (func (export "set_f") (param $k i32)
      (global.set $f (select (result funcref) (ref.func $a) (ref.func $b) (local.get $k))))
    (func (export "clear_f") (global.set $f (ref.null func)))
    (func (export "f_is_null") (result i32) (ref.is_null (global.get $f)))
    ;; calls what $f holds through the table
    (func (export "call_f") (result i32)
      (table.set $tab (i32.const 0) (global.get $f))
      (call_indirect $tab (type $fn) (i32.const 0)))
    (func (export "call_init") (result i32)
      (table.set $tab (i32.const 0) (global.get $init))
      (call_indirect $tab (type $fn) (i32.const 0)))
    (func (export "swap_typed") (param $k i32)
      (global.set $typed (select (result (ref null $fn)) (ref.func $a) (ref.func $b) (local.get $k))))
    (func (export "call_typed") (result i32) (call_ref $fn (global.get $typed)))
    (func (export "set_x") (param i32) (global.set $x (extern.convert_any (ref.i31 (local.get 0)))))
    (func (export "clear_x") (global.set $x (ref.null extern)))
    (func (export "x_is_null") (result i32) (ref.is_null (global.get $x)))
    (func (export "x_value") (result i32) (i31.get_s (ref.cast (ref i31) (any.convert_extern (global.get $x))))))`;

  test("global.get and global.set of funcref globals keep the function", () => {
    const t = instantiateWat(WAT);
    expect(t.call("f_is_null")).toBe(1);
    expect(trapCode(() => t.call("call_f"))).toBe(TrapCode.IndirectCallToNull);
    t.call("set_f", 1);
    expect(t.call("f_is_null")).toBe(0);
    expect(t.call("call_f")).toBe(1);
    t.call("set_f", 0);
    expect(t.call("call_f")).toBe(2);
    t.call("clear_f");
    expect(t.call("f_is_null")).toBe(1);
    expect(t.call("call_init")).toBe(1);
    expect(t.call("call_typed")).toBe(2);
    t.call("swap_typed", 1);
    expect(t.call("call_typed")).toBe(1);
  });

  test("global.get and global.set of externref globals keep the reference", () => {
    const t = instantiateWat(WAT);
    expect(t.call("x_is_null")).toBe(1);
    for (const v of [0, 1, -1, 12345, 0x3fffffff, -0x40000000]) {
      t.call("set_x", v);
      expect(t.call("x_is_null")).toBe(0);
      expect(t.call("x_value")).toBe(v);
    }
    t.call("clear_x");
    expect(t.call("x_is_null")).toBe(1);
    expect(trapCode(() => t.call("x_value"))).toBe(TrapCode.CastFailure);
  });
});
