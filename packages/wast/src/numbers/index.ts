// Exact parsers for the numeric literals of the WebAssembly text format.
export { NumberFormatError } from "./errors.js";
export { parseIntBits, parseUnsigned, parseI32, parseI64 } from "./integers.js";
export { parseF32Bits, parseF64Bits } from "./floats.js";
