import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED, checkManifest, checkPackage, mentionsOfHostStore } from "./layering.js";

const packagesDir = join(__dirname, "..", "packages");
const packages = readdirSync(packagesDir);

describe("dependency direction", () => {
  it("knows every package", () => {
    for (const pkg of packages) expect(ALLOWED, `add ${pkg} to ALLOWED in tests/layering.ts`).toHaveProperty(pkg);
  });

  for (const pkg of packages) {
    it(`${pkg} imports only the layers below it`, () => {
      expect(checkPackage(packagesDir, pkg)).toEqual([]);
      expect(checkManifest(packagesDir, pkg)).toEqual([]);
    });
  }

  it("executor's sources never mention the host's Store<T>", () => {
    expect(mentionsOfHostStore(join(packagesDir, "executor", "src"))).toEqual([]);
  });

  it("catches a store that imports the host, and a relative import across packages", () => {
    const root = mkdtempSync(join(tmpdir(), "layering-"));
    mkdirSync(join(root, "store", "src"), { recursive: true });
    writeFileSync(join(root, "store", "package.json"), JSON.stringify({ dependencies: { "@wasmi-ts/host": "*" } }));
    writeFileSync(
      join(root, "store", "src", "bad.ts"),
      'import { Store } from "@wasmi-ts/host";\nimport { x } from "../../executor/src/index.js";\n',
    );
    const found = checkPackage(root, "store");
    expect(found.map((v) => v.line)).toEqual([1, 2]);
    expect(checkManifest(root, "store")).toEqual(["host"]);
  });
});
