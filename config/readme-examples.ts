import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { afterAll, expect, it, vi } from "vitest";

/**
 * Runs every ```ts block of `readmePath` as a module, written to a new folder in `scratchParent` (imports
 * resolve as in the package's tests), and checks that what it logs with console.log is what its
 * `// prints: ...` lines say, in order. So the README's examples run as written.
 */
export function readmeExamples(readmePath: string, scratchParent: string): void {
  const text = readFileSync(readmePath, "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
    code: m[1]!,
    line: text.slice(0, m.index).split("\n").length + 1,
  }));
  // a folder of its own inside the package (so imports resolve as in its tests), apart from other runs
  const scratchDir = mkdtempSync(join(scratchParent, ".readme-examples-"));
  afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

  it("has examples", () => expect(blocks.length).toBeGreaterThan(0));
  for (const [i, { code, line }] of blocks.entries()) {
    it(`example ${i + 1} (line ${line}) runs and prints what it says`, async () => {
      const expected = code.split("\n").filter((l) => l.startsWith("// prints: ")).map((l) => l.slice(11));
      const file = join(scratchDir, `example-${i + 1}.ts`);
      writeFileSync(file, code);
      const printed: string[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push(...format(...args).split("\n"));
      });
      try {
        await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
      } finally {
        log.mockRestore();
      }
      expect(printed).toEqual(expected);
    });
  }
}
