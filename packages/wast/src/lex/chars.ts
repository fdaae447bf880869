// Character classes of the text format (spec: Lexical Format).

const idCharTable = new Uint8Array(128);
for (const c of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~") {
  idCharTable[c.charCodeAt(0)] = 1;
}

/** A character that may appear in keywords, ids, numbers (`idchar`). */
export function isIdChar(c: number): boolean {
  return c < 128 && idCharTable[c] === 1;
}

/** Space, tab, line feed, carriage return. */
export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isLowerLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Characters of a token run: idchars, the string quote, and the reserved punctuation `, ; [ ] { }`. */
export function isRunChar(c: number): boolean {
  return isIdChar(c) || c === 0x22 || c === 0x2c || c === 0x3b || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}
