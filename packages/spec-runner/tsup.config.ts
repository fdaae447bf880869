import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // testsuite.ts finds its package folder through import.meta.url, also in the CJS build.
  shims: true,
});
