import { describe, expect, it } from "vitest";
import { tokenize, WastSyntaxError, type Token } from "../src/index.js";

const kinds = (text: string): string[] => tokenize(text).map((t) => `${t.kind}:${t.value}`);
const errorOf = (text: string): string => {
  try {
    tokenize(text);
  } catch (e) {
    if (e instanceof WastSyntaxError) return e.reason;
    throw e;
  }
  return "accepted";
};
const bytesOf = (t: Token): number[] => [...(t.bytes ?? [])];

describe("lexer", () => {
  it("splits keywords, ids, numbers, strings and parentheses", () => {
    expect(kinds('(module $m (func $f (result i32) i32.const -0x1_0 offset=4 +inf nan:0x1 "s"))')).toEqual([
      "lparen:(",
      "keyword:module",
      "id:m",
      "lparen:(",
      "keyword:func",
      "id:f",
      "lparen:(",
      "keyword:result",
      "keyword:i32",
      "rparen:)",
      "keyword:i32.const",
      "num:-0x1_0",
      "keyword:offset=4",
      "num:+inf",
      "keyword:nan:0x1",
      "string:s",
      "rparen:)",
      "rparen:)",
    ]);
  });

  it("tracks lines and columns across comments", () => {
    const tokens = tokenize("(a ;; comment\n  (; block\n (; nested ;) ;) b)\r\nc");
    expect(tokens.map((t) => [t.value, t.span.line, t.span.column])).toEqual([
      ["(", 1, 1],
      ["a", 1, 2],
      ["b", 3, 18],
      [")", 3, 19],
      ["c", 4, 1],
    ]);
  });

  it("decodes string escapes to bytes", () => {
    const [t] = tokenize(String.raw`"a\t\n\r\"\'\\\00\ff\u{41}\u{1F600}é"`);
    expect(bytesOf(t!)).toEqual([
      0x61, 9, 10, 13, 0x22, 0x27, 0x5c, 0, 0xff, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9,
    ]);
  });

  it("keeps a byte order mark inside strings and ids", () => {
    expect(kinds(String.raw`"\ef\bb\bf" $"\ef\bb\bfx"`)).toEqual(["string:\ufeff", "id:\ufeffx"]);
  });

  it("reads quoted ids and rejects malformed ones", () => {
    expect(kinds(String.raw`$"a b" $"\41\u{42}"`)).toEqual(["id:a b", "id:AB"]);
    expect(errorOf("$")).toBe("empty identifier");
    expect(errorOf('$""')).toBe("empty identifier");
    expect(errorOf(String.raw`$"\ef"`)).toBe("malformed UTF-8 encoding");
  });

  it("keeps reserved tokens for annotations", () => {
    expect(kinds('x"y" #a , $x"y"')).toEqual(['reserved:x"y"', "reserved:#a", "reserved:,", 'reserved:$x"y"']);
    expect(kinds('(@a b) (@"q r")')).toEqual(["annotation:a", "keyword:b", "rparen:)", "annotation:q r", "rparen:)"]);
  });

  it("reports lexical errors instead of crashing", () => {
    expect(errorOf('"abc')).toBe("unclosed string");
    expect(errorOf('"a\nb"')).toBe("unclosed string");
    expect(errorOf("(; (; ;)")).toBe("unclosed comment");
    expect(errorOf(String.raw`"\q"`)).toBe("illegal escape");
    expect(errorOf(String.raw`"\u{d800}"`)).toBe("illegal escape");
    expect(errorOf(String.raw`"\u{110000}"`)).toBe("illegal escape");
    expect(errorOf("a\u0001")).toBe("illegal character");
    expect(errorOf("Heiße")).toBe("illegal character");
    expect(errorOf('"\u0007"')).toBe("illegal control character");
  });
});
