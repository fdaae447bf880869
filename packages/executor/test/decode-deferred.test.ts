// compileModule decodes without reading the function bodies' instructions (decodeModuleDeferringBodies)
// and lets the validator read them. A malformed binary must still be reported as malformed, with the
// decoder's wording, whatever the validator met first.
import { TypeRegistry } from "@wasmi-ts/store";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIG, DecodeError, ValidationError, compileModule, decodeModule, decodeModuleDeferringBodies, validateModule,
} from "../src/index.js";
import {
  I32, body, codeSec, dataSec, funcSec, i32Const, i64Const, limits, memSec, typeSec, wasm,
} from "./decode-builder.js";

function compileError(bytes: Uint8Array): string {
  try {
    compileModule(bytes, new TypeRegistry(), DEFAULT_CONFIG);
  } catch (e) {
    if (e instanceof DecodeError) return `malformed: ${e.reason}`;
    if (e instanceof ValidationError) return `invalid: ${e.reason}`;
    throw e;
  }
  return "ok";
}

/** Functions () -> [i32], one per body. */
const module = (...bodies: number[][]) => wasm(typeSec([[], [I32]]), funcSec(...bodies.map(() => 0)), codeSec(...bodies));

describe("compiling with deferred bodies", () => {
  it("records the same bodies as a full decode", () => {
    const bytes = module(body([[2, I32]], i32Const(1)), body([], [...i64Const(5), 0xa7]));
    expect(decodeModuleDeferringBodies(bytes, DEFAULT_CONFIG.features).codes).toEqual(decodeModule(bytes).codes);
    expect(compileError(bytes)).toBe("ok");
  });

  it("reports a malformed body after an invalid one as malformed", () => {
    expect(compileError(module(body([], i64Const(1)), body([], [0xff])))).toMatch(/^malformed: illegal opcode/);
    expect(compileError(module(body([], i64Const(1)), body([], i32Const(0))))).toBe("invalid: type mismatch");
  });

  it("reports bodies that do not end where they are declared to", () => {
    // The END comes one byte before the body's declared end.
    const early = wasm(typeSec([[], [I32]]), funcSec(0), codeSec([0x05, 0x00, ...i32Const(1), 0x0b, 0x01]));
    expect(compileError(early)).toBe("malformed: section size mismatch");
    // The instructions run past the body (and the module).
    const late = wasm(typeSec([[], [I32]]), funcSec(0), codeSec([0x03, 0x00, 0x41, 0x01]));
    expect(compileError(late)).toMatch(/^malformed: /);
  });

  it("reports malformed immediates the validator's fast path does not take", () => {
    expect(compileError(module(body([], [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])))).toBe(
      "malformed: integer representation too long",
    );
    expect(compileError(module(body([], [0x02, 0x50, 0x0b, ...i32Const(0)])))).toBe("malformed: malformed value type");
    expect(compileError(module(body([], [...i32Const(0), 0x05, 0x0b])))).toBe("malformed: END opcode expected");
  });

  it("requires the data count section for data indices in code", () => {
    // memory.init 0 without a data count section: malformed (the validator alone would say "unknown data segment")
    const code = [...i32Const(0), ...i32Const(0), ...i32Const(0), 0xfc, 0x08, 0x00, 0x00, ...i32Const(0)];
    const bytes = wasm(typeSec([[], [I32]]), funcSec(0), memSec(limits(1)), codeSec(body([], code)), dataSec([0x01, 0x00]));
    expect(compileError(bytes)).toBe("malformed: data count section required");
  });

  it("validates a deferred module like a fully decoded one", () => {
    const bytes = module(body([], [...i32Const(1), ...i32Const(2), 0x6a]));
    expect(() => validateModule(decodeModuleDeferringBodies(bytes, DEFAULT_CONFIG.features), DEFAULT_CONFIG.features)).not.toThrow();
  });
});
