import { describe, expect, it } from "vitest";
import {
  AsyncHostFunctionError, CompileError, Engine, EngineMismatchError, Func, Global, Instance, Linker, Memory, Module,
  Store, StoreMismatchError, Table, ValType, WASM2_FEATURES,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { decodePortable, encodePortable } from "@wasmi-ts/store";

// The API boundary: what a caller (or a hostile module) hands us is copied, checked, and misuse gets a typed
// error with a clear message.

const { I32, I64, ExternRef } = ValType;

describe("a Module owns its bytes", () => {
  const wat = `(module (func (export "f") (result i32) (i32.const 42)))`;
  /** The offset of the `i32.const 42` immediate in the binary. */
  const immediateAt = (bytes: Uint8Array) => bytes.findIndex((b, i) => b === 0x41 && bytes[i + 1] === 42) + 1;

  for (const config of [{}, { lazyValidation: true }, { lazyTranslation: false }]) {
    it(`changing the caller's buffer after new Module changes nothing (${JSON.stringify(config)})`, () => {
      const engine = new Engine(config);
      const bytes = parseWat(wat);
      const module = new Module(engine, bytes);
      bytes[immediateAt(bytes)] = 7; // another constant
      bytes.fill(0xff, 8); // and then garbage over every section
      const instance = new Instance(new Store(engine, null), module, []);
      expect(instance.getFunc("f")!.call()).toEqual([42]);
    });
  }

  it("accepts any ArrayBufferView or an ArrayBuffer, and nothing else", () => {
    const engine = new Engine();
    const bytes = parseWat(wat);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(new Module(engine, bytes.slice().buffer as ArrayBuffer).exports()).toHaveLength(1);
    expect(new Module(engine, new DataView(padded.buffer, 3)).exports()).toHaveLength(1);
    expect(() => new Module(engine, [...bytes] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => new Module(engine, "(module)" as unknown as Uint8Array)).toThrow(/Uint8Array, ArrayBufferView or ArrayBuffer/);
  });

  it("Module.validate honours the engine's features", () => {
    const twoMemories = parseWat(`(module (memory 1) (memory 1))`);
    const wasm2 = new Engine({ features: WASM2_FEATURES });
    expect(Module.validate(wasm2, twoMemories)).toBe(false);
    expect(() => new Module(wasm2, twoMemories)).toThrow(CompileError);
    expect(Module.validate(new Engine(), twoMemories)).toBe(true);
  });
});

describe("instance.exports", () => {
  const engine = new Engine();
  const instantiate = (wat: string) => new Instance(new Store(engine, null), new Module(engine, parseWat(wat)), []);

  it("has every export name as an own property, __proto__, constructor and toString included", () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
    const instance = instantiate(`(module ${names.map((n, i) => `(func (export "${n}") (result i32) (i32.const ${i}))`).join(" ")})`);
    const { exports } = instance;
    expect(Object.getPrototypeOf(exports)).toBeNull();
    expect(Object.isFrozen(exports)).toBe(true);
    expect(Object.keys(exports)).toEqual(names);
    names.forEach((name, i) => {
      expect(Object.hasOwn(exports, name)).toBe(true);
      expect((exports[name] as Func).call()).toEqual([i]);
      expect(instance.getExport(name)).toBe(exports[name]);
    });
  });

  it("has nothing that the module does not export", () => {
    const { exports } = instantiate(`(module (func (export "f")))`);
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(name in exports).toBe(false);
      expect(exports[name]).toBeUndefined();
    }
  });
});

describe("a synchronous host function that returns a Promise", () => {
  const engine = new Engine();
  const wat = `(module (import "env" "f" (func $f)) (func (export "run") (call $f)))`;

  it("fails the call with AsyncHostFunctionError and leaves no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const store = new Store(engine, null);
      const instance = new Linker(engine)
        .func("env", "f", { params: [], results: [] }, () => Promise.reject(new Error("backend down")) as never)
        .instantiate(store, new Module(engine, parseWat(wat)));
      const run = instance.getFunc("run")!;
      expect(() => run.call()).toThrow(AsyncHostFunctionError);
      expect(() => run.call()).toThrow(/called synchronously/);
      // async functions too, and the error is a TypeError for those who catch that
      const asyncFn = Func.wrap(store, { params: [], results: [I32] }, (async () => 1) as never);
      expect(() => asyncFn.call()).toThrow(TypeError);
      await new Promise((resolve) => setTimeout(resolve, 20)); // let rejections be reported
      expect(unhandled).toEqual([]);
      expect(Func.wrap(store, { params: [], results: [I32] }, () => 5).call()).toEqual([5]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("is fine when the result is an externref: a Promise is a host value like any other", () => {
    const promise = Promise.resolve(1);
    const f = Func.wrap(new Store(engine, null), { params: [], results: [ExternRef] }, () => promise);
    expect(f.call()).toEqual([promise]);
  });
});

describe("Memory", () => {
  const engine = new Engine();
  const withMemory = () => {
    const store = new Store(engine, null);
    const instance = new Instance(store, new Module(engine, parseWat(`(module (memory (export "m") 1 4)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`)), []);
    return { memory: instance.getMemory("m")!, grow: instance.getFunc("grow")! };
  };

  for (const how of ["Memory.grow", "memory.grow in Wasm"]) {
    it(`detaches the old buffer on growth (${how}): old views are visibly stale`, () => {
      const { memory, grow } = withMemory();
      const oldBuffer = memory.buffer;
      const oldView = memory.data;
      memory.write(10, Uint8Array.of(1, 2, 3));
      if (how === "Memory.grow") memory.grow(1);
      else expect(grow.call(1)).toEqual([1]);
      expect(oldBuffer.byteLength).toBe(0);
      expect(oldView.length).toBe(0);
      expect(memory.buffer).not.toBe(oldBuffer);
      expect(memory.buffer.byteLength).toBe(2 * 65536);
      expect([...memory.read(10, 3)]).toEqual([1, 2, 3]);
    });
  }

  it("keeps the buffer when growth fails or is by 0 pages", () => {
    const { memory, grow } = withMemory();
    const before = memory.buffer;
    expect(grow.call(0)).toEqual([1]);
    expect(grow.call(10)).toEqual([-1]);
    expect(memory.buffer).toBe(before);
    expect(before.byteLength).toBe(65536);
  });

  it("rejects a bad page count with a TypeError", () => {
    const { memory } = withMemory();
    for (const delta of [NaN, -1, 1.5, "1"]) expect(() => memory.grow(delta as number)).toThrow(TypeError);
    expect(() => memory.grow(10)).toThrow(RangeError); // refused: above the maximum
    expect(memory.size).toBe(1);
  });

  it("writes bytes from any ArrayBufferView or ArrayBuffer, and rejects strings and arrays", () => {
    const { memory } = withMemory();
    memory.write(0, Uint8Array.of(1, 2));
    memory.write(2, new Uint16Array([0x0403]));
    memory.write(4, new DataView(Uint8Array.of(9, 5, 6).buffer, 1));
    memory.write(6, Uint8Array.of(7).buffer);
    expect([...memory.read(0, 7)]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(() => memory.write(0, "abc" as never)).toThrow(/use writeString/);
    expect(() => memory.write(0, [300, -1] as never)).toThrow(TypeError);
    expect([...memory.read(0, 3)]).toEqual([1, 2, 3]);
    expect(() => memory.write(65535, Uint8Array.of(1, 2))).toThrow(RangeError);
  });

  it("reads and writes typed values, little-endian, in bounds", () => {
    const { memory } = withMemory();
    memory.writeU32(0, 0xdeadbeef);
    expect(memory.readU32(0)).toBe(0xdeadbeef);
    expect(memory.readI32(0)).toBe(0xdeadbeef | 0);
    expect(memory.readU8(0)).toBe(0xef);
    memory.writeI32(4, -2);
    expect(memory.readU32(4)).toBe(0xfffffffe);
    memory.writeI64(8, -3n);
    expect(memory.readI64(8)).toBe(-3n);
    expect(memory.readU64(8)).toBe(2n ** 64n - 3n);
    memory.writeU64(8, 2n ** 64n - 1n);
    expect(memory.readI64(8)).toBe(-1n);
    memory.writeF32(16, 1.5);
    expect(memory.readF32(16)).toBe(1.5);
    memory.writeF64(24, Math.PI);
    expect(memory.readF64(24)).toBe(Math.PI);
    expect(memory.view.getFloat64(24, true)).toBe(Math.PI);
    memory.writeU8(32, 255);
    expect(memory.readU8(32)).toBe(255);
    expect(() => memory.writeU8(0, 256)).toThrow(RangeError);
    expect(() => memory.writeI32(0, 2 ** 32)).toThrow(RangeError);
    expect(() => memory.writeI64(0, 1 as never)).toThrow(TypeError);
    expect(() => memory.readI64(65532)).toThrow(RangeError);
    expect(() => memory.readU32(-1)).toThrow(RangeError);
  });

  it("reads and writes UTF-8 text", () => {
    const { memory } = withMemory();
    const text = "héllo, wörld ✓ 🦀";
    const n = memory.writeString(100, text);
    expect(n).toBe(new TextEncoder().encode(text).length);
    expect(memory.readString(100, n)).toBe(text);
    memory.write(200, Uint8Array.of(0x61, 0xff, 0x62));
    expect(memory.readString(200, 3)).toBe("a\ufffdb");
    expect(() => memory.writeString(65530, text)).toThrow(RangeError);
  });
});

describe("the portable UTF-8 codec (for engines without TextEncoder/TextDecoder)", () => {
  it("decodes like TextDecoder, invalid input included", () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) & 0xff;
    const special = [0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xa0, 0x9f, 0x90, 0x8f];
    const decoder = new TextDecoder();
    for (let n = 0; n < 5000; n++) {
      const bytes = Uint8Array.from({ length: 1 + (n % 9) }, () => (random() & 1 ? special[random() % special.length]! : random()));
      expect(decodePortable(bytes)).toBe(decoder.decode(bytes));
    }
  });

  it("encodes like TextEncoder, lone surrogates included", () => {
    for (const s of ["", "abc", "é", "✓", "🦀", "a\ud800b", "\udc00", "x\ud83e"]) {
      expect([...encodePortable(s)]).toEqual([...new TextEncoder().encode(s)]);
    }
  });
});

describe("values follow one rule", () => {
  const engine = new Engine();

  it("i32 is an integral number in [-2^31, 2^32); i64 a bigint in [-2^63, 2^64)", () => {
    const store = new Store(engine, null);
    expect(() => new Global(store, { type: I64, mutable: true }, 1)).toThrow(/write 1n/);
    expect(() => new Global(store, { type: I32, mutable: true }, 2 ** 32)).toThrow(RangeError);
    expect(() => new Global(store, { type: I32, mutable: true }, NaN)).toThrow(TypeError);
    const g = new Global(store, { type: I64, mutable: true }, 2n ** 63n);
    expect(g.value).toBe(-(2n ** 63n));
    expect(() => (g.value = -(2n ** 63n) - 1n)).toThrow(RangeError);
  });
});

describe("misuse gets typed errors", () => {
  it("rejects unknown or wrong Config fields", () => {
    expect(() => new Engine({ maxCallDepth: -1 })).toThrow(RangeError);
    expect(() => new Engine({ maxCallDepth: -1 })).toThrow(/Config.maxCallDepth must be an integer in \[1, /);
    expect(() => new Engine({ maxValueSlots: 1.5 })).toThrow(RangeError);
    expect(() => new Engine({ maxMemoryPages: NaN })).toThrow(RangeError);
    expect(() => new Engine({ lazyTranslation: "yes" as never })).toThrow(TypeError);
    expect(() => new Engine({ maxCalDepth: 5 } as never)).toThrow(/unknown Config field 'maxCalDepth'/);
    expect(() => new Engine({ features: { ...WASM2_FEATURES, stackSwitching: true } as never })).toThrow(/unknown feature 'stackSwitching'/);
    expect(() => new Engine({ features: { tailCall: true } as never })).toThrow(TypeError);
    expect(new Engine({ maxCallDepth: undefined }).config.maxCallDepth).toBe(100_000);
  });

  it("rejects handles of another store and modules of another engine", () => {
    const engine = new Engine();
    const module = new Module(engine, parseWat(`(module (import "env" "f" (func)))`));
    const a = new Store(engine, null);
    const b = new Store(engine, null);
    const f = Func.wrap(a, { params: [], results: [] }, () => {});
    expect(() => new Instance(b, module, [f])).toThrow(StoreMismatchError);
    expect(() => new Instance(b, module, [f])).toThrow(/belongs to a different store/);
    const other = new Engine();
    expect(() => new Instance(new Store(other, null), module, [f])).toThrow(EngineMismatchError);
    expect(() => new Linker(other).instantiate(new Store(other, null), module)).toThrow(EngineMismatchError);
    const table = new Table(b, { element: ValType.FuncRef, limits: { min: 1, max: null } });
    expect(() => table.set(0, f)).toThrow(StoreMismatchError);
    expect(() => table.grow(NaN)).toThrow(TypeError);
    expect(() => new Memory(b, { limits: { min: 1, max: 1 } } as never).grow(-1)).toThrow(TypeError);
  });
});
