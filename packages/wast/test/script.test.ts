import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScript, WastSyntaxError, type ScriptCommand, type ScriptModule } from "../src/index.js";
import { suiteFiles, suiteRoot } from "./conformance/suite.js";

const script = String.raw`
(module $M (func (export "f") (param i32) (result i32) (local.get 0)))
(module definition $D (memory 1))
(module instance $I $D)
(module binary "\00asm" "\01\00\00\00")
(module $Q quote "(func)")
(register "m" $M)
(invoke $M "f" (i32.const 0xffffffff))
(get "g")
(assert_return (invoke "f" (i64.const -1) (f32.const 1.5) (f64.const -0x1p-1074) (v128.const i16x8 1 2 3 4 5 6 7 -1))
  (i32.const 7) (i64.const 0x8000000000000000) (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1)
  (v128.const f32x4 nan:canonical 1 -0 inf))
(assert_return (invoke "r" (ref.null extern) (ref.extern 3) (ref.host 4))
  (ref.null) (ref.null func) (ref.extern 3) (ref.extern) (ref.func) (ref.array) (ref.i31) (ref.host 4)
  (either (i32.const 1) (i32.const 2)))
(assert_trap (invoke "t") "unreachable")
(assert_trap (module (func unreachable) (start 0)) "unreachable")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_exception (invoke "throw"))
(assert_malformed (module quote "(func") "unclosed")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "x" "y" (func))) "unknown import")
(assert_uninstantiable (module binary "") "x")
`;

describe("parseScript", () => {
  const commands = parseScript(script, "test.wast");
  const byKind = <K extends ScriptCommand["kind"]>(kind: K): Extract<ScriptCommand, { kind: K }>[] =>
    commands.filter((c): c is Extract<ScriptCommand, { kind: K }> => c.kind === kind);

  it("reads every command with its position", () => {
    expect(commands.map((c) => c.kind)).toEqual([
      "module",
      "module",
      "module_instance",
      "module",
      "module",
      "register",
      "action",
      "action",
      "assert_return",
      "assert_return",
      "assert_trap",
      "assert_trap_module",
      "assert_exhaustion",
      "assert_exception",
      "assert_malformed",
      "assert_invalid",
      "assert_unlinkable",
      "assert_uninstantiable",
    ]);
    expect(commands[0]!.span).toEqual({ line: 2, column: 1, offset: 1 });
    expect(commands[2]!.span.line).toBe(4);
  });

  it("reads module forms", () => {
    const [text, def, bin, quote] = byKind("module").map((c) => c.module);
    expect([text!.id, text!.definition, text!.source.kind]).toEqual(["M", false, "text"]);
    expect([def!.id, def!.definition]).toEqual(["D", true]);
    expect(bin!.source.kind).toBe("binary");
    expect([...bin!.binary()]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(quote!.source.kind === "quote" && new TextDecoder().decode(quote!.source.bytes)).toBe("(func)");
    expect(byKind("module_instance")[0]).toMatchObject({ instance: "I", definition: "D" });
    expect(byKind("register")[0]).toMatchObject({ name: "m", module: "M" });
  });

  it("reads actions and typed arguments", () => {
    const [invoke, get] = byKind("action").map((c) => c.action);
    expect(invoke).toMatchObject({ kind: "invoke", module: "M", name: "f", args: [{ type: "i32", value: -1 }] });
    expect(get).toMatchObject({ kind: "get", module: undefined, name: "g" });
    const args = byKind("assert_return")[0]!.action.kind === "invoke" ? byKind("assert_return")[0]!.action : undefined;
    expect(args?.kind === "invoke" && args.args.slice(0, 3)).toEqual([
      { type: "i64", value: -1n },
      { type: "f32", bits: 0x3fc00000 },
      { type: "f64", bits: 0x8000000000000001n },
    ]);
    const v = args?.kind === "invoke" ? args.args[3] : undefined;
    expect(v?.type === "v128" && [...v.bytes]).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff]);
    const refs = byKind("assert_return")[1]!.action;
    expect(refs.kind === "invoke" && refs.args).toEqual([
      { type: "ref.null", heapType: "extern" },
      { type: "ref.extern", value: 3 },
      { type: "ref.host", value: 4 },
    ]);
  });

  it("reads expected results and patterns", () => {
    expect(byKind("assert_return")[0]!.expected).toEqual([
      { type: "i32", value: 7 },
      { type: "i64", value: -(1n << 63n) },
      { type: "f32", pattern: { kind: "nan", nan: "canonical" } },
      { type: "f64", pattern: { kind: "nan", nan: "arithmetic" } },
      { type: "f32", pattern: { kind: "bits", bits: 0xff800001 } },
      {
        type: "v128",
        shape: "f32x4",
        lanes: [
          { kind: "nan", nan: "canonical" },
          { kind: "bits", bits: 0x3f800000n },
          { kind: "bits", bits: 0x80000000n },
          { kind: "bits", bits: 0x7f800000n },
        ],
      },
    ]);
    expect(byKind("assert_return")[1]!.expected).toEqual([
      { type: "ref.null", heapType: undefined },
      { type: "ref.null", heapType: "func" },
      { type: "ref.extern", value: 3 },
      { type: "ref", kind: "extern" },
      { type: "ref", kind: "func" },
      { type: "ref", kind: "array" },
      { type: "ref", kind: "i31" },
      { type: "ref.host", value: 4 },
      { type: "either", alternatives: [{ type: "i32", value: 1 }, { type: "i32", value: 2 }] },
    ]);
  });

  it("reads assertions with messages", () => {
    expect(byKind("assert_trap")[0]).toMatchObject({ message: "unreachable", action: { name: "t" } });
    expect(byKind("assert_trap_module")[0]!.module.source.kind).toBe("text");
    expect(byKind("assert_exhaustion")[0]!.message).toBe("call stack exhausted");
    expect(byKind("assert_invalid")[0]!.message).toBe("type mismatch");
    expect(byKind("assert_unlinkable")[0]!.message).toBe("unknown import");
  });

  it("reports malformed quote modules only when the binary is requested, at the module", () => {
    const malformed = byKind("assert_malformed")[0]!.module;
    expect(() => malformed.binary()).toThrow(WastSyntaxError);
    expect(() => malformed.binary()).toThrow(`at test.wast:${malformed.span.line}:${malformed.span.column}`);
  });

  it("names the file in errors", () => {
    expect(() => parseScript("(module)\n  (bogus)", "x.wast")).toThrow("unknown command bogus at x.wast:2:3");
  });

  it("treats a script of bare module fields as one module", () => {
    const [cmd, ...rest] = parseScript("(func) (memory 0) (func (export \"f\"))");
    expect(rest).toEqual([]);
    expect(cmd!.kind === "module" && cmd.module.source.kind).toBe("text");
  });

  it("ignores annotations around commands", () => {
    const [cmd] = parseScript(
      '((@a) assert_return (@a) ((@a) invoke (@a) "f" (@a) ((@a) i32.const (@a) 1)) (i32.const (@b) 2))',
    );
    const [same] = parseScript('(assert_return (@a) (invoke "f" (i32.const 1)) (@b) (i32.const 2))');
    expect(same).toMatchObject({ kind: "assert_return", expected: [{ type: "i32", value: 2 }] });
    expect(cmd).toMatchObject({ kind: "assert_return", action: { name: "f", args: [{ type: "i32", value: 1 }] } });
    const [m] = parseScript("((@a) module (@a) $m (@a) (func))");
    expect(m!.kind === "module" && m.module.id).toBe("m");
  });

  it("rejects malformed scripts with positioned errors", () => {
    const cases: [string, string][] = [
      ["(assert_return)", "unexpected end of list"],
      ["(module) (bogus)", "unknown command bogus"],
      ['(invoke "f" (i32.const 0x100000000))', "constant out of range"],
      ['(invoke "f" (v128.const i32x4 1 2 3))', "unexpected end of list"],
      ["(module", "unclosed parenthesis"],
      ["x", "unexpected token"],
    ];
    for (const [text, reason] of cases) {
      let error: unknown;
      try {
        parseScript(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(WastSyntaxError);
      expect((error as WastSyntaxError).reason, text).toBe(reason);
    }
  });

  it("fails only with WastSyntaxError on corrupted suite scripts, also when encoding their modules", () => {
    const sample = /(block|br_table|call_indirect|elem|global|if|imports|memory|names)\.wast$/;
    const files = suiteFiles().filter((f) => sample.test(f));
    let seed = 99;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const noises = ["", "(", ")", "0", "$x", '"', "i32", "-1", "(@a)", " 0x", "nan", "i64.const", "\\"];
    let rejected = 0;
    for (let i = 0; i < 150; i++) {
      const text = readFileSync(join(suiteRoot, files[random(files.length)]!), "utf8");
      const cut = random(text.length);
      const mutated = text.slice(0, cut) + noises[random(noises.length)] + text.slice(cut + random(20));
      const attempt = (f: () => unknown): void => {
        try {
          f();
        } catch (e) {
          expect(e, mutated.slice(cut - 60, cut + 60)).toBeInstanceOf(WastSyntaxError);
          rejected++;
        }
      };
      attempt(() => {
        for (const cmd of parseScript(mutated)) {
          const module = "module" in cmd && typeof cmd.module === "object" ? (cmd.module as ScriptModule) : undefined;
          if (module !== undefined) attempt(() => module.binary());
        }
      });
    }
    expect(rejected).toBeGreaterThan(0);
  });
});
