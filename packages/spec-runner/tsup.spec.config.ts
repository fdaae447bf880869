import { defineConfig } from "tsup";

// Bundles the `spec` command with the workspace packages' TypeScript sources (the "@wasmi-ts/source"
// condition), so `pnpm spec` needs no prior build of the engine packages.
export default defineConfig({
  entry: { spec: "src/spec-bin.ts" },
  outDir: "dist/spec-bin",
  format: ["esm"],
  platform: "node",
  target: "node20",
  sourcemap: true,
  clean: false,
  silent: true,
  noExternal: [/^@wasmi-ts\//],
  esbuildOptions(options) {
    options.conditions = ["@wasmi-ts/source", "import", "default"];
  },
});
