import { describe, expect, test } from "vitest";
import { TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { DEFAULT_CONFIG, compileModule, disassemble, translateFunction } from "../src/index.js";

// Where fuel is charged: one `ConsumeFuel` per region (function entry, loop header, if and else arms),
// worth the Wasm instructions of the region; nothing at all when metering is off.
const wat = `(module (func (param i32) (result i32)
  (block (br_if 0 (local.get 0)))                            ;; a block: part of the function's region
  (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
  (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))`;

function lines(consumeFuel: boolean): string[] {
  const module = compileModule(parseWat(wat), new TypeRegistry(), { ...DEFAULT_CONFIG, consumeFuel });
  return disassemble(translateFunction(module, 0)).map((l) => l.replace(/^\d+: /, ""));
}

describe("fuel in the bytecode", () => {
  test("is absent when metering is off", () => {
    expect(lines(false).filter((l) => l.startsWith("ConsumeFuel"))).toEqual([]);
  });

  test("is charged per region, one unit per Wasm instruction", () => {
    const fuel = lines(true).filter((l) => l.startsWith("ConsumeFuel"));
    // function: block, local.get, br_if, end, loop, if, local.get (the condition), end (of the function)
    // loop: local.get, i32.const, i32.sub, local.tee, br_if, end; then: i32.const, else; else: i32.const, end
    expect(fuel).toEqual(["ConsumeFuel 8", "ConsumeFuel 6", "ConsumeFuel 2", "ConsumeFuel 2"]);
    expect(lines(true)[0]).toBe("ConsumeFuel 8"); // at entry: a call pays before its first instruction
  });
});
