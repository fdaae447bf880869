// The WASI example of the repository (examples/wasi): wc.wasm must be what wc.c compiles to with the
// command written in wc.c (so the committed binary is what its source says), and it must count alike on
// @wasmi-ts/wasi (node:fs and in memory) and node:wasi, and as this test counts itself.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileC } from "./clang.js";
import { RUNNERS, runCommand, type Invocation, type RunResult } from "./command-runs.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/wasi/", import.meta.url));
const SOURCE = `${EXAMPLE}wc.c`;
const WASM = `${EXAMPLE}wc.wasm`;

/** The flags of the "Built with:" line of wc.c. */
function documentedFlags(): string[] {
  const match = /^\/\/ Built with: clang (.+) wc\.c -o wc\.wasm$/m.exec(readFileSync(SOURCE, "utf8"));
  if (match === null) throw new Error(`${SOURCE} has no "// Built with: clang FLAGS wc.c -o wc.wasm" line`);
  return match[1]!.split(" ");
}

/** wc's row: lines, words, bytes, name (each number in 7 columns). */
function row(bytes: Uint8Array, name: string): string {
  const text = Buffer.from(bytes).toString("latin1");
  const counts = [text.split("\n").length - 1, text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== "").length, bytes.length];
  return `${counts.map((n) => String(n).padStart(7)).join(" ")}  ${name}\n`;
}

const HEADER = "  lines   words   bytes  file\n";
const POEM = new Uint8Array(readFileSync(`${EXAMPLE}poem.txt`));

describe("examples/wasi: wc", () => {
  it("wc.wasm is what the command in wc.c builds from wc.c", () => {
    const flags = documentedFlags();
    const built = readFileSync(compileC(SOURCE, flags));
    expect(
      built.equals(readFileSync(WASM)),
      `examples/wasi/wc.wasm differs from what wc.c compiles to: rebuild it (cd examples/wasi && clang ${flags.join(" ")} wc.c -o wc.wasm)`,
    ).toBe(true);
  });

  const cases: { name: string; run: Partial<Invocation>; exitCode: number; stdout: string; stderr: string }[] = [
    { name: "one file", run: { args: ["poem.txt"] }, exitCode: 0, stdout: HEADER + row(POEM, "poem.txt"), stderr: "" },
    {
      name: "a missing file among others: exit code 1",
      run: { args: ["poem.txt", "missing.txt", "poem.txt"] },
      exitCode: 1,
      stdout: HEADER + row(POEM, "poem.txt") + row(POEM, "poem.txt") + row(new Uint8Array([...POEM, ...POEM]), "total"),
      stderr: "wc: missing.txt: No such file or directory\n",
    },
    { name: "standard input", run: { stdin: POEM }, exitCode: 0, stdout: HEADER + row(POEM, "(standard input)"), stderr: "" },
  ];
  for (const c of cases) {
    it(`${c.name}: the same on @wasmi-ts/wasi and node:wasi`, () => {
      const run: Invocation = { name: "wc", args: [], env: {}, stdin: new Uint8Array(0), root: EXAMPLE, ...c.run };
      const wasm = new Uint8Array(readFileSync(WASM));
      const text = (r: RunResult) => ({
        exitCode: r.exitCode, error: r.error,
        stdout: Buffer.from(r.stdout).toString("utf8"), stderr: Buffer.from(r.stderr).toString("utf8"),
      });
      for (const runner of RUNNERS) {
        expect(text(runCommand(wasm, run, runner)), runner).toEqual({ exitCode: c.exitCode, error: undefined, stdout: c.stdout, stderr: c.stderr });
      }
    });
  }
});
