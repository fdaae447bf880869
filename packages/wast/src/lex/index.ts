export { Lexer, tokenize } from "./lexer.js";
export type { Token, TokenKind } from "./token.js";
export { decodeUtf8Strict } from "./utf8.js";
