// Numeric helpers called from the interpreter's hot loop: allocation-free and BigInt-free
// (except the i64 <-> BigInt API boundary helpers).
export * from "./i32.js";
export * from "./i64.js";
export * from "./float.js";
export * from "./wide.js";
