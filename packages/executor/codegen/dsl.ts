// The language in which the interpreter's instructions are described (codegen/instructions/*.ts), and the
// ways of composing them into fused instructions. generate.ts turns the descriptions into the
// interpreter's `switch` cases and the opcode table; nothing here runs in the published package.
//
// An instruction is its operand layout (one 32-bit word each, after the opcode word) and a body of
// JavaScript in which `$name` stands for an operand:
//   `$x`      register x as i32 (`i32[...]`), or the word itself for an immediate or a branch target
//   `$x.f32`  register x as f32, `$x.f64` as f64
//   `$x.at`   the word index of register x in the stack (its two words are `at` and `at + 1`)
//   `$x.word` the operand word itself (a register's offset from the frame base)
//   `$l.at`   a target list's position: its count word (`$l`), then the targets
//   `$next`   the pc of the next instruction
// and any other identifier is the interpreter loop's own (i32, u8, view, memLen, inst, store, trap, ...).
// After the body, the generator adds the step to `$next`, unless the instruction branches (`branch`) or
// transfers control itself (`own`).

/** Layout letters: r register (word offset from the frame base), i immediate, t branch target,
 * L target list (a count c, then c + 1 targets). */
export type Kind = "r" | "i" | "t" | "L";

export interface Operand {
  readonly name: string;
  readonly kind: Kind;
}

/** What a fused instruction is made of (the translator finds its patterns from these: op.generated.ts). */
export type Fusion =
  /** `consumer` with one operand computed by `producer`; `producerFirst`: the producer's operands first. */
  | { readonly kind: "operand"; readonly consumer: string; readonly producer: string; readonly producerFirst: boolean }
  /** `parts` run one after the other. */
  | { readonly kind: "sequence"; readonly parts: readonly string[] };

export interface Instr {
  readonly name: string;
  /** One line saying what the instruction does (a comment in the generated code and on the enum). */
  readonly doc: string;
  readonly layout: readonly Operand[];
  /** Statements run first (may be empty). */
  readonly body: string;
  /** A conditional branch: when `cond` holds, jump to the target operand. */
  readonly branch?: { readonly cond: string; readonly target: string };
  /** The body ends in its own `continue`, `break branch` or `break` (calls and returns). */
  readonly own?: boolean;
  readonly fusion?: Fusion;
  /** Rarely hot: its body runs in interpret/out-of-line.ts, one case of the loop for all such (whose
   * bodies may use only store, inst, i32, fp2, code and pc of the loop's locals). */
  readonly outOfLine?: boolean;
}

/** Value types of register operands, and `imm` for an immediate word. */
export type ArgType = "i32" | "f32" | "f64" | "imm";

export interface Arg {
  readonly name: string;
  readonly type: ArgType;
}

/**
 * A value instruction: `dst = expr(args)`, the args read from registers of their type or from immediate
 * words, after optional statements `pre` (a memory access's bounds check). Value instructions compose:
 * one can compute an operand of another (fuseValue).
 */
export interface Value {
  readonly name: string;
  readonly doc: string;
  readonly result: "i32" | "f32" | "f64";
  readonly args: readonly Arg[];
  readonly pre?: string;
  readonly expr: string;
  readonly fusion?: Fusion;
}

/** Parses "a:i32 b:imm" into args. */
export function args(spec: string): Arg[] {
  return spec.trim() === "" ? [] : spec.trim().split(/\s+/).map((part) => {
    const [name, type] = part.split(":") as [string, ArgType];
    if (!["i32", "f32", "f64", "imm"].includes(type)) throw new Error(`bad arg type in "${part}"`);
    return { name, type };
  });
}

/** Parses "d:r a:r k:i" into a layout. */
export function layout(spec: string): Operand[] {
  return spec.trim() === "" ? [] : spec.trim().split(/\s+/).map((part) => {
    const [name, kind] = part.split(":") as [string, Kind];
    if (!["r", "i", "t", "L"].includes(kind)) throw new Error(`bad operand kind in "${part}"`);
    return { name, kind };
  });
}

const placeholder = (name: string): RegExp => new RegExp(`\\$${name}(?![A-Za-z0-9_])`, "g");

/** Renames the placeholders `$from` to `$to` in code. */
export function rename(code: string, from: string, to: string): string {
  return code.replace(placeholder(from), `$${to}`);
}

/** The operand `$a` of the value's arg a in its type: `$a` (i32, imm), `$a.f32`, `$a.f64`. */
function typedPlaceholders(code: string, argList: readonly Arg[]): string {
  let out = code;
  for (const a of argList) if (a.type === "f32" || a.type === "f64") out = out.replace(placeholder(a.name), `$${a.name}.${a.type}`);
  return out;
}

const RESULT_SUFFIX = { i32: "", f32: ".f32", f64: ".f64" } as const;

/** The interpreter loop's locals: no arg or local of a description may take these names. */
export const LOOP_LOCALS: ReadonlySet<string> = new Set([
  "i32", "f32", "f64", "code", "pc", "fp2", "u8", "view", "mem", "mod", "inst", "store", "state", "stack",
  "depth", "budget", "callee", "calleeInst", "argOffset", "tail", "frames", "cf", "memLen",
  "trap", "translate", "maxSlots", "maxDepth",
]);

/** The instruction that runs a value: `dst, args...`. An arg read more than once is read once into a
 * local of its name. */
export function valueInstr(v: Value): Instr {
  if (v.args.some((a) => a.name === "d")) throw new Error(`${v.name}: an arg may not be called d (the destination)`);
  let pre = v.pre ?? "";
  let expr = v.expr;
  const locals: string[] = [];
  for (const a of v.args) {
    if (LOOP_LOCALS.has(a.name)) throw new Error(`${v.name}: arg ${a.name} would hide the loop's own`);
    if (uses(`${pre}\n${expr}`, a.name) > 1) {
      pre = pre.replace(placeholder(a.name), a.name);
      expr = expr.replace(placeholder(a.name), a.name);
      locals.push(`const ${a.name} = $${a.name};`);
    }
  }
  const statements = [...locals, pre.trim()].filter((s) => s !== "").map((s) => `${typedPlaceholders(s, v.args)}\n`).join("");
  return {
    name: v.name,
    doc: v.doc,
    fusion: v.fusion,
    layout: [{ name: "d", kind: "r" }, ...v.args.map((a): Operand => ({ name: a.name, kind: a.type === "imm" ? "i" : "r" }))],
    body: `${statements}$d${RESULT_SUFFIX[v.result]} = ${typedPlaceholders(expr, v.args)};`,
  };
}

/** Shorthands for the descriptions. */
export const value = (name: string, doc: string, result: Value["result"], argSpec: string, expr: string, pre?: string): Value =>
  ({ name, doc, result, args: args(argSpec), expr, pre });
export const instr = (name: string, doc: string, layoutSpec: string, body: string, own?: boolean): Instr =>
  ({ name, doc, layout: layout(layoutSpec), body, own });

/** The instruction, run out of line (Instr.outOfLine). */
export const outOfLine = (i: Instr): Instr => ({ ...i, outOfLine: true });

/** Counts the uses of `$name` in code. */
function uses(code: string, name: string): number {
  return code.match(placeholder(name))?.length ?? 0;
}

/**
 * A value whose arg `slot` is computed by `producer` in the same instruction (the producer's result is
 * not kept in a register): `dst, remaining args of consumer, producer's args` (`consumerFirst`) or
 * `dst, producer's args, remaining args of consumer` (`producerFirst`). `names` renames the args in
 * that order; without it, producer args whose names clash with the consumer's get a `2`.
 */
export function fuseValue(
  name: string, doc: string, consumer: Value, slot: string, producer: Value, order: "consumerFirst" | "producerFirst",
  names?: string,
): Value {
  const fused = composeValue(name, doc, consumer, slot, producer, order);
  return names === undefined ? fused : renameArgs(fused, names.split(" "));
}

/** The value with its args renamed in order (the names its doc uses). */
function renameArgs(v: Value, names: readonly string[]): Value {
  if (names.length !== v.args.length) throw new Error(`${v.name}: ${names.length} names for ${v.args.length} args`);
  let pre = v.pre ?? "";
  let expr = v.expr;
  // through temporary names, so that a swap of two names does not merge them
  v.args.forEach((a, i) => { pre = rename(pre, a.name, `tmp${i}_`); expr = rename(expr, a.name, `tmp${i}_`); });
  names.forEach((n, i) => { pre = rename(pre, `tmp${i}_`, n); expr = rename(expr, `tmp${i}_`, n); });
  return { ...v, pre: v.pre === undefined ? undefined : pre, expr, args: v.args.map((a, i) => ({ name: names[i]!, type: a.type })) };
}

function composeValue(
  name: string, doc: string, consumer: Value, slot: string, producer: Value, order: "consumerFirst" | "producerFirst",
): Value {
  const arg = consumer.args.find((a) => a.name === slot);
  if (arg === undefined) throw new Error(`${name}: ${consumer.name} has no arg ${slot}`);
  if (arg.type !== producer.result) throw new Error(`${name}: ${producer.name} gives ${producer.result}, ${slot} is ${arg.type}`);
  const kept = consumer.args.filter((a) => a !== arg);
  let pre = producer.pre ?? "";
  let expr = producer.expr;
  const producerArgs = producer.args.map((a) => {
    if (!kept.some((k) => k.name === a.name) && a.name !== slot) return a;
    let fresh = `${a.name}2`;
    while (kept.some((k) => k.name === fresh) || producer.args.some((p) => p.name === fresh)) fresh += "2";
    pre = rename(pre, a.name, fresh);
    expr = rename(expr, a.name, fresh);
    return { name: fresh, type: a.type };
  });
  const consumerCode = `${consumer.pre ?? ""}\n${consumer.expr}`;
  let consumerPre = consumer.pre ?? "";
  let consumerExpr = consumer.expr;
  if (uses(consumerCode, slot) === 1) {
    consumerPre = consumerPre.replace(placeholder(slot), () => `(${expr})`);
    consumerExpr = consumerExpr.replace(placeholder(slot), () => `(${expr})`);
  } else {
    // the produced value is used more than once: computed once into a local
    pre = `${pre}\nconst ${slot} = ${expr};`;
    consumerPre = consumerPre.replace(placeholder(slot), slot);
    consumerExpr = consumerExpr.replace(placeholder(slot), slot);
  }
  const allPre = [pre, consumerPre].map((s) => s.trim()).filter((s) => s !== "").join("\n");
  return {
    name, doc, result: consumer.result,
    fusion: { kind: "operand", consumer: consumer.name, producer: producer.name, producerFirst: order === "producerFirst" },
    args: order === "consumerFirst" ? [...kept, ...producerArgs] : [...producerArgs, ...kept],
    pre: allPre === "" ? undefined : allPre,
    expr: consumerExpr,
  };
}

/** A conditional branch on a condition of its args: `args..., target`. */
export function branchInstr(name: string, doc: string, argList: readonly Arg[], cond: string): Instr {
  return {
    name, doc,
    layout: [...argList.map((a): Operand => ({ name: a.name, kind: a.type === "imm" ? "i" : "r" })), { name: "t", kind: "t" }],
    body: "",
    branch: { cond: typedPlaceholders(cond, argList), target: "t" },
  };
}

/**
 * Instructions run one after the other in one dispatch. The layout is the parts' layouts in order,
 * with `pad` words where a part's opcode word stays (in-place merges: code-passes.ts), minus the
 * operands that `shared` binds to an earlier part's ("1.a": "0.d": part 1's `a` is part 0's `d`).
 * `order` runs the parts in another order than their layout's (a store before the pointer step laid
 * out first). Only the last part may branch or transfer control.
 */
export function sequence(
  name: string, doc: string, parts: readonly Instr[],
  options: { shared?: Readonly<Record<string, string>>; order?: readonly number[]; pad?: boolean } = {},
): Instr {
  const shared = options.shared ?? {};
  const order = options.order ?? parts.map((_, i) => i);
  const combined: Operand[] = [];
  const bodies: string[] = [];
  const prefixed = (i: number, n: string): string => `p${i}_${n}`;
  const renamedParts = parts.map((part, i) => {
    if (i < parts.length - 1 && (part.branch !== undefined || part.own === true)) {
      throw new Error(`${name}: only the last part may branch`);
    }
    if (i > 0 && options.pad === true) combined.push({ name: `pad${i}`, kind: "i" });
    let body = part.body;
    let branch = part.branch;
    for (const operand of part.layout) {
      const target = shared[`${i}.${operand.name}`];
      const to = target === undefined ? prefixed(i, operand.name) : prefixed(Number(target.split(".")[0]), target.split(".")[1]!);
      if (target === undefined) combined.push({ name: to, kind: operand.kind });
      body = rename(body, operand.name, to);
      if (branch !== undefined) branch = { cond: rename(branch.cond, operand.name, to), target: rename(`$${branch.target}`, operand.name, to).slice(1) };
    }
    return { ...part, body, branch };
  });
  for (const i of order) {
    const part = renamedParts[i]!;
    const body = part.body.trim();
    if (body === "") continue;
    // parts declaring locals get a block of their own (two parts may use the same local names)
    bodies.push(/\bconst\b|\blet\b/.test(body) && i !== parts.length - 1 ? `{\n${body}\n}` : body);
  }
  const last = renamedParts[parts.length - 1]!;
  return {
    name, doc, layout: combined, body: bodies.join("\n"), branch: last.branch, own: last.own,
    fusion: { kind: "sequence", parts: parts.map((part) => part.name) },
  };
}
