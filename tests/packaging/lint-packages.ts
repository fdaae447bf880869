// publint and @arethetypeswrong/cli on the tarball of every public package, as pnpm would publish it.
import { join } from "node:path";
import { check, packAll, packedManifest, publicPackages, ROOT, run, script, tempDir } from "./workspace.js";

/** An exports map without the workspace-only condition that points at src/ (not in the tarball). */
function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== "object" || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== "@wasmi-ts/source")
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

script("publint and attw on every public package", async () => {
  const packages = publicPackages(ROOT);
  const tarballs = await packAll(packages, tempDir("lint"));
  for (const pkg of packages) {
    const { name } = pkg;
    const tarball = tarballs.get(name)!;
    const packed = packedManifest(tarball);
    check(
      JSON.stringify(packed.exports) === JSON.stringify(withoutSourceCondition(pkg.manifest.exports)),
      `${name}: the published exports are the workspace's without the "@wasmi-ts/source" condition`,
    );
    check(!JSON.stringify(packed.dependencies ?? {}).includes("workspace:"), `${name}: no workspace: range in the published dependencies`);
    await run(join(ROOT, "node_modules", ".bin", "publint"), ["--strict", tarball], { cwd: ROOT });
    await run(join(ROOT, "node_modules", ".bin", "attw"), ["--format", "table-flipped", tarball], { cwd: ROOT });
  }
});
