// The referenceTypes feature switched off: the rules before 2.0 (one funcref table, call_indirect's zero
// byte, none of the reference instructions or externref), as some proposals' own scripts expect.
import { describe, expect, it } from "vitest";
import { CompileError, Engine, Instance, Module, Store, WASM2_FEATURES } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const MVP = new Engine({ features: { ...WASM2_FEATURES, referenceTypes: false } });

function compileError(engine: Engine, bytes: Uint8Array): string {
  try {
    new Module(engine, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return (e as Error).message;
  }
  throw new Error("compiled without error");
}

describe("referenceTypes: false", () => {
  it("still runs a module with one funcref table and call_indirect", () => {
    const bytes = parseWat(`(module
      (type $t (func (result i32)))
      (table funcref (elem $f $g))
      (func $f (result i32) (i32.const 11))
      (func $g (result i32) (i32.const 22))
      (func (export "call") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))`);
    const store = new Store(MVP, null);
    const call = new Instance(store, new Module(MVP, bytes)).getFunc("call")!;
    expect(call.call(0)).toEqual([11]);
    expect(call.call(1)).toEqual([22]);
    expect(() => call.call(2)).toThrow(/undefined element/);
  });

  it("rejects a second table, as 2.0 accepts it", () => {
    const bytes = parseWat(`(module (table 1 funcref) (table 1 funcref))`);
    expect(compileError(MVP, bytes)).toMatch(/multiple tables/);
    expect(Module.validate(new Engine({ features: WASM2_FEATURES }), bytes)).toBe(true);
    const imported = parseWat(`(module (import "m" "t" (table 1 funcref)) (table 1 funcref))`);
    expect(compileError(MVP, imported)).toMatch(/multiple tables/);
  });

  it("reads call_indirect's table index as a zero byte", () => {
    // call_indirect (type 0) with table byte 1: before 2.0 malformed, in 2.0 an unknown table
    const bytes = Uint8Array.from([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
      0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0x11, 0x00, 0x01, 0x0b,
    ]);
    expect(compileError(MVP, bytes)).toMatch(/zero byte expected/);
    expect(compileError(new Engine({ features: WASM2_FEATURES }), bytes)).toMatch(/unknown table 1/);
  });

  it("rejects externref and the reference instructions", () => {
    const cases = [
      `(module (func (param externref)))`,
      `(module (func (result i32) (block (result externref) (ref.null extern)) (drop) (i32.const 0)))`,
      `(module (table 1 funcref) (func (drop (table.get 0 (i32.const 0)))))`,
      `(module (table 1 funcref) (func (result i32) (table.size 0)))`,
      `(module (func (drop (ref.null func))))`,
      `(module (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))`,
    ];
    for (const wat of cases) {
      const bytes = parseWat(wat);
      expect(compileError(MVP, bytes)).toMatch(/malformed|illegal opcode/);
      expect(Module.validate(new Engine({ features: WASM2_FEATURES }), bytes)).toBe(true);
    }
  });

  it("is needed by the later reference proposals", () => {
    expect(() => new Engine({ features: { ...WASM2_FEATURES, referenceTypes: false, exceptions: true } })).toThrow(
      /exceptions needs \.referenceTypes/,
    );
    expect(() => new Engine({ features: { ...WASM2_FEATURES, gc: true } })).toThrow(/gc needs \.typedReferences/);
  });
});
