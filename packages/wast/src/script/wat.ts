import { encodeModuleText } from "./module.js";

/**
 * Compiles a `.wat` text, `(module ...)` or bare module fields, to a binary module. Throws
 * `WastSyntaxError` for malformed text.
 */
export function parseWat(text: string): Uint8Array {
  return encodeModuleText(text);
}
