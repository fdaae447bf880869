import type { Span } from "../errors.js";

export type TokenKind =
  | "lparen" // ( ; value "(@" when `(@` is not followed by an annotation name
  | "rparen" // )
  | "annotation" // `(@name` or `(@"name"`: opens an annotation list; `value` is the name
  | "keyword" // starts with a lowercase letter: module, i32.add, offset=4, nan:0x1, inf
  | "num" // starts with a digit or a sign followed by a digit, inf or nan: raw text, parsed by ../numbers
  | "id" // $name or $"name": `value` is the name without `$` (quotes and escapes resolved)
  | "string" // "...": `bytes` holds the decoded bytes
  | "reserved" // any other run of idchars, strings and `, ; [ ] { }` (e.g. `a"b"`, `#x`): only valid in annotations
  | "eof";

export interface Token {
  kind: TokenKind;
  value: string;
  /** Strings only: the exact bytes. */
  bytes?: Uint8Array;
  span: Span;
}
