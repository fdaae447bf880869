import { describe, expect, it } from "vitest";
import * as c from "@wasmi-ts/capi";
import { CapiError, NULL, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_EXTERNREF, type wasm_val_t } from "@wasmi-ts/capi";
import { parseWat } from "@wasmi-ts/wast";

function setup() {
  const engine = c.wasm_engine_new();
  const store = c.wasm_store_new(engine);
  return { engine, store };
}

const i32 = (n: number): wasm_val_t => ({ kind: WASM_I32, of: n });

describe("wasm-c-api: handles", () => {
  it("throws a clear CapiError for deleted, wrong-kind and bogus handles", () => {
    const { engine, store } = setup();
    const type = c.wasm_functype_new([], []);
    c.wasm_functype_delete(type);
    expect(() => c.wasm_functype_params(type)).toThrow(CapiError);
    expect(() => c.wasm_functype_params(type)).toThrow(`wasm_functype_params: handle ${type} was deleted`);
    expect(() => c.wasm_functype_delete(type)).toThrow(/was deleted/);
    expect(() => c.wasm_memory_size(store)).toThrow(`wasm_memory_size: handle ${store} is a store, expected a memory`);
    expect(() => c.wasm_store_new(NULL)).toThrow("wasm_store_new: null handle");
    expect(() => c.wasm_store_new(123456789)).toThrow(/is not a handle/);
    expect(() => c.wasm_store_new(1.5)).toThrow(/is not a handle/);
    c.wasm_store_delete(store);
    c.wasm_engine_delete(engine);
    expect(() => c.wasm_store_new(engine)).toThrow(/was deleted/);
  });

  it("frees every object of a store with the store", () => {
    const { store } = setup();
    const memType = c.wasm_memorytype_new({ min: 1, max: 2 });
    const memory = c.wasm_memory_new(store, memType);
    const before = c.liveHandles();
    c.wasm_store_delete(store);
    expect(c.liveHandles()).toBe(before - 2);
    expect(() => c.wasm_memory_size(memory)).toThrow(/was deleted/);
    expect(c.wasm_memorytype_limits(memType)).toEqual({ min: 1, max: 2 }); // types live on their own
  });
});

describe("wasm-c-api: modules", () => {
  it("compiles, validates, and lists imports and exports", () => {
    const { store } = setup();
    const bytes = parseWat(`(module
      (import "env" "f" (func (param i32 i64) (result i32)))
      (import "env" "g" (global (mut i64)))
      (memory (export "mem") 1 3)
      (export "f" (func 0)))`);
    expect(c.wasm_module_validate(store, bytes)).toBe(true);
    expect(c.wasm_module_validate(store, new Uint8Array([0, 1, 2]))).toBe(false);
    expect(c.wasm_module_new(store, new Uint8Array([0, 1, 2]))).toBe(NULL);
    const module = c.wasm_module_new(store, bytes);
    const imports = c.wasm_module_imports(module);
    expect(imports.map((i) => [c.wasm_importtype_module(i), c.wasm_importtype_name(i)])).toEqual([["env", "f"], ["env", "g"]]);
    const ft = c.wasm_importtype_type(imports[0]!);
    expect(c.wasm_externtype_kind(ft)).toBe(c.WASM_EXTERN_FUNC);
    expect(c.wasm_functype_params(c.wasm_externtype_as_functype(ft))).toEqual([WASM_I32, WASM_I64]);
    expect(c.wasm_functype_results(ft)).toEqual([WASM_I32]);
    expect(c.wasm_externtype_as_memorytype(ft)).toBe(NULL);
    const gt = c.wasm_importtype_type(imports[1]!);
    expect(c.wasm_externtype_kind(gt)).toBe(c.WASM_EXTERN_GLOBAL);
    expect([c.wasm_globaltype_content(gt), c.wasm_globaltype_mutability(gt)]).toEqual([WASM_I64, c.WASM_VAR]);
    const exports = c.wasm_module_exports(module);
    expect(exports.map(c.wasm_exporttype_name)).toEqual(["mem", "f"]);
    const mt = c.wasm_exporttype_type(exports[0]!);
    expect(c.wasm_externtype_kind(mt)).toBe(c.WASM_EXTERN_MEMORY);
    expect(c.wasm_memorytype_limits(mt)).toEqual({ min: 1, max: 3 });
    expect(c.wasmi_memorytype_page_size_log2(mt)).toBe(16);
    for (const h of imports) c.wasm_importtype_delete(h);
    c.wasm_module_delete(module);
    expect(() => c.wasm_module_imports(module)).toThrow(CapiError);
  });
});

describe("wasm-c-api: host functions, globals, tables, memories", () => {
  it("calls a host function through wasm_func_call", () => {
    const { store } = setup();
    const type = c.wasm_functype_new([WASM_I32, WASM_I64], [WASM_I64, WASM_F64]);
    const func = c.wasm_func_new(store, type, (args) => [
      { kind: WASM_I64, of: (args[1]!.of as bigint) * BigInt(args[0]!.of as number) },
      { kind: WASM_F64, of: 0.5 },
    ]);
    expect([c.wasm_func_param_arity(func), c.wasm_func_result_arity(func)]).toEqual([2, 2]);
    const results: wasm_val_t[] = [];
    expect(c.wasm_func_call(func, [i32(3), { kind: WASM_I64, of: 2n ** 40n }], results)).toBe(NULL);
    expect(results).toEqual([{ kind: WASM_I64, of: 3n * 2n ** 40n }, { kind: WASM_F64, of: 0.5 }]);
    expect(c.wasm_extern_kind(c.wasm_func_as_extern(func))).toBe(c.WASM_EXTERN_FUNC);
    expect(c.wasm_extern_as_func(func)).toBe(func);
    expect(c.wasm_extern_as_memory(func)).toBe(NULL);
    expect(() => c.wasm_func_call(func, [i32(1)], [])).toThrow(TypeError);
    expect(() => c.wasm_func_call(func, [i32(1), i32(2)], [])).toThrow(TypeError);
  });

  it("passes funcref values as func handles and externref values as JS values", () => {
    const { store } = setup();
    const target = c.wasm_func_new(store, c.wasm_functype_new([], [WASM_I32]), () => [i32(11)]);
    const pass = c.wasm_func_new(store, c.wasm_functype_new([WASM_FUNCREF, WASM_EXTERNREF], [WASM_FUNCREF, WASM_EXTERNREF]),
      (args) => args);
    const results: wasm_val_t[] = [];
    const obj = { a: 1 };
    expect(c.wasm_func_call(pass, [{ kind: WASM_FUNCREF, of: target }, { kind: WASM_EXTERNREF, of: obj }], results)).toBe(NULL);
    expect(results[1]).toEqual({ kind: WASM_EXTERNREF, of: obj });
    const back = results[0]!.of as number;
    expect(back).not.toBe(target); // a new handle owned by the caller, for the same function
    const out: wasm_val_t[] = [];
    c.wasm_func_call(back, [], out);
    expect(out).toEqual([i32(11)]);
    c.wasm_func_call(pass, [{ kind: WASM_FUNCREF, of: NULL }, { kind: WASM_EXTERNREF, of: null }], results);
    expect(results).toEqual([{ kind: WASM_FUNCREF, of: NULL }, { kind: WASM_EXTERNREF, of: null }]);
    expect(() => c.wasm_func_call(pass, [i32(1), { kind: WASM_EXTERNREF, of: null }], [])).toThrow(TypeError);
    const ft = c.wasm_extern_type(pass);
    expect(c.wasm_externtype_kind(ft)).toBe(c.WASM_EXTERN_FUNC);
    expect(c.wasm_functype_results(ft)).toEqual([WASM_FUNCREF, WASM_EXTERNREF]);
  });

  it("returns a trap handle when a callback returns one", () => {
    const { store } = setup();
    const type = c.wasm_functype_new([], []);
    const func = c.wasm_func_new(store, type, () => c.wasm_trap_new(store, "callback failed"));
    const trap = c.wasm_func_call(func, [], []);
    expect(trap).not.toBe(NULL);
    expect(c.wasm_trap_message(trap)).toBe("callback failed");
    c.wasm_trap_delete(trap);
    expect(() => c.wasm_trap_message(trap)).toThrow(/was deleted/);
  });

  it("creates, reads and writes globals", () => {
    const { store } = setup();
    const g = c.wasm_global_new(store, c.wasm_globaltype_new(WASM_I64, c.WASM_VAR), { kind: WASM_I64, of: -1n });
    expect(c.wasm_global_get(g)).toEqual({ kind: WASM_I64, of: -1n });
    c.wasm_global_set(g, { kind: WASM_I64, of: 7n });
    expect(c.wasm_global_get(g).of).toBe(7n);
    expect(() => c.wasm_global_set(g, i32(1))).toThrow(TypeError);
    const k = c.wasm_global_new(store, c.wasm_globaltype_new(WASM_I32, c.WASM_CONST), i32(1));
    expect(() => c.wasm_global_set(k, i32(2))).toThrow(/immutable/);
    expect(c.wasm_globaltype_mutability(c.wasm_global_type(k))).toBe(c.WASM_CONST);
  });

  it("creates, reads, writes and grows tables", () => {
    const { store } = setup();
    const func = c.wasm_func_new(store, c.wasm_functype_new([], [WASM_I32]), () => [i32(5)]);
    const table = c.wasm_table_new(store, c.wasm_tabletype_new(WASM_FUNCREF, { min: 2, max: 3 }), NULL);
    expect(c.wasm_table_size(table)).toBe(2);
    expect(c.wasm_table_get(table, 0)).toBe(NULL);
    expect(c.wasm_table_set(table, 1, func)).toBe(true);
    expect(c.wasm_table_set(table, 2, func)).toBe(false);
    const got = c.wasm_table_get(table, 1) as number;
    const results: wasm_val_t[] = [];
    c.wasm_func_call(got, [], results);
    expect(results).toEqual([i32(5)]);
    expect(c.wasm_table_grow(table, 1, func)).toBe(true);
    expect(c.wasm_table_grow(table, 1, NULL)).toBe(false);
    expect(c.wasm_table_size(table)).toBe(3);
    const ext = c.wasm_table_new(store, c.wasm_tabletype_new(WASM_EXTERNREF, { min: 1, max: c.wasm_limits_max_default }), "x");
    expect(c.wasm_table_get(ext, 0)).toBe("x");
    expect(c.wasm_tabletype_limits(c.wasm_table_type(ext))).toEqual({ min: 1, max: c.wasm_limits_max_default });
  });

  it("creates and grows memories and exposes their bytes", () => {
    const { store } = setup();
    const memory = c.wasm_memory_new(store, c.wasm_memorytype_new({ min: 1, max: 2 }));
    expect(c.wasm_memory_size(memory)).toBe(1);
    expect(c.wasm_memory_data_size(memory)).toBe(65536);
    c.wasm_memory_data(memory)[10] = 42;
    expect(c.wasm_memory_grow(memory, 1)).toBe(true);
    expect(c.wasm_memory_grow(memory, 1)).toBe(false);
    expect(c.wasm_memory_data(memory)[10]).toBe(42);
    expect(c.wasm_memory_data_size(memory)).toBe(2 * 65536);
  });
});

describe("wasm-c-api: instances", () => {
  // run(x) = host(x) + 1, with a memory whose byte 0 is 9.
  function adderModule() {
    return parseWat(`(module
      (import "env" "host" (func $host (param i32) (result i32)))
      (memory (export "mem") 1)
      (data (i32.const 0) "\\09")
      (func (export "run") (param i32) (result i32) (i32.add (call $host (local.get 0)) (i32.const 1))))`);
  }

  it("instantiates with imported host functions and calls exports", () => {
    const { store } = setup();
    const module = c.wasm_module_new(store, adderModule());
    const host = c.wasm_func_new(store, c.wasm_functype_new([WASM_I32], [WASM_I32]), (args) => [i32((args[0]!.of as number) * 10)]);
    const instance = c.wasm_instance_new(store, module, [c.wasm_func_as_extern(host)]);
    expect(instance).not.toBe(NULL);
    const exports = c.wasm_instance_exports(instance);
    expect(exports.map(c.wasm_extern_kind)).toEqual([c.WASM_EXTERN_MEMORY, c.WASM_EXTERN_FUNC]);
    expect(c.wasm_memory_data(c.wasm_extern_as_memory(exports[0]!))[0]).toBe(9);
    const results: wasm_val_t[] = [];
    expect(c.wasm_func_call(c.wasm_extern_as_func(exports[1]!), [i32(4)], results)).toBe(NULL);
    expect(results).toEqual([i32(41)]);
    c.wasm_extern_vec_delete(exports);
    expect(() => c.wasm_extern_kind(exports[0]!)).toThrow(/was deleted/);
  });

  it("reports link errors and traps as trap handles", () => {
    const { store } = setup();
    const module = c.wasm_module_new(store, adderModule());
    const wrong = c.wasm_func_new(store, c.wasm_functype_new([], []), () => []);
    const trap = { value: NULL };
    expect(c.wasm_instance_new(store, module, [wrong], trap)).toBe(NULL);
    expect(c.wasm_trap_message(trap.value)).toMatch(/^incompatible import type/);
    const failing = c.wasm_func_new(store, c.wasm_functype_new([WASM_I32], [WASM_I32]), () => c.wasm_trap_new(store, "no"));
    const instance = c.wasm_instance_new(store, module, [failing]);
    const run = c.wasm_extern_as_func(c.wasm_instance_exports(instance)[1]!);
    const t = c.wasm_func_call(run, [i32(1)], []);
    expect(c.wasm_trap_message(t)).toBe("no");
  });
});

describe("wasmi extensions: fuel, deadlines, interrupts", () => {
  const spin = parseWat(`(module (import "env" "cb" (func $cb)) (func (export "spin") (call $cb) (loop (br 0))))`);
  const run = (engine: number, store: number, callback: () => void): string => {
    const cb = c.wasm_func_new(store, c.wasm_functype_new([], []), () => (callback(), []));
    const instance = c.wasm_instance_new(store, c.wasm_module_new(store, spin), [c.wasm_func_as_extern(cb)]);
    const trap = c.wasm_func_call(c.wasm_extern_as_func(c.wasm_instance_exports(instance)[0]!), [], []);
    return trap === NULL ? "returned" : c.wasm_trap_message(trap);
  };

  it("stop (loop (br 0)) by fuel, by a deadline and by an interrupt", () => {
    const metered = c.wasm_engine_new_with_config({ consumeFuel: true });
    const store = c.wasm_store_new(metered);
    c.wasmi_store_set_fuel(store, 10_000n);
    expect(run(metered, store, () => {})).toBe("all fuel consumed");
    expect(c.wasmi_store_get_fuel(store)).toBeLessThan(10n);

    const engine = c.wasm_engine_new();
    const timed = c.wasm_store_new(engine);
    c.wasmi_store_set_deadline(timed, 20);
    expect(run(engine, timed, () => {})).toBe("deadline exceeded");
    c.wasmi_store_set_deadline(timed, null);
    expect(run(engine, timed, () => c.wasmi_engine_interrupt(engine))).toBe("interrupted");
    expect(() => c.wasmi_store_get_fuel(timed)).toThrow(/consumeFuel/);
  });
});

describe("wasmi extensions: resumable calls", () => {
  // sum() = ask(2) + ask(1), where the host's ask suspends the call; and spin(n) counting down
  const wat = parseWat(`(module
    (import "env" "ask" (func $ask (param i32) (result i32)))
    (func (export "sum") (result i32) (i32.add (call $ask (i32.const 2)) (call $ask (i32.const 1))))
    (func (export "spin") (param $n i32) (result i32)
      (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $n)))`);

  function exports(engine: number, store: number) {
    const asked: number[] = [];
    const ask = c.wasm_func_new(store, c.wasm_functype_new([WASM_I32], [WASM_I32]), (args) => {
      asked.push(args[0]!.of as number);
      return c.wasmi_host_suspend_new(store, "ask the embedder");
    });
    const instance = c.wasm_instance_new(store, c.wasm_module_new(store, wat), [c.wasm_func_as_extern(ask)]);
    const [sum, spin] = c.wasm_instance_exports(instance).map((e) => c.wasm_extern_as_func(e));
    void engine;
    return { sum: sum!, spin: spin!, asked };
  }

  it("suspends at a host callback that returns a host-suspend trap, and resumes with its results", () => {
    const { engine, store } = setup();
    const { sum, asked } = exports(engine, store);
    const call = { value: NULL };
    expect(c.wasmi_func_call_resumable(sum, [], call)).toBe(NULL);
    expect(c.wasmi_resumable_call_kind(call.value)).toBe(c.WASMI_RESUMABLE_HOST_TRAP);
    expect(c.wasm_func_param_arity(c.wasmi_resumable_call_host_func(call.value))).toBe(1);
    expect(() => c.wasmi_resumable_call_resume(call.value, [])).toThrow(/expected 1 result/); // still suspended
    expect(c.wasmi_resumable_call_resume(call.value, [i32(200)])).toBe(NULL);
    expect(c.wasmi_resumable_call_kind(call.value)).toBe(c.WASMI_RESUMABLE_HOST_TRAP);
    expect(c.wasmi_resumable_call_resume(call.value, [i32(1)])).toBe(NULL);
    expect(c.wasmi_resumable_call_kind(call.value)).toBe(c.WASMI_RESUMABLE_FINISHED);
    const results: wasm_val_t[] = [];
    c.wasmi_resumable_call_results(call.value, results);
    expect(results).toEqual([i32(201)]);
    expect(asked).toEqual([2, 1]);
    c.wasmi_resumable_call_delete(call.value);
    // in a plain call, the host-suspend trap is an ordinary trap
    const trap = c.wasm_func_call(sum, [], []);
    expect(c.wasm_trap_message(trap)).toBe("ask the embedder");
  });

  it("suspends when fuel runs out, and goes on after more fuel is set", () => {
    const engine = c.wasm_engine_new_with_config({ consumeFuel: true });
    const store = c.wasm_store_new(engine);
    const { spin } = exports(engine, store);
    c.wasmi_store_set_fuel(store, 100n);
    const call = { value: NULL };
    expect(c.wasmi_func_call_resumable(spin, [i32(1000)], call)).toBe(NULL);
    let refills = 0;
    while (c.wasmi_resumable_call_kind(call.value) === c.WASMI_RESUMABLE_OUT_OF_FUEL) {
      expect(c.wasmi_resumable_call_required_fuel(call.value)).toBeGreaterThan(0n);
      c.wasmi_store_set_fuel(store, 100n);
      refills++;
      expect(c.wasmi_resumable_call_resume(call.value, [])).toBe(NULL);
    }
    expect(refills).toBeGreaterThan(5);
    const results: wasm_val_t[] = [];
    c.wasmi_resumable_call_results(call.value, results);
    expect(results).toEqual([i32(0)]);
    // a suspended call deleted is cancelled
    expect(c.wasmi_func_call_resumable(spin, [i32(1000)], call)).toBe(NULL);
    const before = c.liveHandles();
    c.wasmi_resumable_call_delete(call.value);
    expect(c.liveHandles()).toBe(before - 1);
  });
});

describe("wasm-c-api: memories with 1-byte pages (custom-page-sizes)", () => {
  it("makes them, and counts their size in bytes", () => {
    const { store } = setup();
    const mt = c.wasmi_memorytype_new_with_page_size_log2({ min: 3, max: 8 }, 0);
    expect(c.wasmi_memorytype_page_size_log2(mt)).toBe(0);
    expect(c.wasm_memorytype_limits(mt)).toEqual({ min: 3, max: 8 });
    const memory = c.wasm_memory_new(store, mt);
    expect(c.wasm_memory_size(memory)).toBe(3);
    expect(c.wasm_memory_data_size(memory)).toBe(3);
    expect(c.wasm_memory_grow(memory, 5)).toBe(true);
    expect(c.wasm_memory_data_size(memory)).toBe(8);
    expect(c.wasm_memory_grow(memory, 1)).toBe(false);
    expect(c.wasmi_memorytype_page_size_log2(c.wasm_memory_type(memory))).toBe(0);
    expect(() => c.wasmi_memorytype_new_with_page_size_log2({ min: 1, max: 2 }, 12)).toThrow(CapiError);
  });
});

describe("wasm-c-api: typed references (Wasm 3.0)", () => {
  it("reports them with the value kind of their hierarchy, and passes their values", () => {
    const { store } = setup();
    const bytes = parseWat(`(module (type $v (func))
      (import "env" "f" (func (param (ref extern) (ref null $v)) (result (ref func))))
      (func (export "id") (param (ref extern)) (result (ref extern)) (local.get 0)))`);
    const module = c.wasm_module_new(store, bytes);
    const ft = c.wasm_importtype_type(c.wasm_module_imports(module)[0]!);
    expect(c.wasm_functype_params(ft)).toEqual([WASM_EXTERNREF, WASM_FUNCREF]);
    expect(c.wasm_functype_results(ft)).toEqual([WASM_FUNCREF]);
    const id = c.wasm_exporttype_type(c.wasm_module_exports(module)[0]!);
    expect([c.wasm_functype_params(id), c.wasm_functype_results(id)]).toEqual([[WASM_EXTERNREF], [WASM_EXTERNREF]]);
  });

  it("passes GC references (anyref, i31ref, structref) as opaque values of kind WASM_ANYREF", () => {
    const { store } = setup();
    const module = c.wasm_module_new(store, parseWat(`(module (type $p (struct (field i32)))
      (func (export "make") (param i32) (result structref) (struct.new $p (local.get 0)))
      (func (export "get") (param anyref) (result i32) (struct.get $p 0 (ref.cast (ref $p) (local.get 0))))
      (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
      (func (export "concrete") (param (ref $p)) (result (ref $p)) (local.get 0)))`));
    const exports = c.wasm_instance_exports(c.wasm_instance_new(store, module, []));
    const [make, get, i31, concrete] = exports.map((e) => c.wasm_extern_as_func(e)!);
    expect(c.wasm_functype_results(c.wasm_func_type(make!))).toEqual([c.WASM_ANYREF]);
    // a concrete struct type is of the any hierarchy (the engine's registry tells it from a function type)
    expect(c.wasm_functype_params(c.wasm_func_type(concrete!))).toEqual([c.WASM_ANYREF]);
    const concreteExport = c.wasm_exporttype_type(c.wasm_module_exports(module)[3]!);
    expect(c.wasm_functype_results(concreteExport)).toEqual([c.WASM_ANYREF]);
    expect(c.wasm_functype_params(c.wasm_extern_type(exports[3]!))).toEqual([c.WASM_ANYREF]);
    const results: wasm_val_t[] = [];
    expect(c.wasm_func_call(make!, [i32(7)], results)).toBe(NULL);
    expect(results[0]!.kind).toBe(c.WASM_ANYREF);
    const out: wasm_val_t[] = [];
    expect(c.wasm_func_call(get!, [results[0]!], out)).toBe(NULL);
    expect(out[0]).toEqual(i32(7));
    const small: wasm_val_t[] = [];
    c.wasm_func_call(i31!, [i32(-5)], small);
    expect(small[0]).toEqual({ kind: c.WASM_ANYREF, of: -5 });
    const same: wasm_val_t[] = [];
    expect(c.wasm_func_call(concrete!, [results[0]!], same)).toBe(NULL);
    expect(same[0]).toEqual(results[0]);
  });
});

describe("wasm-c-api: exception handling", () => {
  it("passes tags on as externs (kind WASMI_EXTERN_TAG) and reports an uncaught exception as a trap", () => {
    const { store } = setup();
    const exporter = c.wasm_module_new(store, parseWat(`(module (tag (export "t") (param i32)))`));
    const tag = c.wasm_instance_exports(c.wasm_instance_new(store, exporter, []))[0]!;
    expect(c.wasm_extern_kind(tag)).toBe(c.WASMI_EXTERN_TAG);
    expect(c.wasm_externtype_kind(c.wasm_extern_type(tag))).toBe(c.WASMI_EXTERN_TAG);
    const module = c.wasm_module_new(store, parseWat(`(module (import "env" "t" (tag $t (param i32)))
      (func (export "throw") (param i32) (throw $t (local.get 0)))
      (func (export "catch") (param i32) (result i32)
        (block $h (result i32) (try_table (catch $t $h) (call 0 (local.get 0))) (i32.const -1))))`));
    expect(c.wasm_externtype_kind(c.wasm_importtype_type(c.wasm_module_imports(module)[0]!))).toBe(c.WASMI_EXTERN_TAG);
    const [thrower, catcher] = c.wasm_instance_exports(c.wasm_instance_new(store, module, [tag])).map(c.wasm_extern_as_func);
    const results: wasm_val_t[] = [];
    expect(c.wasm_func_call(catcher!, [i32(9)], results)).toBe(NULL);
    expect(results).toEqual([i32(9)]);
    const trap = c.wasm_func_call(thrower!, [i32(9)], []);
    expect(trap).not.toBe(NULL);
    expect(c.wasm_trap_message(trap)).toBe("uncaught exception");
    // the frames the exception unwound: function 0 ("throw"; the import is a tag)
    const trace = c.wasm_trap_trace(trap);
    expect(trace).toHaveLength(1);
    expect(c.wasm_frame_func_index(trace[0]!)).toBe(0);
    expect(c.wasm_frame_func_index(c.wasm_trap_origin(trap))).toBe(0);
  });
});
