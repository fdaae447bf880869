// Which Node versions the workspace's tools accept, read from their installed package.json files.
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import semver from "semver";

export interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface EngineConflict {
  /** The chain from a devDependency down to the package that refuses some claimed Node. */
  path: string;
  engines: string;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The directory of `name` as installed for the package in `fromDir`, or undefined if it is not installed
 * (an optional dependency for another platform). */
function installedDir(fromDir: string, name: string): string | undefined {
  const require = createRequire(join(fromDir, "package.json"));
  for (const base of require.resolve.paths(name) ?? []) {
    try {
      return realpathSync(join(base, name));
    } catch {
      // not in this node_modules; try the next one up
    }
  }
  return undefined;
}

/**
 * Every installed package in the dependency closure of `deps` (names as seen from the package in
 * `fromDir`; workspace packages are skipped) whose `engines.node` does not accept every Node in `claim`.
 */
export function engineConflicts(fromDir: string, deps: readonly string[], claim: string): EngineConflict[] {
  const conflicts: EngineConflict[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, path: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = readManifest(dir);
    const accepted = manifest.engines?.node;
    if (accepted !== undefined && !semver.subset(claim, accepted)) conflicts.push({ path, engines: accepted });
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const child = installedDir(dir, name);
      if (child !== undefined) visit(child, `${path} > ${name}@${readManifest(child).version}`);
    }
  };
  for (const name of deps) {
    if (name.startsWith("@wasmi-ts/")) continue;
    const dir = installedDir(fromDir, name);
    if (dir === undefined) throw new Error(`${name} is not installed for ${fromDir}: run pnpm install`);
    visit(dir, `${name}@${readManifest(dir).version}`);
  }
  return conflicts;
}
