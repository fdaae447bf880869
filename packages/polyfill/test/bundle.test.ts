import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseWat } from "@wasmi-ts/wast";

// The one-script build (dist/wasmi-ts-polyfill.global.js, made by `pnpm build`, which the test task runs
// first): it works in a realm of its own, and the README states its size.
const bundlePath = new URL("../dist/wasmi-ts-polyfill.global.js", import.meta.url);

describe("the script bundle", () => {
  const bundle = readFileSync(bundlePath, "utf8");

  it("installs WebAssembly in a fresh realm without one, and runs a module there", () => {
    const bytes = parseWat(`(module (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1))))`);
    const result: unknown = runInNewContext(`
      ${bundle}
      const before = typeof WebAssembly;
      wasmiTsPolyfill.install();
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
      [before, instance.exports.mul(6, 7), instance instanceof WebAssembly.Instance];
    `, { bytes, WebAssembly: undefined });
    expect(result).toEqual(["undefined", 42, true]);
  });

  it("is as large as the README says (within 10%)", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const stated = /(\d+) KB minified,\s+(\d+) KB gzipped/.exec(readme);
    expect(stated).not.toBeNull();
    const minified = Buffer.byteLength(bundle) / 1000;
    const gzipped = gzipSync(bundle, { level: 9 }).length / 1000;
    console.log(`polyfill bundle: ${minified.toFixed(0)} KB minified, ${gzipped.toFixed(0)} KB gzipped`);
    expect(Math.abs(minified / Number(stated![1]) - 1)).toBeLessThan(0.1);
    expect(Math.abs(gzipped / Number(stated![2]) - 1)).toBeLessThan(0.1);
  });
});
