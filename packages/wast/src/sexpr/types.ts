import type { Span } from "../errors.js";

// The S-expression tree every text form is read into: the lexer's tokens grouped by parentheses.
// Annotations `(@id ...)` are kept as lists whose first item is an atom of kind "annotation".

export type AtomKind =
  | "keyword" // module, i32.add, offset=4, nan:0x1, inf ... (starts with a letter)
  | "id" // $name or $"quoted name"; `value` is the name without `$`
  | "num" // 1, -0x1p3, 1_000, +inf, -nan:0x1 ... (digit or sign first): `value` is the raw text, parsed by ../numbers
  | "string" // "..." ; `bytes` holds the decoded bytes, `value` their text as UTF-8 (lossy)
  | "reserved" // any other token (`#x`, `a"b"`, `,`): legal only inside annotations; `value` is the raw text
  | "annotation"; // @name at the start of an annotation list; `value` is the name

export interface Atom {
  type: "atom";
  kind: AtomKind;
  value: string;
  /** Strings only: the exact bytes. */
  bytes?: Uint8Array;
  span: Span;
}

export interface List {
  type: "list";
  items: SExpr[];
  span: Span;
}

export type SExpr = Atom | List;
