// The package workloads: npm packages that compile and instantiate their own Wasm through the JS API
// (see Workload.load), run whole with their JS glue.
import type { Workload } from "../manifest.js";
import { BROTLI } from "./brotli.js";
import { HASH_WASM_WORKLOADS } from "./hash-wasm.js";
import { QUICKJS } from "./quickjs.js";
import { SQLITE } from "./sql-js.js";

export const PACKAGE_WORKLOADS: Workload[] = [...HASH_WASM_WORKLOADS, SQLITE, QUICKJS, BROTLI];
