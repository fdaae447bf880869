import { describe, expect, it } from "vitest";
import { encodeModule, parseScript, readSExprs, WastAnnotationError, WastSyntaxError, type List } from "../src/index.js";

// Custom annotations in module text: `@custom` sections placed where they say, `@name` names, and the
// malformed or misplaced forms the spec suite (3.0/custom/*.wast) rejects, with its messages.

function encode(text: string): Uint8Array {
  const [list] = readSExprs(text);
  return encodeModule(list as List);
}

/** The binary's sections as `id` (standard) or `custom:name:contents` (custom), in order. */
function sectionList(bin: Uint8Array): string[] {
  const out: string[] = [];
  const text = new TextDecoder();
  let at = 8;
  const leb = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bin[at++]!;
      n |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) return n;
    }
  };
  while (at < bin.length) {
    const id = bin[at++]!;
    const size = leb();
    const end = at + size;
    if (id === 0) {
      const len = leb();
      const name = text.decode(bin.subarray(at, at + len));
      out.push(`custom:${name}:${text.decode(bin.subarray(at + len, end))}`);
    } else {
      out.push(String(id));
    }
    at = end;
  }
  return out;
}

/** The reason a module text is rejected for, and that it is an annotation error of that kind. */
function rejection(text: string, kind: "malformed" | "invalid" = "malformed"): string {
  try {
    encode(text);
  } catch (e) {
    expect(e).toBeInstanceOf(WastAnnotationError);
    expect((e as WastAnnotationError).kind).toBe(kind);
    return (e as WastAnnotationError).reason;
  }
  throw new Error(`accepted: ${text}`);
}

describe("@custom annotations", () => {
  it("places custom sections before/after the named sections, unplaced ones last, in text order", () => {
    const bin = encode(`(module
      (type $t (func))
      (@custom "s1" "a")
      (@custom "s2" (before global) "b")
      (@custom "s2" (after func) "c")
      (@custom "s2" (after func) "d")
      (@custom "s2" (before global) "e")
      (@custom "s3" (before first) "f")
      (func)
      (global $g i32 (i32.const 0))
      (@custom "s4" "" "1" "" "2")
      (@custom ""))`);
    expect(sectionList(bin)).toEqual([
      "custom:s3:f",
      "1",
      "3",
      "custom:s2:c",
      "custom:s2:d",
      "custom:s2:b",
      "custom:s2:e",
      "6",
      "10",
      "custom:s1:a",
      "custom:s4:12",
      "custom::",
    ]);
  });

  it("is accepted among bare module fields (a quoted module without `(module ...)`)", () => {
    const [cmd] = parseScript(`(module quote "(@custom \\"bla\\" \\"x\\")")`);
    const bin = (cmd as { module: { binary(): Uint8Array } }).module.binary();
    expect(sectionList(bin)).toEqual(["custom:bla:x"]);
  });

  it.each([
    ["(@custom)", "@custom annotation: missing section name"],
    ["(@custom 4)", "@custom annotation: missing section name"],
    ["(@custom bla)", "@custom annotation: missing section name"],
    [`(@custom "\\df")`, "@custom annotation: malformed UTF-8 encoding"],
    [`(@custom "bla" here)`, "@custom annotation: unexpected token"],
    [`(@custom "bla" after)`, "@custom annotation: unexpected token"],
    [`(@custom "bla" "x" (after func))`, "@custom annotation: unexpected token"],
    [`(@custom "bla" (after))`, "@custom annotation: malformed section kind"],
    [`(@custom "bla" (before types))`, "@custom annotation: malformed section kind"],
    [`(@custom "bla" (type))`, "@custom annotation: malformed placement"],
    [`(@custom "bla" (aft type))`, "@custom annotation: malformed placement"],
    [`(@custom "bla" (after type x))`, "@custom annotation: malformed placement"],
  ])("rejects the malformed %s", (annotation, reason) => {
    expect(rejection(`(module ${annotation})`)).toBe(reason);
  });

  it.each([
    `(module (type (@custom "bla") $t (func)))`,
    `(module (func (@custom "bla")))`,
    `(module (func (block (@custom "bla"))))`,
    `(module (func (nop (@custom "bla"))))`,
  ])("rejects it below the module's fields: %s", (text) => {
    expect(rejection(text)).toBe("misplaced @custom annotation");
  });
});

describe("@name annotations", () => {
  it("names the module from the script's module header (which the script reader parses itself)", () => {
    const [cmd] = parseScript(`(module $m (@name "Modül") (func $f (@name "λ")))`);
    const bin = (cmd as { module: { binary(): Uint8Array } }).module.binary();
    const names = sectionList(bin).find((s) => s.startsWith("custom:name:"));
    expect(names).toContain("Modül");
    expect(names).toContain("λ");
  });

  it("rejects a second module name", () => {
    expect(rejection(`(module (@name "M1") (@name "M2"))`)).toBe("@name annotation: multiple module names");
  });

  it.each([
    `(module (func) (@name "M"))`,
    `(module (start $f (@name "M")) (func $f))`,
    `(module (func (type 0) (@name "f")) (type (func)))`,
    `(module (func (nop (@name "x"))))`,
  ])("rejects it where it names nothing: %s", (text) => {
    expect(rejection(text)).toBe("misplaced @name annotation");
  });

  it("accepts it after the keyword and $id of what it names", () => {
    expect(() => encode(`(module (type $t (func)) (func (@name "a") (type $t)) (func $b (@name "b") (param $p (@name "p") i32)))`)).not.toThrow();
  });
});

describe("@metadata.code.branch_hint annotations", () => {
  const hint = (v = "\\01") => `(@metadata.code.branch_hint "${v}")`;

  it("are accepted before if and br_if, flat or folded, and leave the binary as without them", () => {
    const body = `(param i32) (block (local.get 0) ${hint()} (br_if 0)) local.get 0 ${hint("\\00")} if end
      ${hint()} (if (local.get 0) (then ${hint()} (if (local.get 0) (then))))`;
    expect(encode(`(module (func ${body}))`)).toEqual(encode(`(module (func ${body.replaceAll(/\(@[^)]*\)/g, "")}))`));
  });

  it.each([
    [`(module ${hint()} (func))`, "not in a function"],
    [`(module (global i32 ${hint()} (i32.const 0)))`, "not in a function"],
    [`(module (func (param i32) local.get 0 ${hint()} ${hint()} if end))`, "duplicate annotation"],
    [`(module (func (param i32) local.get 0 ${hint("\\02")} if end))`, "invalid hint value"],
    [`(module (func (param i32) local.get 0 ${hint("")} if end))`, "invalid hint value"],
    [`(module (func (param i32) local.get 0 (@metadata.code.branch_hint 1) if end))`, "unexpected token"],
    [`(module (func ${hint()}))`, "invalid placement"],
  ])("rejects the malformed %s", (text, what) => {
    expect(rejection(text)).toBe(`@metadata.code.branch_hint annotation: ${what}`);
  });

  it("rejects a hint on an instruction that is no branch as invalid (after the rest of the module is read)", () => {
    expect(rejection(`(module (func ${hint()} nop))`, "invalid")).toBe("@metadata.code.branch_hint annotation: invalid target");
    expect(rejection(`(module (func ${hint()} (block)))`, "invalid")).toBe("@metadata.code.branch_hint annotation: invalid target");
    // A malformed module stays malformed: the core text format's error comes first.
    expect(() => encode(`(module (func ${hint()} nop) (func (i32.frobnicate)))`)).toThrow("unknown operator");
  });
});

describe("other annotations", () => {
  it("are ignored anywhere, whatever they contain", () => {
    expect(() => encode(`(module (@a) (func (@b x (y)) (nop (@c @custom)) (@custom-ish)) (@name-x 1))`)).not.toThrow();
  });

  it("annotation errors from quoted modules keep their class, at the module's position", () => {
    const [cmd] = parseScript(`\n(module quote "(func (@custom \\"bla\\"))")`, "f.wast");
    const run = () => (cmd as { module: { binary(): Uint8Array } }).module.binary();
    expect(run).toThrow(WastAnnotationError);
    expect(run).toThrow(WastSyntaxError);
    expect(run).toThrow("misplaced @custom annotation at f.wast:2:1");
  });
});
