import { describe, expect, it } from "vitest";
import * as c from "@wasmi-ts/capi";
import { NULL, WASM_I32 } from "@wasmi-ts/capi";
import { parseWat } from "@wasmi-ts/wast";

// offsets as `wasm-objdump -d` lists them for this module: i32.div_u at 0x2d (body of $div at 0x28),
// the call at 0x35 (body of func 1 at 0x30)
const bytes = parseWat(`(module $calc
  (func $div (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "run") (param i32) (result i32) (call $div (i32.const 7) (local.get 0))))`);

describe("wasm-c-api: trap frames", () => {
  it("gives a trap's origin and trace, innermost first", () => {
    const store = c.wasm_store_new(c.wasm_engine_new());
    const instance = c.wasm_instance_new(store, c.wasm_module_new(store, bytes), []);
    const run = c.wasm_extern_as_func(c.wasm_instance_exports(instance)[0]!);
    const trap = c.wasm_func_call(run, [{ kind: WASM_I32, of: 0 }], []);
    expect(c.wasm_trap_message(trap)).toBe("integer divide by zero"); // the backtrace is in the frames

    const origin = c.wasm_trap_origin(trap);
    expect([c.wasm_frame_func_index(origin), c.wasm_frame_module_offset(origin), c.wasm_frame_func_offset(origin)])
      .toEqual([0, 0x2d, 0x2d - 0x28]);
    const trace = c.wasm_trap_trace(trap);
    expect(trace.map((f) => [c.wasm_frame_func_index(f), c.wasm_frame_module_offset(f), c.wasm_frame_func_offset(f)]))
      .toEqual([[0, 0x2d, 5], [1, 0x35, 0x35 - 0x30]]);

    const copy = c.wasm_frame_copy(origin);
    c.wasm_frame_delete(origin);
    expect(c.wasm_frame_module_offset(copy)).toBe(0x2d);
    expect(() => c.wasm_frame_func_index(origin)).toThrow(/was deleted/);
    c.wasm_frame_vec_delete(trace);
    c.wasm_store_delete(store); // frees the trap and the copy with it
    expect(() => c.wasm_frame_func_index(copy)).toThrow(/was deleted/);
  });

  it("has no origin for a trap raised outside Wasm code", () => {
    const store = c.wasm_store_new(c.wasm_engine_new());
    const trap = c.wasm_trap_new(store, "from the host");
    expect(c.wasm_trap_origin(trap)).toBe(NULL);
    expect(c.wasm_trap_trace(trap)).toEqual([]);
    c.wasm_store_delete(store);
  });
});
