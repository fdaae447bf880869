// Where the spec suite and the runner's own data live, and which files make up each suite.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const SUITES = ["2.0", "2.0-proposals", "3.0"] as const;
export type SuiteName = (typeof SUITES)[number];

export function isSuiteName(name: string): name is SuiteName {
  return (SUITES as readonly string[]).includes(name);
}

/** The package root (packages/spec-runner): the nearest folder above this file (in src/ or a build) with its package.json. */
export function packageRoot(): string {
  return findUp(dirname(fileURLToPath(import.meta.url)), (dir) => {
    const manifest = join(dir, "package.json");
    return existsSync(manifest) && readFileSync(manifest, "utf8").includes('"@wasmi-ts/spec-runner"');
  }, "the @wasmi-ts/spec-runner package folder");
}

/** The monorepo root: the nearest folder above the package holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  return findUp(packageRoot(), (dir) => existsSync(join(dir, "pnpm-workspace.yaml")), "the repository root (pnpm-workspace.yaml)");
}

function findUp(start: string, found: (dir: string) => boolean, what: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (found(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find ${what} above ${start}`);
  }
}

/** `$WASMI_TS_TESTSUITE`, else `../shared/testsuite` relative to the repository root. */
export function testsuiteRoot(): string {
  const fromEnv = process.env["WASMI_TS_TESTSUITE"];
  return fromEnv ? resolve(fromEnv) : resolve(repoRoot(), "..", "shared", "testsuite");
}

/** A file's name in reports and the known-failures lists: relative to the testsuite root, with `/`. */
export function suiteRelative(file: string, root = testsuiteRoot()): string {
  return relative(root, file).split(sep).join("/");
}

/** The suite a testsuite file belongs to (by its place in the tree), if any. */
export function suiteOf(relPath: string): SuiteName | undefined {
  if (relPath.startsWith("2.0/proposals/")) return "2.0-proposals";
  if (relPath.startsWith("2.0/")) return "2.0";
  if (relPath.startsWith("3.0/")) return "3.0";
  return undefined;
}

/** The .wast files of a suite, absolute paths, sorted. */
export function suiteFiles(suite: SuiteName, root = testsuiteRoot()): string[] {
  switch (suite) {
    case "2.0":
      return wastFiles(join(root, "2.0"), false);
    case "2.0-proposals":
      return wastFiles(join(root, "2.0", "proposals"), true);
    case "3.0":
      return wastFiles(join(root, "3.0"), true);
  }
}

function wastFiles(dir: string, recursive: boolean): string[] {
  if (!existsSync(dir)) throw new Error(`spec testsuite folder not found: ${dir} (set WASMI_TS_TESTSUITE)`);
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (recursive) files.push(...wastFiles(path, true));
    } else if (entry.endsWith(".wast")) {
      files.push(path);
    }
  }
  return files;
}
