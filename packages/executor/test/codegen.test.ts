// The interpreter's cases and opcode table are generated from the instructions' descriptions
// (codegen/): the committed output must be what the generator gives, and the description language's
// compositions must give the code of their parts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { args, branchInstr, fuseValue, instr, sequence, value, valueInstr } from "../codegen/dsl.js";
import { INSTRUCTIONS } from "../codegen/instructions/index.js";
import { OP_INFO, Op } from "../src/index.js";

test("the committed generated files are current", () => {
  const out = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "..", "codegen", "generate.ts"), "--check"],
    { cwd: join(__dirname, ".."), encoding: "utf8" });
  expect(out.stderr).toBe("");
  expect(out.status).toBe(0);
});

test("every opcode is described once, with the layout the translator uses", () => {
  expect(INSTRUCTIONS.map((i) => i.name)).toEqual(Object.keys(OP_INFO));
  for (const [op, instr] of INSTRUCTIONS.entries()) {
    expect(Op[instr.name as keyof typeof Op]).toBe(op);
    expect(OP_INFO[instr.name as keyof typeof Op].operands).toBe(instr.layout.map((o) => o.kind).join(""));
  }
});

describe("composition", () => {
  const add = value("Add", "a + b", "i32", "a:i32 b:i32", "($a + $b) | 0");
  const mulImm = value("MulImm", "a * k", "i32", "a:i32 k:imm", "Math.imul($a, $k)");
  const rotl = value("RotlImm", "rotl", "i32", "a:i32 b:imm", "($a << $b) | ($a >>> -$b)");

  test("a value reads its operands in place, or once into a local when it uses one twice", () => {
    expect(valueInstr(add).body).toBe("$d = ($a + $b) | 0;");
    expect(valueInstr(rotl).body).toBe("const a = $a;\nconst b = $b;\n$d = (a << b) | (a >>> -b);");
  });

  test("fuseValue puts the producer's expression in place of the operand, and orders the operands", () => {
    const fused = fuseValue("AddMulImm", "c + x * k", add, "b", mulImm, "consumerFirst", "c x k");
    expect(fused.args.map((a) => `${a.name}:${a.type}`)).toEqual(["c:i32", "x:i32", "k:imm"]);
    expect(fused.expr).toBe("($c + (Math.imul($x, $k))) | 0");
    const first = fuseValue("MulImmAdd", "x * k + c", add, "a", mulImm, "producerFirst");
    expect(first.args.map((a) => a.name)).toEqual(["a2", "k", "b"]);
  });

  test("a produced value used twice is computed once", () => {
    const fused = fuseValue("RotlOfAdd", "rotl(a + b, k)", rotl, "a", add, "producerFirst", "x y k");
    expect(fused.pre).toBe("const a = ($x + $y) | 0;");
    expect(fused.expr).toBe("(a << $k) | (a >>> -$k)");
  });

  test("a fused operand of the wrong type is refused", () => {
    const f64 = value("F", "f", "f64", "a:f64", "$a");
    expect(() => fuseValue("Bad", "", add, "b", f64, "consumerFirst")).toThrow(/gives f64/);
  });

  test("sequence concatenates layouts, binds shared operands, and keeps the last part's branch", () => {
    const step = valueInstr(value("AddImm", "s + imm", "i32", "s:i32 imm:imm", "($s + $imm) | 0"));
    const brNe = branchInstr("BrIfNe", "a !== b", args("a:i32 b:imm"), "$a !== $b");
    const fused = sequence("StepBrIfNe", "", [step, brNe], { shared: { "1.a": "0.d" } });
    expect(fused.layout.map((o) => `${o.name}:${o.kind}`)).toEqual(["p0_d:r", "p0_s:r", "p0_imm:i", "p1_b:i", "p1_t:t"]);
    expect(fused.body).toBe("$p0_d = ($p0_s + $p0_imm) | 0;");
    expect(fused.branch).toEqual({ cond: "$p0_d !== $p1_b", target: "p1_t" });
  });

  test("only the last part of a sequence may transfer control", () => {
    const br = instr("Br", "jump", "t:t", "pc = $t; break branch;", true);
    expect(() => sequence("Bad", "", [br, br])).toThrow(/only the last part/);
  });

  test("sequence runs the parts in the given order, padded where merged in place", () => {
    const a = instr("A", "", "x:r", "$x = 1;");
    const b = instr("B", "", "y:r", "$y = 2;");
    const fused = sequence("BA", "", [a, b], { order: [1, 0], pad: true });
    expect(fused.layout.map((o) => o.name)).toEqual(["p0_x", "pad1", "p1_y"]);
    expect(fused.body).toBe("$p1_y = 2;\n$p0_x = 1;");
  });
});
