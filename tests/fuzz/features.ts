// One feature set for both engines, so that "valid" means the same thing on each side.

import { setFlagsFromString } from "node:v8";
import { DEFAULT_FEATURES, type WasmFeatures } from "@wasmi-ts/host";

/** The features that Node 20's V8 runs: reference types (2.0) and tail calls by default, the others behind
 * the flags below. */
const V8_PROPOSALS = new Set<string>(["referenceTypes", "tailCall", "extendedConst", "memory64"]);
const V8_FLAGS = ["--experimental-wasm-extended-const", "--experimental-wasm-memory64"];

/**
 * wasmi-ts's default features, restricted to what V8 runs too (so not multi-memory, which Node 20's V8 lacks).
 * A feature added to DEFAULT_FEATURES later stays off here until V8_PROPOSALS names it.
 */
export const COMPARED_FEATURES: Readonly<WasmFeatures> = Object.freeze(
  Object.fromEntries(
    Object.entries(DEFAULT_FEATURES).map(([name, on]) => [name, on && V8_PROPOSALS.has(name)]),
  ) as unknown as WasmFeatures,
);

/** Turns on in V8 (process-wide) the proposals of COMPARED_FEATURES that it does not run by default. */
export function enableV8Features(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}
