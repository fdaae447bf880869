import { describe, expect, it } from "vitest";
import { specMain } from "../src/spec-cli.js";

async function runCli(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await specMain(argv, (line) => lines.push(line));
  return { code, lines };
}

describe("the spec command", () => {
  it("prints one line per file and ends with the total line", async () => {
    const { code, lines } = await runCli("nop.wast", "2.0/type.wast");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^2\.0\/nop\.wast: (\d+) passed, 0 failed$/);
    expect(lines[1]).toMatch(/^2\.0\/type\.wast: (\d+) passed, 0 failed$/);
    const perFile = lines.slice(0, 2).map((l) => Number(/: (\d+) passed/.exec(l)![1]));
    expect(lines[2]).toBe(`${perFile[0]! + perFile[1]!} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it("rejects unknown options, suites and files with exit code 2", async () => {
    expect((await runCli("--frobnicate")).code).toBe(2);
    expect((await runCli("--suite", "9.9")).code).toBe(2);
    const missing = await runCli("no-such-file.wast");
    expect(missing.code).toBe(2);
    expect(missing.lines[0]).toMatch(/spec file not found: no-such-file\.wast/);
  });
});
