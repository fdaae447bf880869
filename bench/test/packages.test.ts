// Smoke test of the package workloads on V8's own WebAssembly (nothing here is timed): both sizes give the
// expected results, and those results are checked without the packages' Wasm where possible: node:crypto
// for the hashes it knows, plain JS for sqlite's queries, Node's own JS for quickjs's script, node:zlib for
// brotli's output. (xxhash, blake3 and argon2 rest on V8's results.) wasmi-ts: packages-wasmi-ts.test.ts.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatValue, prepareWorkload, type Workload } from "../src/manifest.js";
import { BROTLI_QUALITY } from "../src/packages/brotli.js";
import { PACKAGE_WORKLOADS } from "../src/packages/index.js";
import { randomBytes, textBytes } from "../src/packages/inputs.js";
import { quickjsScript } from "../src/packages/quickjs.js";
import { CATEGORY_COUNT, categoryLabel, itemRows, resultsDigest } from "../src/packages/sql-js.js";
import { runner as native } from "../src/runners/native.js";

const SIZES = ["quick", "full"] as const;
const workload = (name: string): Workload => PACKAGE_WORKLOADS.find((w) => w.name === name)!;

describe("package workloads on native WebAssembly", () => {
  for (const w of PACKAGE_WORKLOADS) {
    it(`${w.name}: quick and full sizes give the expected results`, async () => {
      const { run } = await prepareWorkload(native, w);
      for (const size of SIZES) {
        w.prepare?.(w.args[size]);
        expect(formatValue(await run(w.args[size]))).toBe(formatValue(w.expected[size]));
      }
    });
  }
});

describe("expected results, checked without the packages' Wasm", () => {
  const nodeHashes: Record<string, string> = { md5: "md5", sha1: "sha1", sha512: "sha512", sha3: "sha3-256" };
  for (const [name, nodeName] of Object.entries(nodeHashes)) {
    it(`${name}: node:crypto's ${nodeName}`, () => {
      const w = workload(name);
      for (const size of SIZES) {
        const input = randomBytes(w.args[size][0] as number);
        expect(createHash(nodeName).update(input).digest("hex")).toBe(w.expected[size]);
      }
    });
  }

  it("sqlite: the queries' results computed in plain JS", () => {
    const w = workload("sqlite");
    for (const size of SIZES) {
      const rows = itemRows(w.args[size][0] as number);
      /** COUNT(*) and SUM(qty) of some rows (SUM of no rows is NULL). */
      const countAndQty = (selected: typeof rows) => [selected.length, selected.length ? selected.reduce((s, r) => s + r.qty, 0) : null];

      const byCategory = Array.from({ length: CATEGORY_COUNT }, (_, c) => rows.filter((r) => r.category === c))
        .map((group, c) => [c, group] as const)
        .filter(([, group]) => group.length > 0)
        .map(([c, group]) => {
          const prices = group.map((r) => r.price);
          return [c, group.length, group.reduce((s, r) => s + r.price * r.qty, 0), Math.min(...prices), Math.max(...prices)];
        });
      const cheap = rows.filter((r) => r.price < 50000);
      const labels = [...new Set(cheap.map((r) => categoryLabel(r.category)))].sort();
      const byLabel = labels.map((label) => [label, ...countAndQty(cheap.filter((r) => categoryLabel(r.category) === label))]);
      const named = countAndQty(rows.filter((r) => r.name.includes("ab")));
      const inRange = countAndQty(rows.filter((r) => r.price >= 40000 && r.price <= 40999));
      const top = [...rows].sort((a, b) => b.price - a.price || a.id - b.id).slice(0, 5).map((r) => [r.id, r.price]);

      expect(resultsDigest([byCategory, byLabel, [named], [inRange], top])).toBe(w.expected[size]);
    }
  });

  it("quickjs: the script's result in Node's own JS", () => {
    const w = workload("quickjs");
    for (const size of SIZES) expect(runInNewContext(quickjsScript(w.args[size][0] as number))).toBe(w.expected[size]);
  });

  it("brotli: node:zlib decompresses the compressed bytes back to the input", () => {
    const w = workload("brotli");
    const brotli = createRequire(import.meta.url)("brotli-wasm") as typeof import("brotli-wasm");
    for (const size of SIZES) {
      const input = textBytes(w.args[size][0] as number);
      const compressed = brotli.compress(input, { quality: BROTLI_QUALITY });
      expect(`${compressed.length}:${createHash("sha256").update(compressed).digest("hex")}`).toBe(w.expected[size]);
      expect(Buffer.compare(brotliDecompressSync(compressed), input)).toBe(0);
    }
  });
});
