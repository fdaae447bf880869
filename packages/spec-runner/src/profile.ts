// Which rules a spec file is run under: the suite's proposals decide the engine's features, and the
// text format's version decides how text modules are encoded.

import { DEFAULT_FEATURES, WASM2_FEATURES, type WasmFeatures } from "@wasmi-ts/host";
import type { EncodeOptions } from "@wasmi-ts/wast";

export interface Profile {
  features: Readonly<WasmFeatures>;
  encode: EncodeOptions;
}

/** 2.0 proposal folders and the feature each adds to 2.0. */
const PROPOSALS: Record<string, keyof WasmFeatures> = {
  "tail-call": "tailCall",
  "extended-const": "extendedConst",
  "multi-memory": "multiMemory",
  memory64: "memory64",
  "relaxed-simd": "relaxedSimd",
};

/** The profile of a file, by its path relative to the testsuite root (e.g. `2.0/proposals/memory64/x.wast`). */
export function profileOf(file: string): Profile {
  const proposal = /^2\.0\/proposals\/([^/]+)\//.exec(file)?.[1];
  if (proposal !== undefined) {
    const feature = PROPOSALS[proposal];
    const features = feature ? { ...WASM2_FEATURES, [feature]: true } : WASM2_FEATURES;
    // memory64 already reads offsets and limits as u64, as 3.0 does. Its scripts predate reference
    // types (binary.wast wants call_indirect's zero byte) and use one funcref table at most.
    if (feature === "memory64") return { features: { ...features, referenceTypes: false }, encode: { strict32: false } };
    return { features, encode: { strict32: true } };
  }
  if (file.startsWith("2.0/")) return { features: WASM2_FEATURES, encode: { strict32: true } };
  // The threads folder's scripts are the proposal's own, written before reference types (one table, one
  // memory, 32-bit limits in the text format): 2.0 without reference types, plus threads.
  if (file.startsWith("3.0/proposals/threads/")) {
    return { features: { ...WASM2_FEATURES, referenceTypes: false, threads: true }, encode: { strict32: true } };
  }
  return { features: DEFAULT_FEATURES, encode: {} };
}
