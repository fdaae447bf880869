// What the packaging checks share: running commands visibly, the public packages, packing them.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  exports?: unknown;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Return standard output instead of printing it. */
  capture?: boolean;
}

/**
 * Runs a command, printing it and its output (so CI logs show what was checked); rejects if it fails.
 * Asynchronous, so that a registry served from this process keeps answering while the command runs.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  console.log(`\n$ ${[command, ...args].join(" ")}    (in ${options.cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", options.capture ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`));
    });
  });
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The packages of `root`/packages that are published (not private). */
export function publicPackages(root: string): WorkspacePackage[] {
  return readdirSync(join(root, "packages"))
    .map((name) => ({ dir: join(root, "packages", name), manifest: readManifest(join(root, "packages", name)) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }));
}

/** `name` and every workspace package it depends on at run time, directly or not. */
export function runtimeClosure(packages: readonly WorkspacePackage[], name: string): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const out = new Set<string>();
  const visit = (n: string): void => {
    const pkg = byName.get(n);
    if (!pkg || out.has(n)) return;
    out.add(n);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return [...out].sort();
}

/** The workspace packages that depend on `name` at run time, directly or not. */
export function runtimeDependents(packages: readonly WorkspacePackage[], name: string): string[] {
  return packages
    .filter((p) => p.name !== name && runtimeClosure(packages, p.name).includes(name))
    .map((p) => p.name)
    .sort();
}

/** Packs every public package with pnpm (which applies publishConfig and turns workspace: ranges into
 * versions, as `pnpm publish` does) into `dest`; returns the tarball of each package. */
export async function packAll(packages: readonly WorkspacePackage[], dest: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    await run("pnpm", ["pack", "--pack-destination", dest], { cwd: pkg.dir, capture: true });
    const file = `${pkg.name.replace("@", "").replace("/", "-")}-${readManifest(pkg.dir).version}.tgz`;
    tarballs.set(pkg.name, join(dest, file));
  }
  return tarballs;
}

/** The package.json inside a packed tarball. */
export function packedManifest(tarball: string): Manifest {
  const out = spawnSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`cannot read package.json from ${tarball}: ${out.stderr}`);
  return JSON.parse(out.stdout) as Manifest;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `wasmi-ts-${prefix}-`));
}

/** Runs `main` and turns a thrown error into a failing exit code with its message. */
export function script(title: string, main: () => Promise<void>): void {
  console.log(`# ${title}`);
  main().then(
    () => console.log(`\n# ${title}: ok`),
    (e: unknown) => {
      console.error(`\n# ${title}: FAILED\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    },
  );
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}
