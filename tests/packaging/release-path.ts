// The release path, run as the README describes it, in a temporary copy of the repository: a changeset for
// one package, `pnpm changeset status`, `pnpm changeset version`, then `pnpm release` to a local registry
// that already holds the previous versions. Exactly the changed package and its dependents must move, and
// only they may be published, with their internal dependency ranges on the new versions.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import semver from "semver";
import { startRegistry } from "./registry.js";
import {
  check,
  packAll,
  packedManifest,
  publicPackages,
  readManifest,
  ROOT,
  run,
  runtimeDependents,
  script,
  tempDir,
} from "./workspace.js";

const CHANGED = "@wasmi-ts/store";
const SUMMARY = "Release-path test: a patch of the store.";

/** Copies the files git knows of (tracked, or new and not ignored), as a fresh clone would have them. */
function copyRepository(from: string, to: string): void {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: from,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    try {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      copyFileSync(join(from, file), join(to, file));
    } catch (e) {
      // A file deleted in the working tree but still in the index is simply not copied.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

async function commitAll(cwd: string, message: string): Promise<void> {
  await run("git", ["add", "-A"], { cwd });
  await run("git", ["-c", "user.name=release-test", "-c", "user.email=release-test@localhost", "commit", "-qm", message], {
    cwd,
  });
}

script("release path: changeset, version, release", async () => {
  const copy = tempDir("release");
  copyRepository(ROOT, copy);
  // The built packages too (ignored by git), so that the previous release below has real contents.
  for (const pkg of publicPackages(ROOT)) {
    cpSync(join(pkg.dir, "dist"), join(copy, relative(ROOT, pkg.dir), "dist"), { recursive: true });
  }
  await run("git", ["init", "-q", "-b", "main"], { cwd: copy });
  // Only this test's changeset may be pending: the repository's own are released for real, not here.
  for (const file of readdirSync(join(copy, ".changeset"))) {
    if (file.endsWith(".md") && file !== "README.md") rmSync(join(copy, ".changeset", file));
  }
  await commitAll(copy, "base");
  await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: copy });

  const before = publicPackages(copy);
  const moving = [CHANGED, ...runtimeDependents(before, CHANGED)].sort();
  console.log(`\nexpected to move: ${moving.join(", ")}`);

  // The registry already holds the current versions, as after the previous release.
  const registry = await startRegistry();
  try {
    for (const [name, tarball] of await packAll(before, tempDir("previous"))) {
      registry.add(packedManifest(tarball), readFileSync(tarball));
      console.log(`registry: ${name}@${packedManifest(tarball).version} (previous release)`);
    }
    writeFileSync(join(copy, ".npmrc"), `registry=${registry.url}\n${registry.npmrcAuthLine}\n`);
    const env = { npm_config_registry: registry.url };

    // `pnpm changeset` starts on this Node (3.x did not on Node 20): its one mode without prompts.
    const pending = (): string[] => readdirSync(join(copy, ".changeset")).filter((f) => f !== "README.md" && f.endsWith(".md"));
    await run("pnpm", ["changeset", "add", "--empty"], { cwd: copy, env });
    const [empty] = pending();
    check(pending().length === 1, `pnpm changeset add --empty wrote .changeset/${empty}`);
    rmSync(join(copy, ".changeset", empty!));
    // What `pnpm changeset` writes after its prompts.
    writeFileSync(join(copy, ".changeset", "release-path-test.md"), `---\n"${CHANGED}": patch\n---\n\n${SUMMARY}\n`);
    await run("pnpm", ["changeset", "status", "--verbose"], { cwd: copy, env });
    await run("pnpm", ["changeset", "version"], { cwd: copy, env });

    for (const pkg of before) {
      const now = readManifest(pkg.dir).version;
      const expected = moving.includes(pkg.name) ? semver.inc(pkg.manifest.version, "patch")! : pkg.manifest.version;
      check(now === expected, `${pkg.name}: ${pkg.manifest.version} -> ${now} (expected ${expected})`);
    }
    const changelog = (name: string): string =>
      readFileSync(join(before.find((p) => p.name === name)!.dir, "CHANGELOG.md"), "utf8");
    check(changelog(CHANGED).includes(SUMMARY), `${CHANGED}: CHANGELOG.md has the changeset's summary`);
    for (const pkg of before.filter((p) => moving.includes(p.name) && p.name !== CHANGED)) {
      const movedDeps = Object.keys(pkg.manifest.dependencies ?? {}).filter((d) => moving.includes(d));
      const lines = movedDeps.map((d) => `${d}@${readManifest(before.find((p) => p.name === d)!.dir).version}`);
      check(
        lines.every((line) => changelog(pkg.name).includes(line)),
        `${pkg.name}: CHANGELOG.md records the new ${lines.join(", ")}`,
      );
    }
    check(
      !readdirSync(join(copy, ".changeset")).includes("release-path-test.md"),
      "the changeset was consumed by changeset version",
    );
    await commitAll(copy, "version packages");

    await run("pnpm", ["release"], { cwd: copy, env });
    const published = registry.published();
    for (const pkg of before) {
      const versions = published.get(pkg.name) ?? [];
      const expected = moving.includes(pkg.name)
        ? [pkg.manifest.version, semver.inc(pkg.manifest.version, "patch")!]
        : [pkg.manifest.version];
      check(JSON.stringify(versions) === JSON.stringify(expected), `${pkg.name}: the registry has ${versions.join(", ")}`);
    }

    // What was published depends on the new versions of its workspace dependencies.
    const after = publicPackages(copy);
    for (const pkg of after.filter((p) => moving.includes(p.name))) {
      const deps = registry.manifest(pkg.name, pkg.manifest.version)?.dependencies ?? {};
      for (const [dep, range] of Object.entries(deps)) {
        const target = after.find((p) => p.name === dep);
        if (target) check(range === target.manifest.version, `published ${pkg.name} depends on ${dep}@${range}`);
      }
    }

    // Nothing new to publish: a second release is a no-op.
    await run("pnpm", ["release"], { cwd: copy, env });
    const again = registry.published();
    check(
      JSON.stringify([...again]) === JSON.stringify([...published]),
      "a second pnpm release publishes nothing",
    );
  } finally {
    await registry.close();
  }
});
