// Generates the interpreter's instruction handlers from their descriptions (codegen/instructions/):
//   src/interpret/op.generated.ts  the `Op` enum and each opcode's operand layout
//   src/interpret/loop.ts          the `switch` cases between the generated-region markers
//   src/interpret/out-of-line.ts   the same for the instructions run out of line (Instr.outOfLine)
// Run by the package's build; `--check` only verifies that the committed files are current (a test does).
//
// Cases use literal labels (`case 17:`), which makes the switch a jump table whatever the transpiler does
// with enums across files. Instructions whose generated bodies are the same share one case.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrapCode } from "@wasmi-ts/store";
import type { Instr } from "./dsl.js";
import { INSTRUCTIONS, TIER_INSTRUCTIONS } from "./instructions/index.js";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");
const OP_FILE = join(PACKAGE, "src/interpret/op.generated.ts");
const LOOP_FILE = join(PACKAGE, "src/interpret/loop.ts");
const OUT_OF_LINE_FILE = join(PACKAGE, "src/interpret/out-of-line.ts");
const BEGIN = "// <generated: instruction cases, by codegen/generate.ts from codegen/instructions/; do not edit>";
const END = "// </generated>";
const CASE_INDENT = "        ";
const OUT_OF_LINE_INDENT = "    ";
/** The loop's one case for all the instructions run out of line. */
const OUT_OF_LINE_CALL = "pc = outOfLine(store, state, inst, i32, fp2, code, pc);\ncontinue;";

/** The JavaScript of one description's code, placeholders resolved against its layout. */
function resolve(instr: Instr, code: string): string {
  const size = 1 + instr.layout.length;
  const positions = new Map(instr.layout.map((o, i) => [o.name, { word: i + 1, kind: o.kind }]));
  return code.replace(/\$([A-Za-z_][A-Za-z0-9_]*)(?:\.(f32|f64|at|word))?/g, (match, name: string, suffix?: string) => {
    if (name === "next") {
      if (instr.layout.some((o) => o.kind === "L")) throw new Error(`${instr.name}: $next with a target list`);
      return `(pc + ${size}) | 0`;
    }
    const o = positions.get(name);
    if (o === undefined) throw new Error(`${instr.name}: no operand ${name} (in ${match})`);
    const word = `code[(pc + ${o.word}) | 0]`;
    // a target list's position (its count word; the targets follow): lists are read in place
    if (o.kind === "L" && suffix === "at") return `((pc + ${o.word}) | 0)`;
    if (o.kind !== "r") {
      if (suffix !== undefined) throw new Error(`${instr.name}: ${match} of a non-register operand`);
      return word;
    }
    switch (suffix) {
      case "word": return word;
      case "f32": return `f32[(fp2 + ${word}) | 0]`;
      case "f64": return `f64[(fp2 + ${word}) >> 1]`;
      case "at": return `((fp2 + ${word}) | 0)`;
      default: return `i32[(fp2 + ${word}) | 0]`;
    }
  });
}

/** The statements of an instruction's case, up to its transfer of control. */
function caseBody(instr: Instr): string[] {
  if (instr.outOfLine === true) return [OUT_OF_LINE_CALL];
  const lines = instr.body.trim() === "" ? [] : [resolve(instr, instr.body)];
  if (instr.own === true) return lines;
  if (instr.layout.some((o) => o.kind === "L")) throw new Error(`${instr.name}: a target list needs an own body`);
  const next = `pc = (pc + ${1 + instr.layout.length}) | 0;`;
  if (instr.branch !== undefined) {
    lines.push(`if (${resolve(instr, instr.branch.cond)}) { pc = ${resolve(instr, `$${instr.branch.target}`)}; break branch; }`);
  }
  lines.push(next, "continue;");
  return lines;
}

/** Re-indents code by its braces (descriptions and compositions lose their own indentation). */
function indent(code: string, base: string): string[] {
  let depth = 0;
  const out: string[] = [];
  for (const raw of code.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const closes = /^[}\])]/.test(line) ? 1 : 0;
    out.push(`${base}${"  ".repeat(Math.max(0, depth - closes))}${line}`);
    for (const ch of line) {
      if (ch === "{" || ch === "(" || ch === "[") depth++;
      else if (ch === "}" || ch === ")" || ch === "]") depth--;
    }
  }
  return out;
}

/** `Op.Name` in a body becomes its number (as the case labels: no enum lookup at run time), and so does
 * `TrapCode.Name` (a number where the loop has a property load of an imported object: smaller bytecode). */
function opNumbers(code: string, instrs: readonly Instr[]): string {
  return code.replace(/\bOp\.([A-Za-z0-9]+)\b/g, (_, name: string) => {
    const op = instrs.findIndex((instr) => instr.name === name);
    if (op < 0) throw new Error(`no instruction ${name}`);
    return `${op} /* ${name} */`;
  }).replace(/\bTrapCode\.([A-Za-z0-9]+)\b/g, (_, name: string) => {
    const code = (TrapCode as Record<string, number>)[name];
    if (code === undefined) throw new Error(`no trap code ${name}`);
    return `${code} /* ${name} */`;
  });
}

/** The statements of an instruction's case in out-of-line.ts: its body, then the next pc returned. */
function outOfLineBody(instr: Instr): string[] {
  if (instr.own === true || instr.branch !== undefined || instr.layout.some((o) => o.kind === "L")) {
    throw new Error(`${instr.name}: only straight-line instructions run out of line`);
  }
  return [resolve(instr, instr.body), `return (pc + ${1 + instr.layout.length}) | 0;`];
}

function generateCases(instrs: readonly Instr[], bodyOf: (instr: Instr) => string[] = caseBody, indentBy = CASE_INDENT): string[] {
  // instructions with the same code share a case (the first one's place in the switch)
  const groups = new Map<string, number[]>();
  instrs.forEach((instr, op) => {
    if (bodyOf !== caseBody && instr.outOfLine !== true) return;
    const body = opNumbers(bodyOf(instr).join("\n"), instrs);
    const group = groups.get(body);
    if (group === undefined) groups.set(body, [op]);
    else group.push(op);
  });
  const out: string[] = [];
  for (const [body, ops] of groups) {
    ops.forEach((op, k) => {
      const instr = instrs[op]!;
      const label = `${indentBy}case ${op}:${k === ops.length - 1 ? " {" : ""} // ${instr.name}: ${instr.doc}`;
      out.push(label);
    });
    out.push(...indent(body, `${indentBy}  `), `${indentBy}}`);
  }
  return out;
}

function layoutLetters(instr: Instr): string {
  return instr.layout.map((o) => o.kind).join("");
}

function generateOpFile(instrs: readonly Instr[]): string {
  const lines = [
    "// Generated by codegen/generate.ts from codegen/instructions/: do not edit.",
    "",
    "/**",
    " * The opcodes of the register bytecode, numbered in order. What each one does: its description in",
    " * codegen/instructions/ and its case in interpret/loop.ts; its operands: OP_LAYOUTS.",
    " */",
    "export enum Op {",
    ...instrs.map((instr) => `  /** ${instr.doc} (${instr.layout.map((o) => `${o.name}:${o.kind}`).join(" ") || "no operands"}) */\n  ${instr.name},`),
    "}",
    "",
    "/** Each opcode's operand words, one letter each: r register (a word offset from the frame base),",
    " * i immediate, t branch target (a pc), L target list (a count c, then c + 1 targets). */",
    "export const OP_LAYOUTS: readonly string[] = [",
    ...chunk(instrs.map((instr) => JSON.stringify(layoutLetters(instr))), 12).map((row) => `  ${row.join(", ")},`),
    "];",
    "",
    "/**",
    " * The code of the simple instructions (registers and immediates, no branch), for the JavaScript tier",
    " * (translate/js/): `$k` stands for operand k (1-based, in layout order) as i32, `$k.f32` and `$k.f64` for",
    " * it as a float, `$k.at` for the word index of a 64-bit one; null for the others.",
    " */",
    "export const OP_TEMPLATES: readonly (string | null)[] = [",
    ...instrs.map((instr) => `  ${jsTemplate(instr)},`),
    "];",
    "",
    "/** The templates of instructions that only the JavaScript tier runs (codegen/instructions/: TIER_MEMORY). */",
    "export const TIER_TEMPLATES: Readonly<Record<string, string>> = {",
    ...TIER_INSTRUCTIONS.map((instr) => `  ${instr.name}: ${jsTemplate(instr)},`),
    "};",
    "",
    "/** Fused instructions made of a consumer and the producer of one of its operands:",
    " * [fused, consumer, producer, the producer's operands first]. */",
    "export const OPERAND_FUSIONS: readonly (readonly [Op, Op, Op, boolean])[] = [",
    ...instrs.flatMap((instr) => instr.fusion?.kind === "operand"
      ? [`  [Op.${instr.name}, Op.${known(instrs, instr.fusion.consumer)}, Op.${known(instrs, instr.fusion.producer)}, ${instr.fusion.producerFirst}],`]
      : []),
    "];",
    "",
    "/** Fused instructions that run instructions one after the other: [fused, parts]. */",
    "export const SEQUENCE_FUSIONS: readonly (readonly [Op, readonly Op[]])[] = [",
    ...instrs.flatMap((instr) => instr.fusion?.kind === "sequence"
      ? [`  [Op.${instr.name}, [${instr.fusion.parts.map((p) => `Op.${known(instrs, p)}`).join(", ")}]],`]
      : []),
    "];",
    "",
  ];
  return lines.join("\n");
}

/** An instruction's body with positional placeholders, if the JavaScript tier can use it (see OP_TEMPLATES). */
function jsTemplate(instr: Instr): string {
  const simple = instr.own !== true && instr.branch === undefined && instr.fusion === undefined
    && instr.layout.every((o) => o.kind === "r" || o.kind === "i")
    && !/\$[A-Za-z_][A-Za-z0-9_]*\.word\b/.test(instr.body) && !/\$next\b/.test(instr.body)
    && !/\bOp\./.test(instr.body);
  if (!simple) return "null";
  const positional = instr.body.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string) => {
    const k = instr.layout.findIndex((o) => o.name === name);
    if (k < 0) throw new Error(`${instr.name}: no operand ${name} (in ${match})`);
    return `$${k + 1}`;
  });
  return JSON.stringify(positional);
}

/** `name`, checked to be an instruction. */
function known(instrs: readonly Instr[], name: string): string {
  if (!instrs.some((instr) => instr.name === name)) throw new Error(`a fusion names ${name}, which is no instruction`);
  return name;
}

function chunk<T>(items: readonly T[], n: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += n) rows.push(items.slice(i, i + n));
  return rows;
}

/** `file`'s text `current` with the cases between its generated-region markers replaced. */
function generateRegion(file: string, current: string, cases: readonly string[], indentBy: string): string {
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${file}: generated-region markers not found`);
  const lineStart = current.lastIndexOf("\n", begin) + 1;
  return `${current.slice(0, lineStart)}${indentBy}${BEGIN}\n${cases.join("\n")}\n${indentBy}${current.slice(end)}`;
}

function checkNames(instrs: readonly Instr[]): void {
  const seen = new Set<string>();
  for (const instr of instrs) {
    if (seen.has(instr.name)) throw new Error(`instruction ${instr.name} described twice`);
    seen.add(instr.name);
  }
}

function main(): void {
  const check = process.argv.includes("--check");
  checkNames([...INSTRUCTIONS, ...TIER_INSTRUCTIONS]);
  const outputs: [string, string][] = [
    [OP_FILE, generateOpFile(INSTRUCTIONS)],
    [LOOP_FILE, generateRegion(LOOP_FILE, readFileSync(LOOP_FILE, "utf8"), generateCases(INSTRUCTIONS), CASE_INDENT)],
    [OUT_OF_LINE_FILE, generateRegion(OUT_OF_LINE_FILE, readFileSync(OUT_OF_LINE_FILE, "utf8"),
      generateCases(INSTRUCTIONS, outOfLineBody, OUT_OF_LINE_INDENT), OUT_OF_LINE_INDENT)],
  ];
  let stale = 0;
  for (const [file, text] of outputs) {
    let old = "";
    try {
      old = readFileSync(file, "utf8");
    } catch {
      // a missing file is stale
    }
    if (old === text) continue;
    stale++;
    if (check) console.error(`${file} is not what codegen/generate.ts gives: run \`pnpm --filter @wasmi-ts/executor generate\``);
    else writeFileSync(file, text);
  }
  if (check && stale > 0) process.exit(1);
}

main();
