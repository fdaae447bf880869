import { defineConfig } from "tsup";
import { libraryOptions } from "../../config/tsup.library.js";

// testsuite.ts finds its package folder through import.meta.url, also in the CJS build.
export default defineConfig({ ...libraryOptions, shims: true });
