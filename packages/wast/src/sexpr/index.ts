export { readSExprs } from "./reader.js";
export type { Atom, AtomKind, List, SExpr } from "./types.js";
export { headKeyword, isAnnotation, isKeyword, stripAnnotations, withoutAnnotations } from "./guards.js";
