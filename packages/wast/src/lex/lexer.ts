import { type Span, WastSyntaxError } from "../errors.js";
import { hexValue, isDigit, isIdChar, isLowerLetter, isRunChar, isWhitespace } from "./chars.js";
import type { Token } from "./token.js";
import { decodeUtf8Lossy, decodeUtf8Strict, pushUtf8 } from "./utf8.js";

const LPAREN = 0x28;
const RPAREN = 0x29;
const SEMI = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOLLAR = 0x24;
const AT = 0x40;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits WebAssembly text into tokens (spec: Lexical Format). Whitespace, line comments `;;` and nested
 * block comments `(; ;)` are skipped. A run of characters that is none of the token forms is a "reserved"
 * token (e.g. `a"b"` or `#x`), legal only inside annotations; lexical errors name their cause.
 */
export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  /** The next token; `eof` at the end (repeatedly). */
  next(): Token {
    this.skipWhitespaceAndComments();
    const text = this.text;
    const start = this.pos;
    const span = this.spanAt(start);
    if (start >= text.length) return { kind: "eof", value: "", span };
    const c = text.charCodeAt(start);
    if (c === LPAREN) {
      if (text.charCodeAt(start + 1) === AT) return this.annotation(span);
      this.pos++;
      return { kind: "lparen", value: "(", span };
    }
    if (c === RPAREN) {
      this.pos++;
      return { kind: "rparen", value: ")", span };
    }
    if (isRunChar(c)) return this.run(span);
    throw new WastSyntaxError("illegal character", span);
  }

  /** Position of character `offset` (1-based line and column); valid for offsets after the last newline seen. */
  private spanAt(offset: number): Span {
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  private error(reason: string, offset: number): WastSyntaxError {
    return new WastSyntaxError(reason, this.spanAt(offset));
  }

  /** Records a newline at `offset` (LF, CR, or the LF of CR LF). */
  private newline(offset: number): void {
    this.line++;
    this.lineStart = offset + 1;
  }

  private skipWhitespaceAndComments(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (isWhitespace(c)) {
        if (c === LF || (c === CR && text.charCodeAt(this.pos + 1) !== LF)) this.newline(this.pos);
        this.pos++;
      } else if (c === SEMI && text.charCodeAt(this.pos + 1) === SEMI) {
        this.pos += 2;
        while (this.pos < text.length) {
          const d = text.charCodeAt(this.pos);
          if (d === LF || d === CR) break;
          this.pos++;
        }
      } else if (c === LPAREN && text.charCodeAt(this.pos + 1) === SEMI) {
        this.blockComment();
      } else {
        return;
      }
    }
  }

  private blockComment(): void {
    const text = this.text;
    const start = this.pos;
    const startSpan = this.spanAt(start);
    this.pos += 2;
    let depth = 1;
    while (depth > 0) {
      if (this.pos >= text.length) throw new WastSyntaxError("unclosed comment", startSpan);
      const c = text.charCodeAt(this.pos);
      const d = text.charCodeAt(this.pos + 1);
      if (c === LPAREN && d === SEMI) {
        depth++;
        this.pos += 2;
      } else if (c === SEMI && d === RPAREN) {
        depth--;
        this.pos += 2;
      } else {
        if (c === LF || (c === CR && d !== LF)) this.newline(this.pos);
        this.pos++;
      }
    }
  }

  /** Reads a string literal starting at the opening quote; returns its bytes. */
  private string(): Uint8Array {
    const text = this.text;
    const startSpan = this.spanAt(this.pos);
    this.pos++;
    const bytes: number[] = [];
    for (;;) {
      if (this.pos >= text.length) throw new WastSyntaxError("unclosed string", startSpan);
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.pos++;
        return Uint8Array.from(bytes);
      }
      if (c === BACKSLASH) {
        this.escape(bytes);
      } else if (c === LF || c === CR) {
        throw new WastSyntaxError("unclosed string", startSpan);
      } else if (c < 0x20 || c === 0x7f) {
        throw this.error("illegal control character", this.pos);
      } else if (c < 0x80) {
        bytes.push(c);
        this.pos++;
      } else {
        const cp = text.codePointAt(this.pos)!;
        pushUtf8(bytes, cp >= 0xd800 && cp < 0xe000 ? 0xfffd : cp); // lone surrogates cannot come from UTF-8 text
        this.pos += cp > 0xffff ? 2 : 1;
      }
    }
  }

  private escape(bytes: number[]): void {
    const text = this.text;
    const at = this.pos;
    const c = text.charCodeAt(at + 1);
    this.pos += 2;
    switch (c) {
      case 0x6e: // n
        bytes.push(0x0a);
        return;
      case 0x74: // t
        bytes.push(0x09);
        return;
      case 0x72: // r
        bytes.push(0x0d);
        return;
      case QUOTE:
      case 0x27: // '
      case BACKSLASH:
        bytes.push(c);
        return;
      case 0x75: {
        // u{hexnum}
        if (text.charCodeAt(this.pos) !== 0x7b) throw this.error("illegal escape", at);
        let i = this.pos + 1;
        let cp = 0;
        let digits = 0;
        for (;;) {
          const d = text.charCodeAt(i);
          const h = hexValue(d);
          if (h >= 0) {
            cp = cp * 16 + h;
            digits++;
            if (cp > 0x10ffff) throw this.error("illegal escape", at);
          } else if (d !== 0x5f || digits === 0 || hexValue(text.charCodeAt(i + 1)) < 0) {
            break;
          }
          i++;
        }
        if (digits === 0 || text.charCodeAt(i) !== 0x7d) throw this.error("illegal escape", at);
        if (cp >= 0xd800 && cp < 0xe000) throw this.error("illegal escape", at);
        pushUtf8(bytes, cp);
        this.pos = i + 1;
        return;
      }
      default: {
        const hi = hexValue(c);
        const lo = hexValue(text.charCodeAt(at + 2));
        if (hi < 0 || lo < 0) throw this.error("illegal escape", at);
        bytes.push(hi * 16 + lo);
        this.pos = at + 3;
      }
    }
  }

  /**
   * A maximal run of idchars, strings and reserved punctuation, classified as one token: a string, an id,
   * a keyword, a number, or else a reserved token (valid only inside annotations).
   */
  private run(span: Span): Token {
    const text = this.text;
    const start = this.pos;
    let firstString: Uint8Array | undefined;
    let firstStringEnd = -1;
    let allIdChars = true;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        const bytes = this.string();
        if (firstString === undefined) {
          firstString = bytes;
          firstStringEnd = this.pos;
        }
        allIdChars = false;
      } else if (isIdChar(c)) {
        this.pos++;
      } else if (isRunChar(c) && !(c === SEMI && text.charCodeAt(this.pos + 1) === SEMI)) {
        allIdChars = false;
        this.pos++;
      } else {
        break;
      }
    }
    const end = this.pos;
    const value = text.slice(start, end);
    const c = text.charCodeAt(start);
    if (c === QUOTE && firstStringEnd === end) {
      return { kind: "string", value: decodeUtf8Lossy(firstString!), bytes: firstString!, span };
    }
    if (c === DOLLAR) {
      if (end === start + 1) throw new WastSyntaxError("empty identifier", span);
      if (text.charCodeAt(start + 1) === QUOTE && firstStringEnd === end) {
        if (firstString!.length === 0) throw new WastSyntaxError("empty identifier", span);
        const name = decodeUtf8Strict(firstString!);
        if (name === undefined) throw new WastSyntaxError("malformed UTF-8 encoding", span);
        return { kind: "id", value: name, span };
      }
      if (allIdChars) return { kind: "id", value: value.slice(1), span };
      return { kind: "reserved", value, span };
    }
    if (allIdChars) {
      if (isLowerLetter(c)) return { kind: "keyword", value, span };
      if (isDigit(c)) return { kind: "num", value, span };
      if ((c === 0x2b || c === 0x2d) && value.length > 1) {
        // + or -: a signed number, +inf, -nan, -nan:0x...
        const rest = value.charCodeAt(1);
        const signed = isDigit(rest) || value.startsWith("inf", 1) || value.startsWith("nan", 1);
        if (signed) return { kind: "num", value, span };
      }
    }
    return { kind: "reserved", value, span };
  }

  /**
   * `(@name` or `(@"name"`. Without a name, `(@` is an `lparen` whose value is "(@" followed by a reserved
   * token `@...`: legal inside annotations only, which the reader checks.
   */
  private annotation(span: Span): Token {
    const text = this.text;
    const start = this.pos + 2;
    let end = start;
    let name: string;
    if (text.charCodeAt(start) === QUOTE) {
      this.pos = start;
      const bytes = this.string();
      end = this.pos;
      const decoded = decodeUtf8Strict(bytes);
      if (decoded === undefined) throw new WastSyntaxError("malformed UTF-8 encoding", span);
      name = decoded;
    } else {
      while (isIdChar(text.charCodeAt(end))) end++;
      name = text.slice(start, end);
    }
    if (name.length === 0 || isRunChar(text.charCodeAt(end))) {
      this.pos = span.offset + 1;
      return { kind: "lparen", value: "(@", span };
    }
    this.pos = end;
    return { kind: "annotation", value: name, span };
  }
}

/** All tokens of a text, without the final `eof`. */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (let t = lexer.next(); t.kind !== "eof"; t = lexer.next()) tokens.push(t);
  return tokens;
}
