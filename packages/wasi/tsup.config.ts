import { defineConfig } from "tsup";
import { libraryOptions } from "../../config/tsup.library.js";

// Two entries: the WASI functions with the in-memory file system (for any JS host), and the node:fs
// backend (`@wasmi-ts/wasi/node`), kept apart so that browser bundles never see node:fs.
export default defineConfig({ ...libraryOptions, entry: ["src/index.ts", "src/node.ts"] });
