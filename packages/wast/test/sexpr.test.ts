import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSExprs, WastSyntaxError, type SExpr } from "../src/index.js";
import { suiteFiles, suiteRoot } from "./conformance/suite.js";

const show = (e: SExpr): string =>
  e.type === "atom" ? (e.kind === "annotation" ? "@" + e.value : e.value) : `(${e.items.map(show).join(" ")})`;

const reason = (text: string): string => {
  try {
    readSExprs(text);
  } catch (e) {
    if (e instanceof WastSyntaxError) return e.reason;
    throw e;
  }
  return "accepted";
};

describe("S-expression reader", () => {
  it("groups tokens into lists with positions", () => {
    const [m] = readSExprs("(module\n  (func (nop)))");
    expect(show(m!)).toBe("(module (func (nop)))");
    expect(m!.type === "list" && m.items[1]!.span).toEqual({ line: 2, column: 3, offset: 10 });
  });

  it("reads annotations as lists headed by an annotation atom", () => {
    expect(readSExprs("(@a x (y) (@)) (b)").map(show)).toEqual(["(@a x (y) (@))", "(b)"]);
  });

  it("rejects unbalanced input and empty annotation ids outside annotations", () => {
    expect(reason("(a (b)")).toBe("unclosed parenthesis");
    expect(reason("(a))")).toBe("unexpected )");
    expect(reason("(@)")).toBe("empty annotation id");
    expect(reason("(@ x)")).toBe("empty annotation id");
  });

  it("reads very deep nesting without recursion", () => {
    const depth = 100_000;
    const [e] = readSExprs("(".repeat(depth) + ")".repeat(depth));
    let d = 0;
    for (let cur: SExpr | undefined = e; cur?.type === "list"; cur = cur.items[0]) d++;
    expect(d).toBe(depth);
  });

  it("never crashes or hangs on truncated or corrupted suite text", () => {
    const file = suiteFiles().find((f) => f.endsWith("3.0/annotations.wast")) ?? suiteFiles()[0]!;
    const text = readFileSync(join(suiteRoot, file), "utf8").slice(0, 20_000);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      const cut = random(text.length);
      const noise = '()";$@\\\n'[random(9)]!;
      const mutated = text.slice(0, cut) + noise + text.slice(cut + 1, cut + 1 + random(text.length));
      try {
        readSExprs(mutated);
      } catch (e) {
        expect(e).toBeInstanceOf(WastSyntaxError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});
