import { defineConfig, type Options } from "tsup";

/** The build options of every published library package: ESM + CJS + .d.ts from src/index.ts. */
export const libraryOptions: Options = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
};

export const libraryBuild = defineConfig(libraryOptions);
