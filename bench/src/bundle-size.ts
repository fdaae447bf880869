// The size of the published bundles of the packages on the way from Wasm to the host (store, executor,
// host): the ESM build (dist/index.js, made by `pnpm build`) and its gzip size. The executor's size is what
// the PrunedStore design keeps small (one executor for every host data type).
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  package: string;
  bytes: number;
  gzipBytes: number;
}

const PACKAGES = ["store", "executor", "host"] as const;

/** Each package's bundle size, or null when it is not built. */
export function bundleSizes(): (BundleSize | null)[] {
  return PACKAGES.map((name) => {
    const file = new URL(`../../packages/${name}/dist/index.js`, import.meta.url);
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    return { package: `@wasmi-ts/${name}`, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}
