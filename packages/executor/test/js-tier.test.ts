// The JavaScript tier (translate/js/): leaf functions on numeric values compiled to JavaScript must
// compute exactly what the interpreter computes, traps and NaN bits included. Each program runs twice,
// with and without the tier, called from Wasm (the interpreter's call path) and from the host (the entry
// path), over inputs that reach every branch; the tier must have taken exactly the functions it claims.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { funcExtern, hostFunc, instantiateWat, newStore, trapCode, type TestInstance } from "./interpret-harness.js";
import { ValType, wasmBacktraceOf } from "@wasmi-ts/store";
import type { CompiledModule } from "../src/index.js";
import { directTried, setChunkingForTests } from "../src/translate/js/compile-leaf.js";
import type { ExecState } from "../src/interpret/state.js";

const INPUTS = [0, 1, 2, 3, 5, 7, 31, 32, 33, 100, 255, 256, 1000, 65535, 65536, 0x7fffffff, -1, -2, -7, -0x80000000, 0x12345678];

/** `leaf`'s body wrapped in a module with memory, globals and a caller `viaWasm` that calls it. */
function program(params: number, body: string, extra = ""): string {
  const ps = Array.from({ length: params }, () => "i32").join(" ");
  const gets = Array.from({ length: params }, (_, i) => `(local.get ${i})`).join(" ");
  return `(module
    (memory 1)
    (data (i32.const 0) "\\01\\02\\03\\04\\85\\86\\87\\88\\ff\\fe\\7f\\80")
    (global $g (mut i32) (i32.const 7))
    (global $k i32 (i32.const -3))
    (global $w (mut i64) (i64.const 0x1122334455667788))
    (func $leaf (export "leaf") (param ${ps}) (result i32) ${body})
    (func (export "viaWasm") (param ${ps}) (result i32) (i32.add (call $leaf ${gets}) (i32.const 0)))
    ${extra})`;
}

/** Results or trap codes of `name` on every input pair. */
function outcomes(t: TestInstance, name: string, params: number): string[] {
  const out: string[] = [];
  for (const a of INPUTS) {
    for (const b of params > 1 ? INPUTS : [0]) {
      const args = [a, b].slice(0, params);
      const code = trapCode(() => out.push(String(t.call(name, ...args))));
      if (code !== undefined) out.push(`trap ${code}`);
    }
  }
  return out;
}

/** Rounds from..to of a mix of i64 operations on locals $x and $y: code (a lot of it) to cut into chunks. */
function mixingRounds(from: number, to: number): string {
  return Array.from({ length: to - from }, (_, k) => `
    (local.set $y (i64.add (i64.rotl (local.get $y) (i64.const ${(from + k) % 64})) (i64.xor (local.get $x) (i64.const ${(from + k) * 0x9e3779b9}))))
    (local.set $x (i64.mul (local.get $x) (i64.or (local.get $y) (i64.const 1))))`).join("");
}

function compiledToJs(t: TestInstance, index: number): boolean {
  return (t.instance.module as CompiledModule).code[index]?.js != null;
}

/** A program: what it shows, the leaf's parameter count and body. `viaWasm`, its caller, is compiled
 * too: with the leaf's code in place, a call of its direct form, or a call out. */
const CASES: [string, number, string][] = [
  ["arithmetic and bit operations", 2, `
    (i32.xor (i32.add (i32.mul (local.get 0) (i32.const 31)) (i32.sub (local.get 1) (i32.const -5)))
      (i32.or (i32.rotl (local.get 0) (local.get 1)) (i32.rotr (local.get 1) (i32.const 7))))
    (i32.add (i32.shr_s (local.get 0) (local.get 1)) (i32.shr_u (local.get 1) (local.get 0)))
    (i32.xor)
    (i32.add (i32.clz (local.get 0)) (i32.add (i32.ctz (local.get 1)) (i32.popcnt (local.get 0))))
    (i32.add)
    (i32.add (i32.extend8_s (local.get 1)))
    (i32.add (i32.extend16_s (local.get 0)))`],
  ["comparisons", 2, `
    (i32.add (i32.lt_s (local.get 0) (local.get 1)) (i32.shl (i32.lt_u (local.get 0) (local.get 1)) (i32.const 1)))
    (i32.add (i32.shl (i32.ge_s (local.get 0) (i32.const 100)) (i32.const 2)))
    (i32.add (i32.shl (i32.gt_u (local.get 1) (i32.const -7)) (i32.const 3)))
    (i32.add (i32.shl (i32.eqz (local.get 0)) (i32.const 4)))
    (i32.add (i32.shl (i32.ne (local.get 0) (local.get 1)) (i32.const 5)))
    (i32.add (i32.shl (i32.le_u (local.get 0) (local.get 1)) (i32.const 6)))`],
  ["divisions trap on zero and overflow", 2, `
    (i32.add (i32.div_s (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
    (i32.add (i32.div_u (local.get 0) (local.get 1)))
    (i32.add (i32.rem_s (local.get 0) (local.get 1)))`],
  ["loops, locals and a running sum", 1, `
    (local $i i32) (local $s i32)
    (local.set $i (i32.and (local.get 0) (i32.const 1023)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.tee $i (i32.sub (local.get $i) (i32.const 1))))))
      (br $next)))
    (local.get $s)`],
  ["a value kept on the stack while its local changes", 1, `
    (local $x i32)
    (local.set $x (local.get 0))
    (local.get $x)
    (local.set $x (i32.add (local.get $x) (i32.const 1000)))
    (i32.sub (local.get $x))`],
  ["blocks and ifs with results, br_if and br_table carrying values", 1, `
    (block $out (result i32)
      (block $b (result i32)
        (block $a (result i32)
          (br_table $a $b $out (i32.const 10) (i32.and (local.get 0) (i32.const 3))))
        (drop (br_if $out (i32.const 20) (i32.gt_u (local.get 0) (i32.const 100))))
        (i32.add (i32.const 1)))
      (if (result i32) (i32.and (local.get 0) (i32.const 4))
        (then (i32.const 3))
        (else (i32.sub (i32.const 0) (local.get 0))))
      (i32.add))`],
  ["loops with parameters and results", 1, `
    (i32.const 0) (local.get 0)
    (loop $l (param i32 i32) (result i32 i32)
      (block $go (param i32 i32) (result i32 i32)
        (br_if $go (i32.gt_u (local.get 0) (i32.const 0)))
        (return (i32.const -1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (i32.add (i32.const 1))
      (br_if $l (i32.and (local.get 0) (i32.const 15))))
    (i32.add)`],
  ["memory: every width, signed and unsigned, bounds checked", 1, `
    (i32.store8 offset=16 (i32.and (local.get 0) (i32.const 7)) (local.get 0))
    (i32.store16 offset=24 (i32.and (local.get 0) (i32.const 6)) (local.get 0))
    (i32.store offset=32 (i32.and (local.get 0) (i32.const 13)) (local.get 0))
    (i32.add (i32.load8_s (i32.and (local.get 0) (i32.const 15))) (i32.load8_u offset=1 (i32.and (local.get 0) (i32.const 15))))
    (i32.add (i32.load16_s offset=16 (i32.and (local.get 0) (i32.const 15))))
    (i32.add (i32.load16_u offset=2 (i32.and (local.get 0) (i32.const 15))))
    (i32.add (i32.load offset=32 (i32.and (local.get 0) (i32.const 15))))
    (i32.add (i32.load offset=65532 (i32.and (local.get 0) (i32.const 7))))
    (i32.add (memory.size))`],
  ["memory.copy (overlapping both ways) and memory.fill, bounds checked", 2, `
    (memory.fill (i32.and (local.get 0) (i32.const 0xffff)) (local.get 1) (i32.and (local.get 1) (i32.const 0x1ff)))
    (memory.copy (i32.const 3) (i32.const 0) (i32.and (local.get 0) (i32.const 0x3f)))
    (memory.copy (i32.const 0) (i32.const 5) (i32.and (local.get 1) (i32.const 0x3f)))
    (memory.copy (i32.and (local.get 1) (i32.const 0xffff)) (i32.const 100) (local.get 0))
    (i32.add (i32.load (i32.const 0)) (i32.load offset=4 (i32.const 0)))
    (i32.add (i32.load (i32.and (local.get 0) (i32.const 0xfffc))))
    (i32.add (i32.load8_u (i32.and (local.get 1) (i32.const 0xffff))))`],
  ["i64 arithmetic, shifts and rotations on two words", 2, `
    (local $x i64) (local $y i64)
    (local.set $x (i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_s (local.get 1))))
    (local.set $y (i64.mul (local.get $x) (i64.const 0x9e3779b97f4a7c15)))
    (local.set $y (i64.xor (local.get $y) (i64.rotl (local.get $x) (i64.extend_i32_u (local.get 1)))))
    (local.set $y (i64.add (local.get $y) (i64.shr_s (local.get $x) (i64.const 13))))
    (local.set $y (i64.sub (local.get $y) (i64.shr_u (local.get $x) (i64.extend_i32_u (local.get 0)))))
    (local.set $y (i64.and (local.get $y) (i64.rotr (local.get $y) (i64.const 7))))
    (i32.xor (i32.wrap_i64 (local.get $y)) (i32.wrap_i64 (i64.shr_u (local.get $y) (i64.const 32))))
    (i32.add (i32.wrap_i64 (i64.add (i64.clz (local.get $x)) (i64.add (i64.ctz (local.get $y)) (i64.popcnt (local.get $x))))))
    (i32.add (i32.wrap_i64 (i64.extend8_s (local.get $y))))
    (i32.add (i32.wrap_i64 (i64.extend32_s (local.get $x))))`],
  ["i64 comparisons, divisions, select and globals", 2, `
    (local $x i64) (local $y i64)
    (local.set $x (i64.extend_i32_s (local.get 0)))
    (local.set $y (i64.mul (i64.extend_i32_s (local.get 1)) (i64.const 0x100000001)))
    (global.set $w (i64.add (global.get $w) (local.get $y)))
    (i32.add (i64.lt_s (local.get $x) (local.get $y)) (i32.shl (i64.ge_u (local.get $x) (local.get $y)) (i32.const 1)))
    (i32.add (i32.shl (i64.eqz (local.get $x)) (i32.const 2)))
    (i32.add (i32.shl (i64.ne (global.get $w) (local.get $y)) (i32.const 3)))
    (i32.add (i32.wrap_i64 (select (local.get $x) (local.get $y) (local.get 1))))
    (i32.add (i32.wrap_i64 (i64.div_s (local.get $y) (local.get $x))))
    (i32.add (i32.wrap_i64 (i64.rem_u (local.get $y) (local.get $x))))`],
  ["i64 loops, blocks with i64 results, and i64 memory", 1, `
    (local $acc i64) (local $i i32)
    (i64.store offset=40 (i32.and (local.get 0) (i32.const 7)) (i64.extend_i32_s (local.get 0)))
    (i64.store32 offset=48 (i32.const 0) (i64.const -1))
    (i64.store16 offset=52 (i32.const 0) (i64.const 0x12345))
    (i64.store8 offset=54 (i32.const 0) (i64.const 0x1ff))
    (local.set $i (i32.and (local.get 0) (i32.const 63)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $acc (i64.add (local.get $acc) (i64.load offset=40 (i32.and (local.get $i) (i32.const 15)))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
    (block $b (result i64)
      (drop (br_if $b (i64.const 5) (i32.eq (local.get 0) (i32.const 7))))
      (i64.add (local.get $acc) (i64.load32_u offset=48 (i32.const 0))))
    (i64.add (i64.load16_s offset=52 (i32.const 0)))
    (i64.add (i64.load8_u offset=54 (i32.const 0)))
    (i64.add (i64.load32_s offset=65528 (i32.and (local.get 0) (i32.const 7))))
    (i32.wrap_i64)`],
  ["many locals and a deep stack (no generated name clashes with the templates' own)", 1, `
    (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64) (local i64)
    (local.set 33 (i64.extend_i32_u (local.get 0)))
    (local.set 32 (i64.load offset=0 (i32.const 0)))
    (local.set 8 (i64.add (local.get 33) (local.get 32)))
    (i32.add (i32.const 1) (i32.add (i32.const 2) (i32.add (i32.const 3) (i32.add (i32.const 4) (i32.add (i32.const 5)
      (i32.add (i32.const 6) (i32.add (i32.const 7) (i32.add (i32.const 8) (i32.add (i32.const 9)
        (i32.add (i32.load8_u (local.get 0)) (i32.wrap_i64 (i64.mul (local.get 8) (local.get 33)))))))))))))`],
  ["i64 shifts and rotations by every kind of constant count (inline on the two words)", 2, `
    (local $x i64) (local $y i64)
    (local.set $x (i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_u (local.get 1))))
    ${["shl", "shr_s", "shr_u", "rotl", "rotr"].flatMap((op) => [0, 1, 13, 31, 32, 33, 45, 63, 64, 127, -1].map((n) =>
      `(local.set $y (i64.add (i64.rotl (local.get $y) (i64.const 5)) (i64.${op} (local.get $x) (i64.const ${n}))))`)).join("\n")}
    (i32.xor (i32.wrap_i64 (local.get $y)) (i32.wrap_i64 (i64.shr_u (local.get $y) (i64.const 32))))`],
  ["self tail calls: a loop, declared locals zeroed on each call", 2, `
    (local $sum i32) (local $w i64)
    (local.set $sum (i32.add (local.get $sum) (i32.and (local.get 0) (i32.const 255))))
    (local.set $w (i64.add (local.get $w) (i64.extend_i32_u (local.get $sum))))
    (if (i32.le_u (i32.and (local.get 0) (i32.const 255)) (i32.const 1))
      (then (return (i32.add (local.get 1) (i32.wrap_i64 (local.get $w))))))
    (return_call $leaf
      (i32.sub (i32.and (local.get 0) (i32.const 255)) (i32.const 1))
      (i32.add (i32.mul (local.get 1) (i32.const 31)) (i32.add (local.get $sum) (i32.wrap_i64 (local.get $w)))))`],
  ["a function too large for one JavaScript function (chunks): values on the operand stack and locals across them, a return and a trap inside", 2, `
    (local $x i64) (local $y i64)
    (local.set $x (i64.extend_i32_u (local.get 0)))
    (local.set $y (i64.extend_i32_s (local.get 1)))
    (i32.const 64) ;; the address of the store at the end stays on the stack
    ${mixingRounds(0, 150)}
    (if (i32.eq (local.get 0) (i32.const 7)) (then (return (i32.const 99))))
    (local.set $y (i64.add (local.get $y) (i64.div_u (local.get $x) (i64.extend_i32_u (local.get 1)))))
    ${mixingRounds(150, 300)}
    (i64.store (local.get $y))
    (i32.add (i32.load offset=64 (i32.const 0)) (i32.load offset=68 (i32.const 0)))`],
  ["an i64 comparison, kept as an expression, before an `if` whose body ends a chunk (its operands are not carried across)", 2, `
    (local $x i64) (local $y i64)
    (local.set $x (i64.extend_i32_u (local.get 0)))
    (local.set $y (i64.extend_i32_s (local.get 1)))
    ${Array.from({ length: 120 }, (_, k) => `
    (if (i64.ne (local.get $y) (local.get $y))
      (then ${mixingRounds(k, k + 2)})
      (else (local.set $x (i64.add (local.get $x) (i64.const ${k})))))`).join("")}
    (i32.wrap_i64 (i64.xor (local.get $x) (i64.shr_u (local.get $y) (i64.const 32))))`],
  // (the tier keeps i32 values as JavaScript int32s: a u32 above 2^31 compares and equals otherwise)
  ["an unsigned shift's result in a local, compared signed and for equality (QuickJS's JS_NewUint32)", 2, `
    (local $u i32)
    (local.set $u (i32.shr_u (local.get 0) (local.get 1)))
    (if (i32.le_s (local.get $u) (i32.const 0x7fffffff)) (then (return (i32.const 1))))
    (if (i32.eq (local.get $u) (i32.const -1)) (then (return (i32.const 2))))
    (select (i32.const 3) (i32.const 4) (i32.gt_s (local.get $u) (i32.shr_u (local.get 1) (i32.const 0))))`],
  ["globals, select, drop, unreachable", 2, `
    (global.set $g (i32.add (global.get $g) (local.get 0)))
    (drop (i32.const 99))
    (if (i32.eq (local.get 0) (i32.const 5)) (then unreachable))
    (select (global.get $g) (global.get $k) (local.get 1))`],
];

/** The program of a case run compiled by the tier and interpreted only: both must give the same outcomes;
 * returns the two instances. */
function sameOutcomes(params: number, body: string): [tier: TestInstance, plain: TestInstance] {
  const wat = program(params, body);
  const tier = instantiateWat(wat, { config: { jsTier: "eager" } });
  const plain = instantiateWat(wat, { config: { jsTier: false } });
  for (const name of ["leaf", "viaWasm"]) {
    expect(outcomes(tier, name, params), name).toEqual(outcomes(plain, name, params));
  }
  expect(compiledToJs(tier, 0), "the leaf is compiled to JavaScript").toBe(true);
  return [tier, plain];
}

describe("the JavaScript tier computes what the interpreter computes", () => {
  for (const [what, params, body] of CASES) {
    test(what, () => {
      const [tier, plain] = sameOutcomes(params, body);
      expect(compiledToJs(tier, 1), "its caller").toBe(true);
      expect(compiledToJs(plain, 0), "jsTier: false").toBe(false);
    });
  }
});

// The same programs with every leaf form cut into chunks wherever it may be cut (a few hundred bytes of
// bytecode each): values and locals across every kind of cut.
describe("the JavaScript tier computes what the interpreter computes, every function in chunks", () => {
  beforeAll(() => setChunkingForTests(400, 300));
  afterAll(() => setChunkingForTests());
  for (const [what, params, body] of CASES) test(what, () => void sameOutcomes(params, body));
});

// And cut into regions (translate/js/regions.ts) wherever they may start: at any depth of blocks, with
// exits out of loops, blocks and `if` arms that the region does not hold, values (blocks' results) carried.
describe("the JavaScript tier computes what the interpreter computes, every function in regions", () => {
  beforeAll(() => setChunkingForTests(400, 1, true));
  afterAll(() => setChunkingForTests());
  for (const [what, params, body] of CASES) test(what, () => void sameOutcomes(params, body));
});

/** An interpreter's dispatch loop: a loop around a br_table over `cases` cases, each mixing the
 * accumulator (some in an if-else, some storing to memory), the whole larger than one JavaScript
 * function may be (more than 16 KiB of Wasm): the tier compiles it in regions (regions.ts). */
function dispatchLoop(cases: number): string {
  const labels = Array.from({ length: cases }, (_, k) => `$c${k}`);
  const code = (k: number): string => {
    const mix = `(local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const ${k % 31 + 1})) (i32.add (local.get 1) (i32.const ${k * 7919}))))`;
    if (k % 3 === 1) return `(if (i32.and (local.get $acc) (i32.const 1)) (then ${mix}) (else (local.set $acc (i32.sub (local.get $acc) (i32.const ${k})))))`;
    if (k % 3 === 2) return `${mix} (i32.store (i32.and (local.get $acc) (i32.const 0xfffc)) (local.get $acc))`;
    return `${mix} ${mix.replace(`${k * 7919}`, `${k * 31}`)}`;
  };
  let nest = `(br_table ${labels.join(" ")} (i32.rem_u (i32.add (local.get $i) (local.get 0)) (i32.const ${cases})))`;
  labels.forEach((label, k) => { nest = `(block ${label} ${nest}) ${code(k)} (br $step)`; });
  return `(local $acc i32) (local $i i32)
    (loop $next
      (block $step ${nest})
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 40))))
    (i32.add (local.get $acc) (i32.load (i32.const 64)))`;
}

test("an interpreter's dispatch loop too large for one JavaScript function runs compiled, in regions", () => {
  const body = dispatchLoop(480);
  const [tier] = sameOutcomes(2, body);
  const code = (tier.instance.module as CompiledModule).ir.codes[0]!;
  expect(code.end - code.start, "bytes of Wasm code").toBeGreaterThan(16 * 1024);
});

describe("what the tier leaves to the interpreter", () => {
  const cases: [string, string][] = [
    // a recursion goes through the direct form, which returns one value at most
    ["a recursive call of two results", `(param i32) (result i32 i32)
      (if (result i32 i32) (local.get 0) (then (call 0 (i32.shr_u (local.get 0) (i32.const 1)))) (else (i32.const 0) (i32.const 1)))`],
    ["memory.grow", "(param i32) (result i32) (memory.grow (local.get 0))"],
    // two results: the tier's templates write one (the interpreter's helpers do it)
    ["wide arithmetic", `(param i32) (result i32)
      (i64.mul_wide_u (i64.extend_i32_u (local.get 0)) (i64.const -1)) (drop) (i32.wrap_i64)`],
    // typed function references (3.0): references on the stack of a function on integers
    ["call_ref", "(param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $other))"],
    ["ref.as_non_null and br_on_null", `(param i32) (result i32)
      (block (result i32) (drop (ref.as_non_null (ref.func $other)))
        (br_on_null 0 (local.get 0) (ref.func $other)) (drop))`],
    // exception handling: an exception must unwind the interpreter's frames to their handlers
    ["a throw", "(param i32) (result i32) (if (i32.eqz (local.get 0)) (then (throw $t (local.get 0)))) (local.get 0)"],
    ["a try_table", "(param i32) (result i32) (block $h (result i32) (try_table (result i32) (catch $t $h) (local.get 0)))"],
    ["a legacy try", "(param i32) (result i32) (try (result i32) (do (local.get 0)) (catch $t))"],
    // GC (3.0): the 0xfb instructions and ref.eq
    ["i31 (0xfb)", "(param i32) (result i32) (i31.get_s (ref.i31 (local.get 0)))"],
    ["ref.eq", "(param i32) (result i32) (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 0)))"],
  ];
  for (const [what, func] of cases) {
    test(`a function with ${what} is not compiled, and runs`, () => {
      const t = instantiateWat(`(module (memory 1) (global $f (mut f32) (f32.const 0)) (tag $t (param i32))
        (type $ii (func (param i32) (result i32))) (elem declare func $other)
        (func (export "f") ${func}) (func $other (param i32) (result i32) (local.get 0))
        (func $float (param i32) (result i32) (i32.trunc_f64_s (f64.convert_i32_s (local.get 0))))
        (func $recursive (param i32) (result i32)
          (if (result i32) (local.get 0) (then (call $recursive (i32.sub (local.get 0) (i32.const 1)))) (else (i32.const 0)))))`,
      { config: { jsTier: "eager" } }); // eager: else a function without loops waits to be found hot
      expect(t.call("f", 1)).toBeDefined(); // translated (lazily) by now
      expect(compiledToJs(t, 0)).toBe(false);
    });
  }

  test("nothing is compiled with fuel metering", () => {
    const t = instantiateWat(program(1, "(local.get 0)"), { config: { consumeFuel: true } });
    t.store.fuel = 1000;
    expect(t.call("leaf", 3)).toBe(3);
    expect(compiledToJs(t, 0)).toBe(false);
  });
});

describe("calls compiled in place (inlined)", () => {
  const wat = `(module (memory 1)
    (func $inner (param $x i64) (param $n i32) (result i64 i32) (local $acc i32)
      (if (i32.eq (local.get $n) (i32.const 3)) (then (return (i64.const -1) (i32.const 7))))
      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (local.get $n) (i32.const 0xfffc)))))
      (block $b
        (br_if $b (i32.eqz (local.get $n)))
        (i32.store (i32.and (local.get $n) (i32.const 0xfffc)) (i32.add (local.get $acc) (local.get $n))))
      (i64.add (local.get $x) (i64.extend_i32_u (local.get $acc)))
      (i32.div_u (i32.const 100) (local.get $n)))
    (func $middle (param $n i32) (result i32) (local $s i64)
      (call $inner (i64.extend_i32_s (local.get $n)) (local.get $n))
      (local.set $n)
      (local.set $s)
      (i32.add (local.get $n) (i32.wrap_i64 (local.get $s))))
    (func (export "outer") (param $n i32) (result i32) (local $sum i32)
      (loop $l
        (local.set $sum (i32.add (local.get $sum) (call $middle (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
      (local.get $sum))
    (func (export "loadAt") (param i32) (result i32) (call $middle (local.get 0))))`;

  test("compute what the interpreter computes, through two levels, with their own locals on each call", () => {
    const tier = instantiateWat(wat, { config: { jsTier: "eager" } });
    const plain = instantiateWat(wat, { config: { jsTier: false } });
    for (const n of [1, 2, 3, 4, 5, 17, 100]) expect(tier.call("outer", n), `outer ${n}`).toBe(plain.call("outer", n));
    expect(compiledToJs(tier, 2), "outer, with middle and inner inlined").toBe(true);
  });

  test("a trap inside reports the inlined frames and their call sites, as the interpreter does", () => {
    const frames = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      try {
        t.call("loadAt", 0); // 100 / 0 in $inner
      } catch (e) {
        expect(compiledToJs(t, 3)).toBe(jsTier);
        return wasmBacktraceOf(e).map((frame) => `${frame.funcIndex}@${frame.codeOffset}`);
      }
      throw new Error("expected a trap");
    });
    expect(frames[0]).toEqual(frames[1]);
    expect(frames[0]).toHaveLength(3); // inner, middle, loadAt
  });
});

describe("calls of larger leaves (their direct form)", () => {
  const wat = `(module (memory 1)
    (func $big (param $x i64) (param $y i64) (param $n i32) (result i64)
      (local.set $y (i64.add (local.get $y) (i64.extend_i32_u (i32.div_u (i32.const 1000) (local.get $n)))))
      ;; over 2 KB of code: too large to inline
      ${Array.from({ length: 160 }, (_, k) => `(local.set $${k % 2 ? "x" : "y"} (i64.xor (local.get $y) (i64.add (local.get $x) (i64.const ${k * 0x9e3779b97}))))`).join("\n")}
      (i64.xor (local.get $x) (local.get $y)))
    (func (export "outer") (param $n i32) (result i32) (local $acc i64)
      (loop $l
        (local.set $acc (call $big (local.get $acc) (i64.extend_i32_u (local.get $n)) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
      (i32.wrap_i64 (i64.shr_u (local.get $acc) (i64.const 17)))))`;

  test("compute what the interpreter computes; a trap in the callee reports both frames", () => {
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const outcome = [1, 3, 10, 1000].map((n) => t.call("outer", n));
      let frames: string[] = [];
      try {
        t.call("outer", 0); // a division by zero in $big
      } catch (e) {
        frames = wasmBacktraceOf(e).map((frame) => `${frame.funcIndex}@${frame.codeOffset}`);
      }
      expect(compiledToJs(t, 1), "outer, calling $big's direct form").toBe(jsTier);
      return { outcome, frames };
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.frames).toHaveLength(2);
  });
});

/** n rounds mixing an i32 local $x: a function body of some size. */
const mixRounds = (n: number) => Array.from({ length: n }, (_, k) =>
  `(local.set $x (i32.xor (i32.add (local.get $x) (i32.const ${k * 7919})) (i32.rotl (local.get $x) (i32.const ${k % 31}))))`).join("\n");

/** The exported loop `outer`: `$n` iterations (at least one), summing `call` (which may read $acc and $n). */
const outerLoop = (call: string) => `(func (export "outer") (param $n i32) (result i32) (local $acc i32)
  (loop $l
    (local.set $acc (i32.add (local.get $acc) ${call}))
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
  (local.get $acc))`;

/** The results of `outer` on `args`, and the function indices of the backtrace of the trap `outer(trapArg)` makes. */
function outcomeAndFrames(t: ReturnType<typeof instantiateWat>, args: number[], trapArg: number): { outcome: unknown[]; frames: number[] } {
  const outcome = args.map((n) => t.call("outer", n));
  let frames: number[] = [];
  try {
    t.call("outer", trapArg);
  } catch (e) {
    frames = wasmBacktraceOf(e).map((frame) => frame.funcIndex);
  }
  return { outcome, frames };
}

describe("direct forms of callees that call others: compiled at their first call", () => {
  // $mid and $huge call $helper (not inlined: over MAX_INLINE_BYTES); $cold is never called; $huge is too large
  // for a direct form, so its first call finds the tier refusing it and calls it out instead
  const wat = `(module (memory 1)
    (func $helper (param $x i32) (result i32) ${Array.from({ length: 30 }, () => "(local.set $x (i32.add (local.get $x) (i32.const 3)))").join(" ")} (local.get $x))
    (func $mid (param $n i32) (result i32) (local $x i32) (local.set $x (local.get $n))
      ${mixRounds(20)} (i32.add (call $helper (local.get $x)) (i32.div_u (i32.const 100) (local.get $n))))
    (func $cold (param $x i32) (result i32) ${mixRounds(20)} (call $helper (local.get $x)))
    (func $huge (param $x i32) (result i32) ${mixRounds(3000)} (call $helper (local.get $x)))
    (func (export "outer") (param $n i32) (result i32) (local $acc i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (call $mid (local.get $n))))
        (local.set $acc (i32.xor (local.get $acc) (call $huge (local.get $acc))))
        (if (i32.lt_s (local.get $n) (i32.const 0)) (then (local.set $acc (call $cold (local.get $acc)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
      (local.get $acc)))`;

  test("compute what the interpreter computes, compile nothing that does not run, and report traps' frames", () => {
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const module = t.instance.module as CompiledModule;
      expect(directTried(module, 1) || directTried(module, 2) || directTried(module, 3), "nothing compiled before the call").toBe(false);
      const run = outcomeAndFrames(t, [1, 3, 10], 0); // $mid divides by zero
      expect(compiledToJs(t, 4), "outer").toBe(jsTier);
      if (jsTier) {
        expect(directTried(module, 1), "$mid: called").toBe(true);
        expect(directTried(module, 2), "$cold: never called").toBe(false);
        expect(directTried(module, 3), "$huge: called (and refused)").toBe(true);
      }
      return run;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.frames).toEqual([1, 4]);
  });

  test("a direct form calls a callee that calls nothing directly, whose trap reports all three frames", () => {
    // $mid's direct form (not inlined into the loop: over MAX_INLINE_BYTES) calls $divide (not inlined either),
    // which divides by its argument
    const divide = `(func $divide (param $x i32) (param $d i32) (result i32)
      ${Array.from({ length: 50 }, () => "(local.set $x (i32.add (local.get $x) (i32.const 3)))").join(" ")}
      (i32.div_u (local.get $x) (local.get $d)))`;
    // $divide (function 0), $mid (1) that calls it, and an exported loop (2) that calls $mid
    const wat = `(module ${divide}
      (func $mid (param $n i32) (result i32) (local $x i32) (local.set $x (i32.mul (local.get $n) (i32.const 7)))
        ${Array.from({ length: 40 }, (_, k) => `(local.set $x (i32.xor (local.get $x) (i32.const ${k * 7919})))`).join(" ")}
        (call $divide (local.get $x) (local.get $n)))
      ${outerLoop("(call $mid (local.get $n))")})`;
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const run = outcomeAndFrames(t, [1, 3, 10], 0);
      const module = t.instance.module as CompiledModule;
      if (jsTier) expect([directTried(module, 1), directTried(module, 0)], "$mid's direct form, and $divide's").toEqual([true, true]);
      return run;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.frames).toEqual([0, 1, 2]);
  });
});

describe("direct forms calling direct forms of functions that call others", () => {
  test("a chain of calls runs directly, and a trap at its end reports every frame", () => {
    // $div (0) divides by its argument; $c (1), $b (2) and $a (3) each call the next (none inlined: over
    // MAX_INLINE_BYTES); the exported loop (4) calls $a
    const step = (callee: string) => `(param $x i32) (param $d i32) (result i32)
      ${mixRounds(12)} (call ${callee} (local.get $x) (local.get $d))`;
    const wat = `(module
      (func $div (param $x i32) (param $d i32) (result i32) ${mixRounds(12)} (i32.div_u (local.get $x) (local.get $d)))
      (func $c ${step("$div")})
      (func $b ${step("$c")})
      (func $a ${step("$b")})
      ${outerLoop("(call $a (local.get $acc) (local.get $n))")})`;
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const run = outcomeAndFrames(t, [1, 3, 10], 0);
      const module = t.instance.module as CompiledModule;
      if (jsTier) expect([1, 2, 3].map((f) => directTried(module, f)), "the direct forms of $c, $b and $a").toEqual([true, true, true]);
      return run;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.frames).toEqual([0, 1, 2, 3, 4]);
  });

  test("a recursion through two functions, far deeper than their direct forms nest, computes what the interpreter does", () => {
    // $even and $odd call each other (neither calls itself): their direct forms call each other directly
    // until as many as the calls out allowed are nested, then the recursion goes on in the interpreter;
    // at the bottom, $odd traps when asked to (a division by zero)
    const body = (other: string, base: string) => `(param $n i32) (param $d i32) (result i32) (local $x i32)
      (local.set $x (local.get $n)) ${mixRounds(12)}
      (if (result i32) (i32.eqz (local.get $n)) (then ${base})
        (else (i32.add (i32.and (local.get $x) (i32.const 1)) (call ${other} (i32.sub (local.get $n) (i32.const 1)) (local.get $d)))))`;
    const wat = `(module
      (func $even ${body("$odd", "(i32.const 1)")})
      (func $odd ${body("$even", "(i32.div_u (i32.const 7) (local.get $d))")})
      (func (export "outer") (param $n i32) (param $d i32) (result i32) (local $acc i32) (local $k i32)
        (local.set $k (i32.const 3))
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (call $even (local.get $n) (local.get $d))))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $l (i32.gt_s (local.get $k) (i32.const 0))))
        (local.get $acc)))`;
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const outcome = [0, 1, 40, 50_000, 50_001].flatMap((n) => [t.call("outer", n, 3), trapCode(() => t.call("outer", n, 0)) ?? "none"]);
      if (jsTier) expect(directTried(t.instance.module as CompiledModule, 0), "$even's direct form").toBe(true);
      // the traps left no call out counted (direct forms count their nesting as calls out)
      expect((t.store.exec as ExecState).callOuts).toBe(0);
      return [...outcome, t.call("outer", 41, 5)];
    });
    expect(runs[0]).toEqual(runs[1]);
  });
});

describe("recursions: through direct forms, then the interpreter", () => {
  // $fib and $walk (a recursion through $walk, $left and $right) are compiled: their recursive calls go
  // through their direct forms, up to the bound of nesting, then in the interpreter; a trap at the bottom
  // (a division by zero) reports every frame, compiled or interpreted
  const wat = `(module
    (func $fib (param $n i32) (param $d i32) (result i32)
      (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
        (then (i32.div_u (local.get $n) (local.get $d)))
        (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)) (local.get $d))
                       (call $fib (i32.sub (local.get $n) (i32.const 2)) (local.get $d))))))
    (func $walk (param $n i32) (param $d i32) (result i64)
      (if (result i64) (i32.eqz (local.get $n))
        (then (i64.extend_i32_u (i32.div_u (i32.const 1) (local.get $d))))
        (else (if (result i64) (i32.and (local.get $n) (i32.const 1))
          (then (call $left (local.get $n) (local.get $d)))
          (else (call $right (local.get $n) (local.get $d)))))))
    (func $left (param $n i32) (param $d i32) (result i64) (local $x i64)
      (local.set $x (i64.extend_i32_u (local.get $n)))
      (i64.add (i64.mul (local.get $x) (i64.const 0x100000001)) (call $walk (i32.sub (local.get $n) (i32.const 1)) (local.get $d))))
    (func $right (param $n i32) (param $d i32) (result i64)
      (i64.xor (i64.const 0x7fffffffffff) (call $walk (i32.sub (local.get $n) (i32.const 1)) (local.get $d))))
    (func (export "fib") (param $n i32) (param $d i32) (result i32) (call $fib (local.get $n) (local.get $d)))
    (func (export "walk") (param $n i32) (param $d i32) (result i64) (local $k i32) (local $acc i64)
      (loop $l
        (local.set $acc (i64.add (local.get $acc) (call $walk (i32.add (local.get $n) (local.get $k)) (local.get $d))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $k) (i32.const 3))))
      (local.get $acc)))`;

  test("compute what the interpreter computes, as deep as the interpreter goes, and report traps' frames", () => {
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const outcome: unknown[] = [];
      for (const n of [0, 1, 2, 10, 20]) outcome.push(t.call("fib", n, 1));
      for (const n of [0, 1, 7, 40, 3000, 20_000]) outcome.push(t.call("walk", n, 1));
      // traps 20 calls deep (all of them compiled), 60 (beyond the bound of nesting) and 400 (the
      // innermost 100 frames: backtrace.ts keeps those)
      const frames = [10, 30, 200].map((n) => {
        try {
          t.call("walk", n, 0);
        } catch (e) {
          return wasmBacktraceOf(e).map((frame) => frame.funcIndex);
        }
        return [];
      });
      outcome.push(trapCode(() => t.call("fib", 25, 0)) ?? "none");
      if (jsTier) expect([0, 1].map((f) => directTried(t.instance.module as CompiledModule, f)), "the direct forms of $fib and $walk").toEqual([true, true]);
      expect((t.store.exec as ExecState).callOuts).toBe(0);
      return { outcome, frames };
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.frames.map((frames) => frames.length)).toEqual([22, 62, 100]);
  });
});

describe("direct forms of float signatures: compiled at their first call, or called out", () => {
  // as above, on f64 and f32 arguments and results: $mid gets its direct form at its first call, $cold
  // (never called) none; $huge is too large for one, so its first call finds the tier refusing it and
  // calls it out, its f32 argument (a NaN with a payload) and result passing through the stack's words
  const wat = `(module
    (func $helper (param $v f64) (result f64) ${Array.from({ length: 30 }, () => "(local.set $v (f64.add (local.get $v) (f64.const 1.5)))").join(" ")} (local.get $v))
    (func $mid (param $a f64) (param $b f32) (result f64) (local $x i32) (local.set $x (i32.trunc_sat_f64_s (local.get $a)))
      ${mixRounds(20)} (f64.add (call $helper (f64.convert_i32_s (local.get $x))) (f64.promote_f32 (local.get $b))))
    (func $huge (param $a f64) (param $b f32) (result f32) (local $x i32) (local.set $x (i32.trunc_sat_f64_s (local.get $a)))
      ${mixRounds(3000)} (drop (call $helper (local.get $a)))
      (select (local.get $b) (f32.demote_f64 (local.get $a)) (i32.and (local.get $x) (i32.const 1))))
    (func $cold (param $a f64) (result f64) (local $x i32) ${mixRounds(20)} (call $helper (local.get $a)))
    (func (export "outer") (param $n i32) (result i64) (local $acc i64)
      (loop $l
        (if (i32.lt_s (local.get $n) (i32.const 0)) (then (local.set $acc (i64.reinterpret_f64 (call $cold (f64.const 1))))))
        (local.set $acc (i64.add (local.get $acc) (i64.reinterpret_f64
          (call $mid (f64.convert_i32_s (local.get $n)) (f32.const 0.25)))))
        (local.set $acc (i64.xor (local.get $acc) (i64.extend_i32_u (i32.reinterpret_f32
          (call $huge (f64.convert_i32_s (local.get $n)) (f32.reinterpret_i32 (i32.const 0x7fa00001)))))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
      (local.get $acc)))`;

  test("compute what the interpreter computes, bit for bit", () => {
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      const module = t.instance.module as CompiledModule;
      expect(directTried(module, 1) || directTried(module, 2), "nothing compiled before the call").toBe(false);
      const outcome = [1, 2, 3, 10].map((n) => t.call("outer", n));
      if (jsTier) expect([1, 2, 3].map((f) => directTried(module, f)), "$mid and $huge: called; $cold: not").toEqual([true, true, false]);
      return outcome;
    });
    expect(runs[0]).toEqual(runs[1]);
  });
});

describe("traps inside compiled leaves", () => {
  /** The backtrace (function index and Wasm offset per frame) of the trap `f` throws. */
  function frames(f: () => unknown): string[] {
    try {
      f();
    } catch (e) {
      return wasmBacktraceOf(e).map((frame) => `${frame.funcIndex}@${frame.codeOffset}`);
    }
    throw new Error("expected a trap");
  }

  test("report the frames the interpreter reports: a deadline in a loop and in self tail calls, a bounds check, a division", () => {
    const wat = `(module (memory 1)
      (func $spin (export "spin") (loop (br 0)))
      (func $load (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func $div (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "viaWasm") (param i32) (result i32) (i32.add (call $load (local.get 0)) (call $div (local.get 0))))
      (func $tail (export "tail") (param i32) (return_call $tail (local.get 0))))`;
    const runs = [true, false].map((jsTier) => {
      const t = instantiateWat(wat, { config: { jsTier: jsTier && "eager" } });
      t.store.deadline = 0; // long past: the first poll traps
      const spin = frames(() => t.call("spin"));
      const tail = frames(() => t.call("tail", 0));
      t.store.deadline = Infinity;
      const out = [spin, tail, frames(() => t.call("load", 65536)), frames(() => t.call("viaWasm", 65536)), frames(() => t.call("div", 0))];
      for (const f of [0, 1, 2, 4]) expect(compiledToJs(t, f)).toBe(jsTier);
      return out;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]![3]).toHaveLength(2); // the leaf, then its caller
  });
});

describe("calls out of compiled code (imports, call_indirect: compiled callees and refused ones)", () => {
  const wat = `(module
    (import "env" "host" (func $host (param i32 i64) (result i64)))
    (memory 1)
    (type $ii (func (param i32) (result i32)))
    (type $if (func (param i32) (result f64)))
    (table 5 funcref) (elem (i32.const 0) $float $twice $grow $toFloat)
    ;; refused by the tier (floats; memory.grow)
    (func $float (type $ii) (i32.trunc_f64_s (f64.mul (f64.convert_i32_s (local.get 0)) (f64.const 1e7))))
    (func $twice (type $ii) (i32.shl (local.get 0) (i32.const 1)))
    (func $grow (type $ii)
      (if (i32.lt_u (memory.size) (i32.const 3)) (then (drop (memory.grow (i32.const 1)))))
      (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (local.get 0))
      (memory.size))
    (func $toFloat (type $if) (f64.convert_i32_s (local.get 0)))
    (func (export "run") (param $n i32) (result i64) (local $acc i64) (local $i i32)
      (loop $l
        (local.set $acc (call $host (call $float (local.get $i)) (local.get $acc)))
        (local.set $acc (i64.add (local.get $acc)
          (i64.extend_i32_s (call_indirect (type $ii) (local.get $i) (i32.rem_u (local.get $i) (i32.const 3))))))
        ;; the last word of the memory, which $grow may have grown: read through fresh views
        (local.set $acc (i64.add (local.get $acc)
          (i64.extend_i32_u (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $acc))
    (func (export "indirect") (param $i i32) (param $x i32) (result i32)
      (call_indirect (type $ii) (local.get $x) (local.get $i)))
    ;; recursion through the table: each level a call out of compiled code
    (func $down (export "down") (param $n i32) (result i32)
      (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call_indirect (type $ii) (i32.sub (local.get $n) (i32.const 1)) (i32.const 4)))))))`;

  function instance(jsTier: boolean): TestInstance {
    const store = newStore();
    const host = hostFunc(store, [ValType.I32, ValType.I64], [ValType.I64], (_c, x, acc) => BigInt(x as number) + 3n * (acc as bigint));
    const t = instantiateWat(wat, { store, imports: [funcExtern(host)], config: { jsTier: jsTier && "eager" } });
    // element 4: $down itself, set from the host (the text's elem segment lists only four)
    t.instance.tables[0]!.elements[4] = t.func("down");
    return t;
  }

  test("compute what the interpreter computes: host results, refused callees, a memory the callee grew", () => {
    const [tier, plain] = [instance(true), instance(false)];
    for (const n of [1, 2, 3, 4, 10, 50]) expect(tier.call("run", n), `run ${n}`).toBe(plain.call("run", n));
    const run = (tier.instance.module as CompiledModule).code[4]!;
    expect(run.js !== null && run.jsCallsOut, "run is compiled, and calls out").toBe(true);
    expect(tier.instance.memories[0]!.u8.length).toBe(3 * 65536);
  });

  test("traps in call_indirect and in the callee report the interpreter's backtraces", () => {
    const runs = [true, false].map((jsTier) => {
      const t = instance(jsTier);
      // undefined element, bad signature (element 3 returns f64), null element... then a callee's trap
      const cases = [[7, 0], [3, 0], [5, 0], [4, 0], [0, 1000]].map(([i, x]) => {
        try {
          return `${t.call("indirect", i!, x!)}`;
        } catch (e) {
          return `${trapCode(() => { throw e; })} ${wasmBacktraceOf(e).map((frame) => `${frame.funcIndex}@${frame.codeOffset}`).join(" ")}`;
        }
      });
      expect(compiledToJs(t, 5), "indirect is compiled").toBe(jsTier);
      return cases;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]![4]).toMatch(/ 1@\d+ 6@\d+$/); // $float (index 1, with the import at 0), then indirect
  });

  test("a recursion through calls out deeper than JavaScript's stack allows runs, on the interpreter's frames", () => {
    const [tier, plain] = [instance(true), instance(false)];
    expect(tier.call("down", 50_000)).toBe(50_000);
    expect((tier.instance.module as CompiledModule).code[6]!.jsCallsOut, "down calls out").toBe(true);
    expect(plain.call("down", 50_000)).toBe(50_000);
    expect(trapCode(() => tier.call("down", 200_000))).toBe(trapCode(() => plain.call("down", 200_000)));
  });
});

describe("call_indirect of direct forms", () => {
  // $read of module A (its memory) and B's own $read, through B's table from B's compiled loop: each runs
  // as its direct form, on its own instance's memory; element 2 is a host function (a call out)
  const a = `(module (memory 1) (data (i32.const 0) "\\10\\20\\30\\40\\50\\60\\70\\80")
    (func $mix (param $x i32) (result i32) ${mixRounds(8)} (local.get $x))
    (func (export "read") (param $x i32) (result i32)
      (i32.add (i32.load8_u (i32.and (local.get $x) (i32.const 7))) (call $mix (local.get $x)))))`;
  const b = `(module (import "a" "read" (func $theirs (param i32) (result i32)))
    (import "host" "triple" (func $host (param i32) (result i32)))
    (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08")
    (type $ii (func (param i32) (result i32)))
    (table 4 funcref) (elem (i32.const 0) $theirs $ours $host)
    (func $ours (param $x i32) (result i32)
      (i32.sub (i32.load8_u (i32.and (local.get $x) (i32.const 7))) (i32.const 1)))
    (func (export "run") (param $n i32) (result i32) (local $acc i32) (local $i i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc)
          (call_indirect (type $ii) (i32.add (local.get $acc) (local.get $i)) (i32.rem_u (local.get $i) (local.get $n)))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 600))))
      (local.get $acc)))`;

  test("compute what the interpreter computes, each callee on its own instance, and trap where it traps", () => {
    const runs = [true, false].map((jsTier) => {
      const store = newStore();
      const config = { jsTier: jsTier && ("eager" as const) };
      const first = instantiateWat(a, { store, config });
      const host = hostFunc(store, [ValType.I32], [ValType.I32], (_c, x) => 3 * (x as number));
      const t = instantiateWat(b, { store, imports: [funcExtern(first.func("read")), funcExtern(host)], config });
      // n = 4: element 3 is null
      const outcome = [1, 2, 3, 4].map((n) => {
        try {
          return t.call("run", n);
        } catch (e) {
          return `trap ${trapCode(() => { throw e; })}`;
        }
      });
      if (jsTier) expect(first.func("read").direct, "A's read: its direct form").toBeTypeOf("function");
      return outcome;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]![3]).toMatch(/^trap/);
  });
});

describe("when the tier compiles", () => {
  const wat = `(module
    (func $leaf (param i32) (result i32) (i32.xor (i32.mul (local.get 0) (i32.const 0x9e3779b9)) (i32.const 7)))
    (func $kernel (export "kernel") (param $n i32) (result i32) (local $acc i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (call $leaf (local.get $n))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $acc))
    ;; memory.grow keeps the driver in the interpreter, which calls $leaf (no loop) n times
    (memory 1)
    (func (export "driver") (param $n i32) (result i32) (local $acc i32)
      (loop $l
        (drop (memory.grow (i32.const 0)))
        (local.set $acc (i32.add (local.get $acc) (call $leaf (local.get $n))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $acc)))`;

  test("a function with a loop that calls out nothing at its first call; another once the interpreter finds it hot", () => {
    const tier = instantiateWat(wat, { config: { jsTier: true } });
    const plain = instantiateWat(wat, { config: { jsTier: false } });
    expect(tier.call("kernel", 3)).toBe(plain.call("kernel", 3));
    expect(compiledToJs(tier, 1), "kernel: at once").toBe(true);
    expect(tier.call("driver", 3)).toBe(plain.call("driver", 3));
    expect(compiledToJs(tier, 0), "leaf, called three times").toBe(false);
    expect(tier.call("driver", 100_000)).toBe(plain.call("driver", 100_000));
    expect(compiledToJs(tier, 0), "leaf, called 100,000 times").toBe(true);
    expect(compiledToJs(tier, 2), "driver (memory.grow)").toBe(false);
    expect(tier.call("driver", 1000)).toBe(plain.call("driver", 1000));
  });
});

describe("floats in the tier: every instruction, bit for bit", () => {
  // f32 bits: zeros, ones, halves (nearest's ties), infinities, NaNs quiet and signalling with payloads and
  // signs, subnormals, the largest, the truncations' bounds, values whose f32 rounding matters
  const F32 = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x7f800000,
    0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0xff812345, 0x7fc12345, 0x00000001, 0x807fffff, 0x7f7fffff,
    0x4f000000, 0xcf000000, 0xceffffff, 0x4f800000, 0x4f7fffff, 0x5f000000, 0xdf000000, 0x5f800000, 0x3eaaaaab,
    0x4b000001, 0xc0490fdb, 0x3fffffff].map((b) => b | 0);
  const F64 = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
    0x4004000000000000n, 0xc004000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n,
    0xfff8000000000000n, 0x7ff4000000000001n, 0xfff0000000000001n, 0x7ff8000012345678n, 1n, 0x800fffffffffffffn,
    0x7fefffffffffffffn, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000200000n, 0x41dfffffffffffffn,
    0x41f0000000000000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x3fd5555555555555n,
    0x4330000000000001n, 0x400921fb54442d18n, 0x36a0000000000000n, 0x47efffffe0000000n, 0x3ff0000010000000n,
  ].map((b) => BigInt.asIntN(64, b));
  type T = "i32" | "i64" | "f32" | "f64";
  /** A value of type t made of the bits in local k (i32 for f32, i64 for f64). */
  const get = (t: T, k: number): string =>
    t === "f32" ? `(f32.reinterpret_i32 (local.get ${k}))` : t === "f64" ? `(f64.reinterpret_i64 (local.get ${k}))` : `(local.get ${k})`;
  const bitsOf = (t: T, code: string): string => (t === "f32" ? `(i32.reinterpret_f32 ${code})` : t === "f64" ? `(i64.reinterpret_f64 ${code})` : code);
  const carrier = (t: T): string => (t === "f32" ? "i32" : t === "f64" ? "i64" : t);
  /** [instruction, operand types, result type] */
  const OPS: [string, T[], T][] = [
    ...["f32", "f64"].flatMap((f) => [
      ...["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"].map((op): [string, T[], T] => [`${f}.${op}`, [f as T], f as T]),
      ...["add", "sub", "mul", "div", "min", "max", "copysign"].map((op): [string, T[], T] => [`${f}.${op}`, [f as T, f as T], f as T]),
      ...["eq", "ne", "lt", "gt", "le", "ge"].map((op): [string, T[], T] => [`${f}.${op}`, [f as T, f as T], "i32"]),
    ]),
    ...["i32", "i64"].flatMap((i) => ["f32", "f64"].flatMap((f) => ["s", "u"].flatMap((sign): [string, T[], T][] => [
      [`${i}.trunc_${f}_${sign}`, [f as T], i as T], [`${i}.trunc_sat_${f}_${sign}`, [f as T], i as T],
      [`${f}.convert_${i}_${sign}`, [i as T], f as T],
    ]))),
    ["f32.demote_f64", ["f64"], "f32"], ["f64.promote_f32", ["f32"], "f64"],
  ];
  const funcs = OPS.map(([op, params, result], k) => {
    const ps = params.map((t) => carrier(t)).join(" ");
    return `(func (export "${k}") (param ${ps}) (result ${carrier(result)}) ${bitsOf(result, `(${op} ${params.map((t, j) => get(t, j)).join(" ")})`)})`;
  });
  const wat = `(module ${funcs.join("\n")})`;

  test("each against the interpreter, traps included", () => {
    const tier = instantiateWat(wat, { config: { jsTier: "eager" } });
    const plain = instantiateWat(wat, { config: { jsTier: false } });
    OPS.forEach(([op, params], k) => {
      const inputs = (t: T): (number | bigint)[] => (t === "f32" || t === "i32" ? F32 : F64);
      const pairs = params.length === 1 ? inputs(params[0]!).map((a) => [a]) : inputs(params[0]!).flatMap((a) => inputs(params[1]!).map((b) => [a, b]));
      const run = (t: TestInstance): string[] => pairs.map((args) => {
        let out = "";
        const code = trapCode(() => { out = String(t.call(String(k), ...args)); });
        return code === undefined ? out : `trap ${code}`;
      });
      expect(run(tier), op).toEqual(run(plain));
      expect(compiledToJs(tier, k), `${op} is compiled`).toBe(true);
    });
  });

  test("f32 rounding, -0, NaN bits through locals, params, results, globals, memory, select, blocks and calls", () => {
    const wat = `(module
      (import "host" "f" (func $host (param f64 f32) (result f32)))
      (memory 1)
      (global $gf (mut f32) (f32.const 1.5))
      (global $gd (mut f64) (f64.const -2.25))
      (table 1 funcref) (elem (i32.const 0) $mix)
      (type $mixType (func (param f64 f32) (result f64)))
      ;; a leaf on floats: stores and loads, globals, select, a block and a br_if carrying an f64
      (func $mix (param $x f64) (param $y f32) (result f64) (local $t f64) (local $u f32)
        (f64.store offset=8 (i32.const 0) (local.get $x))
        (f32.store offset=16 (i32.const 0) (local.get $y))
        (local.set $u (f32.add (f32.load offset=16 (i32.const 0)) (f32.const 0x1p-30)))
        (global.set $gf (f32.mul (global.get $gf) (local.get $u)))
        (local.set $t (block (result f64)
          (br_if 0 (f64.load offset=8 (i32.const 0)) (f64.ne (local.get $x) (local.get $x)))
          (drop)
          (select (f64.promote_f32 (local.get $u)) (global.get $gd) (f32.gt (local.get $y) (f32.const 0)))))
        (global.set $gd (f64.add (global.get $gd) (f64.const 0.125)))
        (f64.add (local.get $t) (f64.promote_f32 (global.get $gf))))
      ;; the leaf called in place, through its direct form, out to the host and indirectly
      (func $calls (param $x f64) (param $y f32) (result f64) (local $k i32) (local $acc f64)
        (loop $l
          (local.set $acc (f64.add (local.get $acc) (call $mix (local.get $x) (local.get $y))))
          (local.set $y (call $host (local.get $acc) (local.get $y)))
          (local.set $acc (f64.sub (local.get $acc) (call_indirect (type $mixType) (local.get $x) (local.get $y) (i32.const 0))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 3))))
        (local.get $acc))
      (func (export "mix") (param i64 i32) (result i64)
        (i64.reinterpret_f64 (call $mix (f64.reinterpret_i64 (local.get 0)) (f32.reinterpret_i32 (local.get 1)))))
      (func (export "calls") (param i64 i32) (result i64)
        (i64.reinterpret_f64 (call $calls (f64.reinterpret_i64 (local.get 0)) (f32.reinterpret_i32 (local.get 1)))))
      (func (export "host entry") (param f64 f32) (result f64) (call $calls (local.get 0) (local.get 1)))
      ;; bits through memory, locals and globals unchanged (signalling NaNs too)
      (func (export "f32 bits") (param i32) (result i32) (local $v f32)
        (i32.store (i32.const 32) (local.get 0))
        (local.set $v (f32.load (i32.const 32)))
        (global.set $gf (local.get $v))
        (f32.store (i32.const 40) (global.get $gf))
        (i32.load (i32.const 40)))
      (func (export "f64 bits") (param i64) (result i64) (local $v f64)
        (i64.store (i32.const 32) (local.get 0))
        (local.set $v (f64.load (i32.const 32)))
        (global.set $gd (local.get $v))
        (f64.store (i32.const 48) (global.get $gd))
        (i64.load (i32.const 48)))
      (func (export "consts") (param i32) (result i64)
        (block (block (block (block (block
          (br_table 0 1 2 3 4 (local.get 0)))
          (return (i64.reinterpret_f64 (f64.const nan:0x4000000000001))))
          (return (i64.extend_i32_u (i32.reinterpret_f32 (f32.const -nan:0x200001)))))
          (return (i64.reinterpret_f64 (f64.const -0))))
          (return (i64.extend_i32_u (i32.reinterpret_f32 (f32.const -inf)))))
        (i64.reinterpret_f64 (f64.const 0x1.fffffffffffffp+1023))))`;
    const instance = (jsTier: boolean): TestInstance => {
      const store = newStore();
      const host = hostFunc(store, [ValType.F64, ValType.F32], [ValType.F32], (_, x, y) => Math.fround(Number(x) / 3 + Number(y)));
      return instantiateWat(wat, { store, imports: [funcExtern(host)], config: { jsTier: jsTier && "eager" } });
    };
    const runs = [true, false].map((jsTier) => {
      const t = instance(jsTier);
      const out: string[] = [];
      for (const x of F64) for (const y of F32.slice(0, 12)) out.push(String(t.call("mix", x, y)), String(t.call("calls", x, y)));
      for (const y of F32) out.push(String(t.call("f32 bits", y)));
      for (const x of F64) out.push(String(t.call("f64 bits", x)));
      for (let k = 0; k < 5; k++) out.push(String(t.call("consts", k)));
      for (const [x, y] of [[1.5, 2.5], [-0, 0.1], [1e300, -3]]) out.push(String(t.call("host entry", x, y)));
      if (jsTier) for (let f = 2; f < 8; f++) expect(compiledToJs(t, f), `function ${f}`).toBe(true); // (0, 1: in place)
      return out;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(String(BigInt.asIntN(64, 0x7ff4000000000001n))); // a signalling NaN kept
  });

  test("a larger float leaf called through its direct form: f32 and f64 arguments and results", () => {
    const steps = Array.from({ length: 30 }, (_, k) =>
      `(local.set $x (f64.add (f64.mul (local.get $x) (f64.promote_f32 (local.get $y))) (f64.const ${k}.5)))`).join("\n");
    const wat = `(module
      (func $big (param $x f64) (param $y f32) (result f32)
        ${steps}
        (f32.add (local.get $y) (f32.demote_f64 (local.get $x))))
      (func (export "calls") (param i64 i32) (result i32) (local $k i32) (local $y f32)
        (local.set $y (f32.reinterpret_i32 (local.get 1)))
        (loop $l
          (local.set $y (call $big (f64.reinterpret_i64 (local.get 0)) (local.get $y)))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 3))))
        (i32.reinterpret_f32 (local.get $y))))`;
    const tier = instantiateWat(wat, { config: { jsTier: "eager" } });
    const plain = instantiateWat(wat, { config: { jsTier: false } });
    for (const x of F64) for (const y of F32) expect(tier.call("calls", x, y)).toBe(plain.call("calls", x, y));
    expect(compiledToJs(tier, 1)).toBe(true);
  });

  test("f64 values on the operand stack and in locals across chunks", () => {
    const rounds = (n: number): string => Array.from({ length: n }, (_, k) => `
      (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 1.0000001)) (f64.convert_i32_s (i32.add (local.get 0) (i32.const ${k})))))
      (local.set $y (f32.sub (local.get $y) (f32.demote_f64 (f64.sqrt (f64.abs (local.get $x))))))`).join("");
    const wat = `(module
      (func (export "big") (param i32) (result i64) (local $x f64) (local $y f32)
        (f64.const -0.5) (f32.const 3.25)
        ${rounds(250)}
        (f32.add (local.get $y)) (local.set $y)
        ${rounds(250)}
        (f64.add (local.get $x))
        (i64.reinterpret_f64)
        (i64.add (i64.extend_i32_u (i32.reinterpret_f32 (local.get $y))))))`;
    const tier = instantiateWat(wat, { config: { jsTier: "eager" } });
    const plain = instantiateWat(wat, { config: { jsTier: false } });
    for (const a of [0, 1, -7, 1000, 0x7fffffff]) expect(tier.call("big", a)).toBe(plain.call("big", a));
    expect(compiledToJs(tier, 0)).toBe(true);
  });
});
