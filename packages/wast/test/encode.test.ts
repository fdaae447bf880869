import { describe, expect, it } from "vitest";
import { encodeModule, readSExprs, WastSyntaxError, type List } from "../src/index.js";

// The text-to-binary module encoder: exact bytes for small modules, Node's engine as a second opinion
// for larger ones, and the text-level errors the spec suite expects.

/** Node's engine, as a second opinion on our bytes (the package's tsconfig has no DOM/WebAssembly types). */
interface NodeWasmModule {
  readonly brand: "module";
}
interface NodeWasmGlobal {
  value: unknown;
}
interface NodeWasmMemory {
  buffer: ArrayBuffer;
}
type Exports = Record<string, unknown>;
const WebAssembly = (globalThis as unknown as {
  WebAssembly: {
    validate(bytes: Uint8Array): boolean;
    Module: { new (bytes: Uint8Array): NodeWasmModule; customSections(m: NodeWasmModule, name: string): ArrayBuffer[] };
    Instance: new (m: NodeWasmModule, imports: object) => { exports: Exports };
    Memory: new (d: { initial: number }) => NodeWasmMemory;
    Global: new (d: { value: string; mutable: boolean }, v: number) => NodeWasmGlobal;
  };
}).WebAssembly;

function encode(text: string): Uint8Array {
  const [list] = readSExprs(text);
  return encodeModule(list as List);
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function bytes(...sections: number[][]): number[] {
  return [...HEADER, ...sections.flat()];
}

/** A section: id, size, contents. */
function section(id: number, ...content: number[]): number[] {
  return [id, content.length, ...content];
}

function run(text: string, imports: object = {}): Exports {
  const mod = new WebAssembly.Module(encode(text));
  return new WebAssembly.Instance(mod, imports).exports;
}

function syntaxError(text: string): string {
  try {
    encode(text);
  } catch (e) {
    if (e instanceof WastSyntaxError) return e.reason;
    throw e;
  }
  throw new Error("expected a WastSyntaxError");
}

describe("encodeModule: exact bytes", () => {
  it("encodes an empty module (also with `definition` and an id)", () => {
    expect([...encode("(module)")]).toEqual(HEADER);
    expect([...encode("(module definition)")]).toEqual(HEADER);
  });

  it("encodes a function with an export and an implicit type", () => {
    const bin = encode(`(module (func (export "id") (param i32) (result i32) local.get 0))`);
    expect([...bin]).toEqual(
      bytes(
        section(1, 1, 0x60, 1, 0x7f, 1, 0x7f),
        section(3, 1, 0),
        section(7, 1, 2, 0x69, 0x64, 0, 0),
        section(10, 1, 4, 0, 0x20, 0, 0x0b),
      ),
    );
  });

  it("reuses an explicit type for an equal implicit use and appends new ones after explicit types", () => {
    const bin = encode(`(module
      (func (param i64))
      (type $v (func))
      (func (type $v))
      (func))`);
    // Types: 0 = $v (explicit), 1 = (param i64) (implicit, appended).
    expect([...bin.subarray(8, 8 + 10)]).toEqual(section(1, 2, 0x60, 0, 0, 0x60, 1, 0x7e, 0));
    expect([...bin.subarray(18, 18 + 6)]).toEqual(section(3, 3, 1, 0, 0));
  });

  it("encodes folded and plain instructions identically", () => {
    const plain = encode(`(module (func (result i32) i32.const 1 i32.const 2 i32.add))`);
    const folded = encode(`(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))`);
    expect([...folded]).toEqual([...plain]);
  });

  it("resolves labels by name and depth, and puts multi-value block types in the type section", () => {
    const bin = encode(`(module (func
      (block $out (result i32 i32)
        (loop $in (br $out (i32.const 1) (i32.const 2)))
        unreachable)
      drop drop))`);
    // Type 1 is the block's [] -> [i32 i32]; `br $out` from inside the loop is depth 1.
    const code = [0x02, 0x01, 0x03, 0x40, 0x41, 1, 0x41, 2, 0x0c, 1, 0x0b, 0x00, 0x0b, 0x1a, 0x1a, 0x0b];
    expect([...bin.subarray(bin.length - code.length)]).toEqual(code);
    expect([...bin.subarray(8, 8 + 11)]).toEqual(section(1, 2, 0x60, 0, 0, 0x60, 0, 2, 0x7f, 0x7f));
  });

  it("encodes memarg alignment, offsets and memory indices", () => {
    const bin = encode(`(module (memory 1) (memory $m 1)
      (func (drop (i64.load offset=16 align=4 (i32.const 0))) (drop (i32.load8_u $m (i32.const 0)))))`);
    const body = [0x41, 0, 0x29, 2, 16, 0x1a, 0x41, 0, 0x2d, 0x40, 1, 0, 0x1a, 0x0b];
    expect([...bin.subarray(bin.length - body.length)]).toEqual(body);
  });

  it("encodes v128 constants in every lane shape to the same little-endian bytes", () => {
    const shapes = [
      "i8x16 1 0 0 0 2 0 0 0 3 0 0 0 4 0 0 0",
      "i16x8 1 0 2 0 3 0 4 0",
      "i32x4 1 2 3 4",
      "i64x2 0x0000000200000001 0x0000000400000003",
      "f32x4 0x1p-149 0x1p-148 0x1.8p-148 0x1p-147",
    ];
    const bins = shapes.map((s) => [...encode(`(module (func (result v128) (v128.const ${s})))`)]);
    for (const b of bins) expect(b).toEqual(bins[0]);
  });

  it("encodes GC types: structs with named fields, arrays, rec groups and subtypes", () => {
    const bin = encode(`(module
      (rec (type $a (sub (struct (field $x i32) (field (mut i64)))))
           (type $b (sub final $a (struct (field i32) (field (mut i64)) (field (ref null $b))))))
      (type $arr (array (mut i8)))
      (func (param (ref $b)) (result i32) (struct.get $a $x (local.get 0))))`);
    const types = [
      0x4e, 2,
      0x50, 0, 0x5f, 2, 0x7f, 0, 0x7e, 1,
      0x4f, 1, 0, 0x5f, 3, 0x7f, 0, 0x7e, 1, 0x63, 1, 0,
      0x5e, 0x78, 1,
      0x60, 1, 0x64, 1, 1, 0x7f,
    ];
    expect([...bin.subarray(8, 8 + 3 + types.length)]).toEqual([1, types.length + 1, 3, ...types]);
    const body = [0x20, 0, 0xfb, 2, 0, 0, 0x0b];
    expect([...bin.subarray(bin.length - body.length)]).toEqual(body);
  });

  it("encodes try_table catch clauses with labels resolved outside the block", () => {
    const bin = encode(`(module (tag $e (param i32)) (func (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (catch_all_ref 1) (throw $e (i32.const 1)))
        (i32.const 0))))`);
    const body = [0x02, 0x7f, 0x1f, 0x40, 2, 0x00, 0, 0, 0x03, 1, 0x41, 1, 0x08, 0, 0x0b, 0x41, 0, 0x0b, 0x0b];
    expect([...bin.subarray(bin.length - body.length)]).toEqual(body);
  });

  it("encodes casts: nullability picks the ref.test/ref.cast opcode and the br_on_cast flags", () => {
    const bin = encode(`(module (type $s (sub (struct)))
      (func (param anyref) (result anyref)
        (block $l (result (ref null $s))
          (br_on_cast $l anyref (ref null $s) (local.get 0))
          (drop) (ref.null any) (return))
        (ref.cast (ref $s))))`);
    const body = [0x02, 0x63, 0, 0x20, 0, 0xfb, 0x18, 3, 0, 0x6e, 0, 0x1a, 0xd0, 0x6e, 0x0f, 0x0b, 0xfb, 0x16, 0, 0x0b];
    expect([...bin.subarray(bin.length - body.length)]).toEqual(body);
  });

  it("encodes legacy try/catch/delegate with delegate labels counted outside the try", () => {
    const bin = encode(`(module (tag $e) (func
      (try $outer (do (try (do (throw $e)) (delegate $outer))) (catch $e) (catch_all))))`);
    const body = [0x06, 0x40, 0x06, 0x40, 0x08, 0, 0x18, 0, 0x07, 0, 0x19, 0x0b, 0x0b];
    expect([...bin.subarray(bin.length - body.length)]).toEqual(body);
  });

  it("encodes 64-bit tables and memories, shared memories and custom page sizes", () => {
    expect([...encode(`(module (memory i64 1 2))`)]).toEqual(bytes(section(5, 1, 0x05, 1, 2)));
    expect([...encode(`(module (memory 1 2 shared))`)]).toEqual(bytes(section(5, 1, 0x03, 1, 2)));
    expect([...encode(`(module (memory 1 (pagesize 1)))`)]).toEqual(bytes(section(5, 1, 0x08, 1, 0)));
    expect([...encode(`(module (table i64 3 externref))`)]).toEqual(bytes(section(4, 1, 0x6f, 0x04, 3)));
  });

  it("sizes a table64 to its inline segment, placed at an i64 offset, and imports table64s", () => {
    const t = encode(`(module (table i64 funcref (elem $f)) (func $f))`);
    const tables = section(4, 1, 0x70, 0x05, 1, 1);
    expect(indexOf(t, tables)).toBeGreaterThan(0);
    // element segment 0: active on table 0, offset (i64.const 0), one function index
    expect(indexOf(t, section(9, 1, 0, 0x42, 0, 0x0b, 1, 0))).toBeGreaterThan(0);
    const imported = encode(`(module (import "m" "t" (table i64 2 funcref)))`);
    expect(indexOf(imported, [0x01, 0x70, 0x04, 2])).toBeGreaterThan(0); // import kind table, funcref, flags, min
  });

  it("sizes memories and tables to their inline segments", () => {
    const bin = encode(`(module (memory (data "ab" "c")))`);
    expect([...bin]).toEqual(
      bytes(section(5, 1, 0x01, 1, 1), section(12, 1), section(11, 1, 0, 0x41, 0, 0x0b, 3, 0x61, 0x62, 0x63)),
    );
    const t = encode(`(module (table funcref (elem $f $f)) (func $f))`);
    expect([...t.subarray(8)]).toContain(0x09);
    expect(WebAssembly.validate(t)).toBe(true);
  });

  it("emits the name section with module, function and local names", () => {
    const bin = encode(`(module $m (func $f (param $p i32) (local $l i64)))`);
    const mod = new WebAssembly.Module(bin);
    const [names] = WebAssembly.Module.customSections(mod, "name");
    expect([...new Uint8Array(names!)]).toEqual([
      0, 2, 1, 0x6d,
      1, 4, 1, 0, 1, 0x66,
      2, 9, 1, 0, 2, 0, 1, 0x70, 1, 1, 0x6c,
    ]);
  });

  it("prefers @name annotations over $ids for module and function names", () => {
    const bin = encode(`(module $m (@name "Mod") (func $f (@name "λ")))`);
    const [names] = WebAssembly.Module.customSections(new WebAssembly.Module(bin), "name");
    const text = new TextDecoder().decode(names);
    expect(text).toContain("Mod");
    expect(text).toContain("λ");
    expect(text).not.toContain("f");
  });

  it("emits @custom annotations as custom sections", () => {
    const bin = encode(`(module (@custom "hi" (after type) "x" "y") (type (func)))`);
    const mod = new WebAssembly.Module(bin);
    const [hi] = WebAssembly.Module.customSections(mod, "hi");
    expect(new TextDecoder().decode(hi)).toBe("xy");
  });
});

describe("encodeModule: running the result", () => {
  it("computes a recursive factorial", () => {
    const { fac } = run(`(module
      (func $fac (export "fac") (param $n i64) (result i64)
        (if (result i64) (i64.eqz (local.get $n))
          (then (i64.const 1))
          (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))`);
    expect((fac as (n: bigint) => bigint)(20n)).toBe(2432902008176640000n);
  });

  it("dispatches through a table with call_indirect and named types", () => {
    const { pick } = run(`(module
      (type $ii (func (param i32) (result i32)))
      (table $t funcref (elem $inc $dbl))
      (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
      (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
      (func (export "pick") (param $which i32) (param $x i32) (result i32)
        (call_indirect $t (type $ii) (local.get $x) (local.get $which))))`);
    const f = pick as (w: number, x: number) => number;
    expect([f(0, 10), f(1, 10)]).toEqual([11, 20]);
  });

  it("reads data segments and runs SIMD", () => {
    const { sum } = run(`(module
      (memory 1)
      (data (i32.const 16) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00")
      (func (export "sum") (result i32)
        (local $v v128)
        (local.set $v (i32x4.add (v128.load offset=16 (i32.const 0)) (v128.const i32x4 10 20 30 40)))
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
          (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v))))))`);
    expect((sum as () => number)()).toBe(110);
  });

  it("branches with br_table and plain block syntax with end labels", () => {
    const { classify } = run(`(module (func (export "classify") (param i32) (result i32)
      block $c block $b block $a
        local.get 0
        br_table $a $b $c
      end $a i32.const 100 return
      end $b i32.const 200 return
      end $c i32.const 300))`);
    const f = classify as (x: number) => number;
    expect([f(0), f(1), f(2), f(9)]).toEqual([100, 200, 300, 300]);
  });

  it("wires inline imports and exports of every kind", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const g = new WebAssembly.Global({ value: "i32", mutable: false }, 7);
    const exports = run(
      `(module
        (func $log (import "env" "f") (param i32) (result i32))
        (memory (import "env" "mem") 1)
        (global $g (import "env" "g") i32)
        (global (export "g2") (mut i32) (global.get $g))
        (func (export "go") (result i32) (call $log (i32.add (global.get $g) (i32.load8_u (i32.const 0))))))`,
      { env: { f: (x: number) => x * 2, mem: memory, g } },
    );
    new Uint8Array(memory.buffer)[0] = 5;
    expect((exports.go as () => number)()).toBe(24);
    expect((exports.g2 as NodeWasmGlobal).value).toBe(7);
  });
});

describe("encodeModule: text errors", () => {
  it.each([
    ["(module (func i32.frob))", "unknown operator"],
    ["(module (func $f) (func $f))", "duplicate func"],
    ["(module (func (local $x i32) (local $x i32)))", "duplicate local"],
    ["(module (func (br $nowhere)))", "unknown label"],
    ["(module (func block $a end $b))", "mismatching label"],
    ["(module (type $t (func)) (func (type $t) (param i32)))", "inline function type"],
    ["(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))", "alignment must be a power of two"],
    ["(module (func) (import \"\" \"\" (func)))", "import after function"],
    ["(module (func (drop (v128.const i32x4 1 2 3))))", "wrong number of lane literals"],
    ["(module (func (drop (i32.const 0x1_0000_0000))))", "constant out of range"],
    ["(module (func (call $missing)))", "unknown func"],
    ["(module (func (export \"\\80\")))", "malformed UTF-8 encoding"],
    ["(module (start 0) (start 0) (func))", "multiple start sections"],
    ["(module (func (catch_all)))", "unexpected token"],
    ["(module (memory 0 (pagesize 3)))", "invalid custom page size"],
  ])("%s -> %s", (text, reason) => {
    expect(syntaxError(text)).toBe(reason);
  });

  it("reads limits and offsets as u64 (3.0) unless strict32 asks for the 2.0 text rules", () => {
    const texts = ["(module (memory 0x1_0000_0000))", "(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))"];
    for (const text of texts) {
      const list = readSExprs(text)[0] as List;
      expect(WebAssembly.validate(encodeModule(list))).toBe(false);
      expect(() => encodeModule(list, { strict32: true })).toThrow(WastSyntaxError);
    }
    // 64-bit memories keep 64-bit offsets and limits.
    const m64 = readSExprs("(module (memory i64 0x1_0000_0000) (func (drop (i64.load offset=4294967296 (i64.const 0)))))");
    expect(() => encodeModule(m64[0] as List, { strict32: true })).not.toThrow();
  });

  it("still encodes modules that are well-formed but invalid", () => {
    const bin = encode("(module (func (result i32) (i64.const 0)))");
    expect(WebAssembly.validate(bin)).toBe(false);
  });
});

/** Where `part` occurs in `bytes`, or -1. */
function indexOf(bytes: Uint8Array, part: readonly number[]): number {
  for (let i = 0; i + part.length <= bytes.length; i++) {
    if (part.every((b, k) => bytes[i + k] === b)) return i;
  }
  return -1;
}
