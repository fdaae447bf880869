// Binary decoding. Choice made for malformed function bodies: the decoder itself skims every body
// instruction by instruction (InstrReader), so `decodeModule` alone reports every malformed binary
// (DecodeError) and `validateModule` only reports invalid ones (ValidationError). Compiling saves the
// skim (a pass over all the code) with `decodeModuleDeferringBodies`: the validator then also notices
// malformed bodies, and a full `decodeModule` names the problem (instantiate/compile.ts).

import type { ModuleIR } from "../module/ir.js";
import { DEFAULT_FEATURES, type WasmFeatures } from "./features.js";
import { ModuleDecoder } from "./module-decoder.js";

export { BinaryReader } from "./reader.js";
export { InstrReader, EMPTY_BLOCK_TYPE, readValType, readRefType } from "./instr-reader.js";
export { DEFAULT_FEATURES, WASM2_FEATURES, type WasmFeatures } from "./features.js";
export { MAX_FUNCTION_LOCALS } from "./module-decoder.js";

/** Decodes a binary module; throws DecodeError (with the spec interpreter's wording) if malformed. */
export function decodeModule(bytes: Uint8Array, features: Readonly<WasmFeatures> = DEFAULT_FEATURES): ModuleIR {
  return new ModuleDecoder(bytes, features).decode();
}

/**
 * Decodes a binary module but leaves the instructions of function bodies unchecked: for compiling,
 * where `validateModule` reads them next and reports a malformed body as a DecodeError too, whose
 * exact wording then comes from `decodeModule` (see instantiate/compile.ts).
 */
export function decodeModuleDeferringBodies(bytes: Uint8Array, features: Readonly<WasmFeatures>): ModuleIR {
  return new ModuleDecoder(bytes, features, true).decode();
}
