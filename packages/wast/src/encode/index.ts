import type { List } from "../sexpr/types.js";

/** Encodes a `(module ...)` S-expression to the WebAssembly binary format. */
export function encodeModule(module: List): Uint8Array {
  void module;
  throw new Error("not implemented");
}
