// The dependency direction of the workspace, checked from the sources: who may import whom.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The workspace packages each package may use; anything of ours not listed is a layering violation. */
export const ALLOWED: Record<string, readonly string[]> = {
  store: [],
  executor: ["store"],
  host: ["store", "executor"],
  capi: ["store", "executor", "host"],
  wast: [],
  wasi: ["store", "executor", "host"],
  polyfill: ["store", "executor", "host"],
  cli: ["store", "executor", "host", "wast", "wasi"],
  "spec-runner": ["store", "executor", "host", "wast"],
};

export interface Violation {
  file: string;
  line: number;
  text: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(c|m)?[jt]s$/.test(name)) out.push(p);
  }
  return out;
}

/** Finds imports in `packages/<pkg>/src` of workspace packages not allowed for `pkg`, and imports that
 * leave the package's folder by a relative path. */
export function checkPackage(packagesDir: string, pkg: string): Violation[] {
  const allowed = new Set(ALLOWED[pkg] ?? []);
  const srcDir = join(packagesDir, pkg, "src");
  const violations: Violation[] = [];
  for (const file of sourceFiles(srcDir)) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((text, i) => {
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1]!;
        const ours = /^@wasmi-ts\/([^/]+)/.exec(spec);
        const escapes = spec.startsWith(".") && relative(join(packagesDir, pkg), join(file, "..", spec)).startsWith("..");
        if ((ours && !allowed.has(ours[1]!)) || escapes) {
          violations.push({ file: relative(packagesDir, file), line: i + 1, text: text.trim() });
        }
      }
    });
  }
  return violations;
}

/** The workspace dependencies a package declares in its package.json that it may not use. */
export function checkManifest(packagesDir: string, pkg: string): string[] {
  const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, "package.json"), "utf8"));
  const allowed = new Set(ALLOWED[pkg] ?? []);
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return deps
    .filter((d) => d.startsWith("@wasmi-ts/"))
    .map((d) => d.slice("@wasmi-ts/".length))
    .filter((d) => !allowed.has(d));
}

/** Places in a source tree that name the host's generic `Store<...>` (PrunedStore is fine). */
export function mentionsOfHostStore(dir: string): string[] {
  const hits: string[] = [];
  for (const file of sourceFiles(dir)) {
    readFileSync(file, "utf8").split("\n").forEach((text, i) => {
      if (/(?<![A-Za-z0-9_])Store\s*</.test(text)) hits.push(`${file}:${i + 1}: ${text.trim()}`);
    });
  }
  return hits;
}
