// @wasmi-ts/wast: the WebAssembly text format (WAT modules, WAST scripts) in pure TypeScript.
export { WastAnnotationError, WastSyntaxError, type Span } from "./errors.js";
export * from "./numbers/index.js";
export { Lexer, tokenize, type Token, type TokenKind } from "./lex/index.js";
export { readSExprs, type Atom, type AtomKind, type List, type SExpr } from "./sexpr/index.js";
export * from "./script/index.js";
export { encodeModule, type EncodeOptions } from "./encode/index.js";
