// Backtraces through the public API: `trap.frames`, the message's `wasm backtrace:` section, and
// `wasmBacktraceOf` for a host function's own errors.
import { describe, expect, it } from "vitest";
import {
  Engine, Func, Instance, Linker, Module, Store, Trap, TrapCode, ValType, wasmBacktraceOf, type Caller, type WasmFrame,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

/**
 * The module offset of byte `at` of `pattern`, which must occur exactly once in `bytes`: expected offsets
 * found in the binary itself, independently of the engine (they agree with `wasm-objdump -d`).
 */
function offsetIn(bytes: Uint8Array, pattern: number[], at: number): number {
  const hits: number[] = [];
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    if (pattern.every((b, k) => bytes[i + k] === b)) hits.push(i);
  }
  expect(hits, `occurrences of ${pattern.map((b) => b.toString(16)).join(" ")}`).toHaveLength(1);
  return hits[0]! + at;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

function trapOf(run: () => unknown): Trap {
  const e = thrownBy(run);
  if (e instanceof Trap) return e;
  throw e;
}

const LOCAL_GET_0 = [0x20, 0x00];
const CALL = 0x10;

const bytes = parseWat(`(module $app
  (import "env" "check" (func $check (param i32)))       ;; func 0
  (func $div (param i32 i32) (result i32)                ;; func 1
    (i32.div_s (local.get 0) (local.get 1)))
  (func $middle (param i32) (result i32)                 ;; func 2
    (call $div (i32.const 100) (local.get 0)))
  (func $main (export "main") (param i32) (result i32)   ;; func 3
    (i32.add (i32.const 1) (call $middle (local.get 0))))
  (func (export "viaHost") (param i32)                   ;; func 4, unnamed
    (call $check (local.get 0)))
  (func $inner (export "inner") (param i32) (result i32) ;; func 5, called back by the host
    (call $main (local.get 0))))`);

// where each frame's instruction is, from the bytes
const DIV_S = offsetIn(bytes, [...LOCAL_GET_0, 0x20, 0x01, 0x6d], 4);
const CALL_DIV = offsetIn(bytes, [0x41, 0xe4, 0x00, ...LOCAL_GET_0, CALL, 1], 5); // i32.const 100 = e4 00
const CALL_MIDDLE = offsetIn(bytes, [...LOCAL_GET_0, CALL, 2], 2);
const CALL_CHECK = offsetIn(bytes, [...LOCAL_GET_0, CALL, 0], 2);
const CALL_MAIN = offsetIn(bytes, [...LOCAL_GET_0, CALL, 3], 2);

const frame = (funcIndex: number, name: string | undefined, codeOffset: number) =>
  expect.objectContaining({ funcIndex, moduleName: "app", codeOffset, ...(name !== undefined && { name }) });
const DIV = frame(1, "div", DIV_S);
const MIDDLE = frame(2, "middle", CALL_DIV);
const MAIN = frame(3, "main", CALL_MIDDLE);

/** What the `check` host function does with its argument. */
const checks: Record<number, (caller: Caller<null>) => void> = {
  0: () => { throw new Trap(TrapCode.HostError, "check failed"); },
  1: () => { throw hostError; },
  2: (caller) => { caller.getFunc("inner")!.call(0); }, // traps in Wasm called back from the host
};
const hostError = new RangeError("the host's own error");

for (const lazyTranslation of [true, false]) {
  describe(`backtraces (lazyTranslation: ${lazyTranslation})`, () => {
    const engine = new Engine({ lazyTranslation });
    const module = new Module(engine, bytes);
    const setup = () => {
      const store = new Store(engine, null);
      const instance = new Linker<null>(engine)
        .func("env", "check", { params: [ValType.I32], results: [] }, (caller, x) => checks[x as number]?.(caller))
        .instantiate(store, module);
      return { store, instance, main: instance.getFunc("main")!, viaHost: instance.getFunc("viaHost")! };
    };

    it("gives a trap three calls deep its frames, innermost first, named from the name section", () => {
      const { main } = setup();
      const trap = trapOf(() => main.call(0));
      expect(trap.code).toBe(TrapCode.IntegerDivideByZero);
      expect(trap.reason).toBe("integer divide by zero");
      expect(trap.frames).toEqual([DIV, MIDDLE, MAIN]);
      const hex = (n: number) => `0x${n.toString(16)}`.padStart(6);
      expect(trap.message).toBe([
        "integer divide by zero",
        "wasm backtrace:",
        `    0: ${hex(DIV_S)} - app!div`,
        `    1: ${hex(CALL_DIV)} - app!middle`,
        `    2: ${hex(CALL_MIDDLE)} - app!main`,
      ].join("\n"));
    });

    it("counts each frame's offset from its function body too", () => {
      const { main } = setup();
      const [div] = trapOf(() => main.call(0)).frames as WasmFrame[];
      // $div's body: size, no local declarations (0x00), then local.get 0, local.get 1, i32.div_s
      expect(div!.funcOffset).toBe(5);
    });

    it("keeps the store usable, and gives the next trap a backtrace of its own", () => {
      const { main, viaHost } = setup();
      trapOf(() => main.call(0));
      expect(main.call(5)).toEqual([21]);
      expect(trapOf(() => main.call(0)).frames).toEqual([DIV, MIDDLE, MAIN]);
      expect(trapOf(() => viaHost.call(0)).frames).toHaveLength(1);
    });

    it("gives a trap thrown by a host function the Wasm frames from the calling one out", () => {
      const { viaHost } = setup();
      const trap = trapOf(() => viaHost.call(0));
      expect(trap.reason).toBe("check failed");
      expect(trap.frames).toEqual([frame(4, undefined, CALL_CHECK)]);
      expect(trap.frames[0]).not.toHaveProperty("name");
      expect(trap.message).toMatch(/^check failed\nwasm backtrace:\n {4}0: +0x[0-9a-f]+ - app!<wasm function 4>$/);
    });

    it("lets a host function's own error through unchanged, its frames available by wasmBacktraceOf", () => {
      const { viaHost } = setup();
      for (let i = 0; i < 2; i++) {
        // the same object each time: the frames of this call only
        expect(thrownBy(() => viaHost.call(1))).toBe(hostError);
        expect(hostError.message).toBe("the host's own error");
        expect(wasmBacktraceOf(hostError)).toEqual([frame(4, undefined, CALL_CHECK)]);
      }
      expect(wasmBacktraceOf(new Error("never thrown"))).toEqual([]);
      expect(wasmBacktraceOf("a string")).toEqual([]);
    });

    it("joins the frames of Wasm called back by a host function to the caller's, skipping the host", () => {
      const { viaHost } = setup();
      const trap = trapOf(() => viaHost.call(2));
      expect(trap.frames).toEqual([DIV, MIDDLE, MAIN, frame(5, "inner", CALL_MAIN), frame(4, undefined, CALL_CHECK)]);
      expect(trap.message.split("\n")).toHaveLength(2 + 5);
    });

    it("starts over when a host function throws a trap of an earlier call again", () => {
      const { store, main } = setup();
      const earlier = trapOf(() => main.call(0));
      const rethrow = Func.wrap(store, { params: [], results: [] }, () => { throw earlier; });
      const callsRethrow = new Linker<null>(engine).define("env", "rethrow", rethrow)
        .instantiate(store, new Module(engine, parseWat(`(module $again
          (import "env" "rethrow" (func $rethrow))
          (func $f (export "f") (call $rethrow)))`)))
        .getFunc("f")!;
      expect(thrownBy(() => callsRethrow.call())).toBe(earlier);
      expect(earlier.frames).toEqual([expect.objectContaining({ funcIndex: 1, name: "f", moduleName: "again" })]);
    });

    it("has no backtrace for traps outside Wasm code", () => {
      const { store } = setup();
      const host = Func.wrap(store, { params: [], results: [] }, () => { throw new Trap(TrapCode.Unreachable); });
      const trap = trapOf(() => host.call());
      expect(trap.frames).toEqual([]);
      expect(trap.message).toBe("unreachable");
      // an active data segment out of bounds traps during instantiation, before any Wasm code runs
      const segment = trapOf(() => new Instance(store, new Module(engine, parseWat(`(module (memory 0) (data (i32.const 1) "x"))`)), []));
      expect(segment.message).toBe("out of bounds memory access");
      expect(segment.frames).toEqual([]);
    });

    it("keeps the innermost 100 frames of a runaway recursion", () => {
      const deep = parseWat(`(module $deep
        (func $down (export "down") (param i32) (result i32)
          (if (result i32) (local.get 0)
            (then (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))
            (else (i32.const 0)))))`);
      const down = new Instance(new Store(engine, null), new Module(engine, deep), []).getFunc("down")!;
      const trap = trapOf(() => down.call(1_000_000));
      expect(trap.code).toBe(TrapCode.StackOverflow);
      // each frame at the recursive call, the innermost one too (the call that went too deep)
      const callDown = offsetIn(deep, [0x41, 0x01, 0x6b, CALL, 0], 3);
      expect(trap.frames).toHaveLength(100);
      expect(trap.frames.every((f) => f.name === "down" && f.codeOffset === callDown)).toBe(true);
    });
  });
}
