import { describe, expect, it } from "vitest";
import { parseWat, WastSyntaxError } from "../src/index.js";
import { nodeWebAssembly } from "./node-webassembly.js";

const node = nodeWebAssembly;

describe("parseWat", () => {
  it("compiles a module that runs", async () => {
    const bytes = parseWat(`
      (module
        (func $add (export "add") (param i32 i32) (result i32)
          local.get 0
          local.get 1
          i32.add)
        (func (export "pi") (result f64) (f64.const 0x1.921fb54442d18p+1)))`);
    expect([...bytes.slice(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const { instance } = await node.instantiate(bytes);
    expect((instance.exports.add as (a: number, b: number) => number)(2, 40)).toBe(42);
    expect((instance.exports.pi as () => number)()).toBe(Math.PI);
  });

  it("accepts bare module fields", () => {
    const bytes = parseWat('(memory 1) (func (export "f"))');
    expect(node.validate(bytes)).toBe(true);
  });

  it("rejects malformed text with a positioned WastSyntaxError", () => {
    expect(() => parseWat("(module (func (i32.const 0x1_0000_0000)))")).toThrow(WastSyntaxError);
    const error = ((): unknown => {
      try {
        parseWat('(module\n  (func "x"))');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WastSyntaxError);
    expect((error as WastSyntaxError).span.line).toBe(2);
    expect(() => parseWat("(module")).toThrow(WastSyntaxError);
  });
});
