import { describe, expect, it } from "vitest";
import { Engine, Func, FuncType, Instance, Module, Store, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

// A long run leaves the interpreter's loop function and enters it again where it was, every million or
// so taken branches (executor interpret/loop.ts, runInterpreter). These runs cross that point several
// times with frames below them, a handler waiting for an exception, and a nested run inside a host call.
const program = parseWat(`(module
  (import "host" "twice" (func $twice (param i32) (result i32)))
  (tag $done (param i32))
  (func $spin (export "spin") (param $n i32) (result i32) (local $acc i32)
    (loop $next
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; depth + (depth - 1) + ... + 1 + spin(n): the frames return through their own code after the spin
  (func $deep (export "deep") (param $depth i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $depth))
      (then (call $twice (local.get $n)))
      (else (i32.add (local.get $depth) (call $deep (i32.sub (local.get $depth) (i32.const 1)) (local.get $n))))))
  ;; the spin's result thrown from the bottom of the frames and caught at the top
  (func $throwing (param $depth i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $depth))
      (then (throw $done (call $spin (local.get $n))))
      (else (call $throwing (i32.sub (local.get $depth) (i32.const 1)) (local.get $n)))))
  (func (export "caught") (param $depth i32) (param $n i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $done $caught)
        (drop (call $throwing (local.get $depth) (local.get $n))))
      (i32.const -1))))`);

/** 1 + 2 + ... + n, wrapped to i32 as the Wasm code adds. */
const spinSum = (n: number) => Number(BigInt.asIntN(32, (BigInt(n) * BigInt(n + 1)) / 2n));
const N = 3_000_000;

describe.each([["the interpreter only", { jsTier: false }], ["with the JavaScript tier", {}]])("long runs (%s)", (_, config) => {
  function setup() {
    const engine = new Engine(config);
    const store = new Store(engine, null);
    let instance: Instance | null = null;
    // a nested run: the host function calls spin (itself long) and doubles its result
    const twice = Func.wrap(store, new FuncType([ValType.I32], [ValType.I32]), (_caller, n) =>
      ((instance!.getFunc("spin")!.call(n as number)[0] as number) * 2) | 0);
    instance = new Instance(store, new Module(engine, program), [twice]);
    return (name: string, ...args: number[]) => instance.getFunc(name)!.call(...args)[0];
  }

  it("compute what a short run computes", () => {
    const call = setup();
    expect(call("spin", N)).toBe(spinSum(N));
    expect(call("deep", 50, N)).toBe((((50 * 51) / 2) + 2 * spinSum(N)) | 0);
    expect(call("caught", 50, N)).toBe(spinSum(N));
    expect(call("deep", 3, 10)).toBe(6 + 2 * 55); // and short runs after them
  });
});
