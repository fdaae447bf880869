import { defineConfig } from "tsup";

/** The build of every published library package: ESM + CJS + .d.ts from src/index.ts. */
export const libraryBuild = defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
