// The WebAssembly JS API test suite on disk (`../shared/wasm-js-api` next to the repository): its test
// files (`js-api/**/*.any.js`) and what their `// META:` lines ask for.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** This folder is packages/polyfill/test/js-api: the repository root is four levels up. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

export const suiteRoot = resolve(repoRoot, "../shared/wasm-js-api");
export const testsRoot = join(suiteRoot, "js-api");
export const harnessPath = join(suiteRoot, "harness", "testharness.js");

export interface SuiteFile {
  /** The path relative to js-api/, with `/` separators: the file's id (`memory/grow.any.js`). */
  id: string;
  path: string;
  /** The helper scripts of its `// META: script=` lines, as absolute paths, in order. */
  scripts: string[];
  /** Why it is not run, if it is not (e.g. its `global=` scopes do not include `jsshell`). */
  skip: string | null;
  /** Its name says it tests a proposal (`*.tentative.any.js`); it runs anyway. */
  tentative: boolean;
}

/**
 * Files not run unless asked for (`listSuiteFiles({ includeSlow: true })`), as they alone would take
 * longer than the rest of the suite together.
 */
const SLOW_FILES: ReadonlyMap<string, string> = new Map([
  [
    "limits.any.js",
    "slow: a stress test of the implementation limits (modules of 1M types, functions, imports, exports " +
      "and globals, of 10M element segments, of 1 GiB), about a minute on V8 and several on the polyfill",
  ],
]);

export function suiteExists(): boolean {
  return existsSync(harnessPath) && existsSync(testsRoot);
}

/** Every `*.any.js` file of the suite, sorted by id. */
export function listSuiteFiles(options: { includeSlow: boolean }): SuiteFile[] {
  const paths = readdirSync(testsRoot, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(".any.js"))
    .map((p) => join(testsRoot, p));
  const files = paths.map(readSuiteFile).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (options.includeSlow) return files;
  return files.map((file) => ({ ...file, skip: file.skip ?? SLOW_FILES.get(file.id) ?? null }));
}

function readSuiteFile(path: string): SuiteFile {
  const id = relative(testsRoot, path).split(sep).join("/");
  const meta = readMeta(readFileSync(path, "utf8"));
  // Files without a `global=` line run in the default scopes, window and dedicatedworker (a DOM).
  const globals = (meta.get("global") ?? ["window,dedicatedworker"]).join(",").split(",");
  const skip = globals.includes("jsshell") ? null : `not meant for shells (global=${globals.join(",")})`;
  const scripts = (meta.get("script") ?? []).map((script) => resolveScript(script, path));
  return { id, path, scripts, skip, tentative: id.endsWith(".tentative.any.js") };
}

/** The `// META: key=value` lines at the top of a test file, values by key in order. */
function readMeta(source: string): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const line of source.split("\n")) {
    const match = /^\/\/ META: *([a-z_]+)=(.*)$/.exec(line.trim());
    if (!match) break;
    const [, key, value] = match as unknown as [string, string, string];
    meta.set(key, [...(meta.get(key) ?? []), value.trim()]);
  }
  return meta;
}

/** `/wasm/jsapi/X` is `js-api/X`; other paths are relative to the test file. */
function resolveScript(script: string, testPath: string): string {
  const wptPrefix = "/wasm/jsapi/";
  if (script.startsWith(wptPrefix)) return join(testsRoot, script.slice(wptPrefix.length));
  if (script.startsWith("/")) throw new Error(`${testPath}: META script outside /wasm/jsapi/: ${script}`);
  return resolve(dirname(testPath), script);
}
