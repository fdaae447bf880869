import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publicPackages, runtimeClosure } from "./packaging/workspace.js";

// The README's examples that the packaging tests run: they must be what those tests run, verbatim.
const root = join(__dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The fenced code blocks of `lang` in the README section whose heading is `heading`. */
function codeBlocks(heading: string, lang: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}

describe("README", () => {
  it("the single-layer example is the host program that the selective-install test runs", () => {
    const program = readFileSync(join(root, "tests", "packaging", "consumers", "host.ts"), "utf8");
    expect(codeBlocks("Install a single layer", "ts")).toEqual([program]);
  });

  it("the single-layer table lists every public package with what npm installs along with it", () => {
    const packages = publicPackages(root);
    const rows = [...readme.matchAll(/^\| `(@wasmi-ts\/[a-z-]+)` \| ([^|]*)\|$/gm)];
    const listed = Object.fromEntries(
      rows.map(([, name, what]) => [name, [...(/\+ (.*)/.exec(what!)?.[1] ?? "").matchAll(/`([a-z-]+)`/g)].map((m) => `@wasmi-ts/${m[1]}`).sort()]),
    );
    const expected = Object.fromEntries(
      packages.map((p) => [p.name, runtimeClosure(packages, p.name).filter((n) => n !== p.name)]),
    );
    expect(listed).toEqual(expected);
  });
});
