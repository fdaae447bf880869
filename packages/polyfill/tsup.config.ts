import { defineConfig } from "tsup";
import { libraryOptions } from "../../config/tsup.library.js";

// The library (index, and auto which installs on import), and one script for pages and fresh realms:
// dist/wasmi-ts-polyfill.global.js defines `wasmiTsPolyfill` (the module's exports) and nothing else.
export default defineConfig([
  { ...libraryOptions, entry: ["src/index.ts", "src/auto.ts"] },
  {
    entry: { "wasmi-ts-polyfill": "src/index.ts" },
    format: ["iife"],
    globalName: "wasmiTsPolyfill",
    minify: true,
    sourcemap: true,
    clean: false,
    target: "es2022",
  },
]);
