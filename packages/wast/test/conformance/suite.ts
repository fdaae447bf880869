import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Where the spec test suite is: $WASMI_TS_TESTSUITE, else `../shared/testsuite` next to the repository.

const here = dirname(fileURLToPath(import.meta.url));

export const suiteRoot: string = process.env.WASMI_TS_TESTSUITE
  ? resolve(process.env.WASMI_TS_TESTSUITE)
  : resolve(here, "../../../../../shared/testsuite");

/** The suite's folders this test covers, relative to the root. */
const FOLDERS = ["2.0", "3.0"];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".wast")) out.push(path);
  }
}

/** Every `.wast` file, as paths relative to the suite root with `/` separators (e.g. `3.0/gc/foo.wast`). */
export function suiteFiles(): string[] {
  const out: string[] = [];
  for (const folder of FOLDERS) {
    const dir = join(suiteRoot, folder);
    if (existsSync(dir)) walk(dir, out);
  }
  return out.map((p) => relative(suiteRoot, p).split("\\").join("/"));
}
