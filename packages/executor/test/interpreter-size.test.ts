import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

// V8 does not optimize a function of more than 60 KiB of bytecode (--max-optimized-bytecode-size, 61440):
// if the interpreter loop grows past it, every workload runs about 15 times slower, and no test fails
// (it happened once). So the loop's size is a test: cold instructions belong out of line (Instr.outOfLine:
// interpret/out-of-line.ts, or a helper of their own, as bulk.ts has).
const V8_LIMIT = 61_440;

test("the interpreter loop stays under V8's size limit for optimization", () => {
  const out = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@wasmi-ts/source", "--print-bytecode", "--print-bytecode-filter=runInterpreterLoop",
      join(__dirname, "fixtures", "run-once.ts")],
    { cwd: join(__dirname, ".."), encoding: "utf8", maxBuffer: 256 << 20 },
  );
  expect(out.status, out.stderr).toBe(0);
  const sizes = [...out.stdout.matchAll(/Bytecode length: (\d+)/g)].map((m) => Number(m[1]));
  const loop = Math.max(...sizes);
  console.log(`interpreter loop: ${loop} bytes of bytecode (V8 optimizes up to ${V8_LIMIT})`);
  expect(loop).toBeGreaterThan(20_000); // it is the loop that was measured
  expect(loop).toBeLessThan(V8_LIMIT);
});
