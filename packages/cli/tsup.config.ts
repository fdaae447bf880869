import { defineConfig } from "tsup";

export default defineConfig([
  // The library entry (`main(argv, io)` for in-process use).
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    target: "es2022",
    shims: true,
  },
  // The `wasmi-ts` executable.
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
