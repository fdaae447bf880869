import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineConflicts, readManifest } from "./tool-engines.js";

// Two claims, both in package.json "engines": the workspace's (where the tools that build, test and release
// run) and each published package's (where the library runs). A tool that refuses a claimed Node version
// fails here instead of in a user's terminal (as @changesets/cli 3 did on Node 20).
const root = join(__dirname, "..");
const workspaceDirs = [
  root,
  join(root, "bench"),
  ...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name)),
];
const workspaceClaim = readManifest(root).engines?.node;

describe("tool engines", () => {
  it("the workspace claims a Node range", () => {
    expect(workspaceClaim).toBeTypeOf("string");
  });

  for (const dir of workspaceDirs) {
    const manifest = readManifest(dir);
    it(`${manifest.name}: every devDependency (and what it pulls in) accepts Node ${workspaceClaim}`, () => {
      expect(engineConflicts(dir, Object.keys(manifest.devDependencies ?? {}), workspaceClaim!)).toEqual([]);
    });
    const claim = manifest.engines?.node;
    if (claim === undefined) continue;
    it(`${manifest.name}: every dependency accepts Node ${claim}, the package's own claim`, () => {
      expect(engineConflicts(dir, Object.keys(manifest.dependencies ?? {}), claim)).toEqual([]);
    });
  }

  it("finds a tool that refuses part of the claim", () => {
    // vitest 3 declares ^18 || ^20 || >=22: a claim that includes Node 21 must be reported.
    const found = engineConflicts(root, ["vitest"], ">=21");
    expect(found.find((c) => /^vitest@[^ ]+$/.test(c.path))?.engines).toMatch(/\^20\.0\.0 \|\| >=22/);
  });
});
