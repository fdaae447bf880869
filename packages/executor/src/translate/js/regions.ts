// Regions, for the JavaScript tier (compile-leaf.ts): a function too large for one JavaScript function
// (V8 optimizes none of more than 60 KiB of bytecode) and with no place in its outermost block to cut it
// into chunks, such as an interpreter's dispatch loop (sqlite's VDBE, QuickJS's JS_CallInternal: the
// whole body is one loop around a br_table), still runs compiled: its code is cut into regions, each a
// JavaScript function of its own, at places between instructions, at any depth of blocks. A driver calls
// the first; each returns the number of the region where the code goes on (or -1 where the Wasm function
// returns); the locals go through the function's frame words between them, the operand stack's values
// (at a block's end: its results) through an array.
//
// A region starting inside blocks opens them again (a block as a labelled block, a loop as a labelled
// loop, an `if` as `if (true)` or, in its else arm, `if (false) {} else`), so that the code's own
// branches stay as they are. What would leave the region becomes an exit: a `continue` of a loop whose
// head is before the region (it goes on at the head's region), the region's end (the next region), a
// branch out of a block still open at the region's end (the region of the code after that block), and
// where an `if` still open at the region's end goes on when its condition is false or its then arm ends
// (its else arm, or the code after it).
// Every place an exit goes to starts a region: they are added until none is missing.

/** A block open at a place of the code (the function's own blocks; inlined calls are never cut). */
export interface OpenBlock {
  readonly label: string;
  readonly kind: "block" | "loop" | "if";
  /** An `if` in its else arm. */
  readonly elseArm: boolean;
}

/** The compiled code (one statement per line) and where it may be cut. */
export interface RegionLayout {
  readonly lines: readonly string[];
  /** The places where a region may start (line index -> the blocks open there, outermost first). */
  readonly places: ReadonlyMap<number, readonly OpenBlock[]>;
  /** Per block label, the line index after its end. */
  readonly ends: ReadonlyMap<string, number>;
  /** Per loop label, the line index of its first instruction (after its poll). */
  readonly heads: ReadonlyMap<string, number>;
  /** Per `if` label with an else arm, the line index of the arm's first instruction. */
  readonly elses: ReadonlyMap<string, number>;
  /** The code that hands the operand stack's values over to the region starting at `at` (a block's
   * results, what is below it), which reads them at its start; "" where the stack is empty. */
  carry(at: number): string;
}

/** The label an exit breaks out of (after setting `next`, the next region's number). */
const EXIT = "exit";
const BRANCH = /\b(break|continue) (L\d+);/g;

/**
 * Each region's place and code (region 0 first: the function's start), to run in a function that
 * declares `next` and returns it after its code (see the leaf form's driver), of about `maxChars`
 * characters, or null when an exit goes where no region can start (see the compiler's places).
 */
export function regionBodies(layout: RegionLayout, maxChars: number): { from: number; code: string[] }[] | null {
  const { lines, places, ends, heads } = layout;
  const chars = [0];
  for (const line of lines) chars.push(chars[chars.length - 1]! + line.length);
  const size = (from: number, to: number): number => chars[to]! - chars[from]!;
  const positions = [...places.keys()].sort((a, b) => a - b);
  const indexOf = new Map(positions.map((at, k) => [at, k]));
  // the branches of each line (most have none), read once
  const branches = lines.map((line) => (line.includes("break L") || line.includes("continue L")
    ? Array.from(line.matchAll(BRANCH), ([, how, label]) => [how!, label!] as const) : undefined));
  const exitsOf = (from: number, to: number): Exits => exits(layout, branches, from, to);
  // starts: at most maxChars per region where places allow it (the code between two places may be
  // longer: the compiler bounds it), each at the least deep place of the region's second half (fewer
  // blocks open where it starts, fewer exits)
  const starts = new Set<number>([0]);
  let start = 0;
  let latest = -1;
  let best = -1;
  for (let k = 0; k <= positions.length; k++) {
    const at = k < positions.length ? positions[k]! : lines.length;
    const cut = best > start ? best : latest;
    if (size(start, at) > maxChars && cut > start) {
      starts.add(cut);
      start = cut;
      k = indexOf.get(cut)!; // (the loop goes on after it)
      continue;
    }
    if (at === lines.length || at <= start) continue;
    latest = at;
    if (size(start, at) >= maxChars / 2 && (best <= start || places.get(at)!.length <= places.get(best)!.length)) best = at;
  }
  // and where the exits go (each region's exits found once)
  const found = new Set<string>();
  for (;;) {
    const sorted = [...starts].sort((a, b) => a - b);
    let added = false;
    sorted.forEach((from, k) => {
      const to = sorted[k + 1] ?? lines.length;
      if (found.has(`${from} ${to}`)) return;
      found.add(`${from} ${to}`);
      for (const target of exitsOf(from, to).targets) {
        if (!starts.has(target)) {
          starts.add(target);
          added = true;
        }
      }
    });
    if (!added) break;
  }
  const sorted = [...starts].sort((a, b) => a - b);
  const missing = sorted.find((at) => at !== 0 && !places.has(at));
  if (missing !== undefined) return null;
  const id = new Map(sorted.map((at, k) => [at, k]));
  return sorted.map((from, k) => {
    const to = sorted[k + 1] ?? lines.length;
    const { broken, continued, arms, branchedTo } = exitsOf(from, to);
    const go = (at: number): string => `{ ${layout.carry(at)}next = ${at === lines.length ? -1 : id.get(at)!}; break ${EXIT}; }`;
    // blocks open from the region's start to its end (an `if` in the same arm) that no branch in it
    // names need not be opened again: only their code runs here (an interpreter's dispatch nests hundreds)
    const atEnd = new Map((places.get(to) ?? []).map((b) => [b.label, b]));
    const through = (b: OpenBlock): boolean => atEnd.get(b.label)?.elseArm === b.elseArm && !branchedTo.has(b.label);
    const code = [`${EXIT}: {`];
    for (const b of places.get(from) ?? []) {
      if (through(b)) continue;
      code.push(b.kind === "block" ? `${b.label}: {` : b.kind === "loop" ? `${b.label}: for (;;) {`
        : b.elseArm ? `${b.label}: if (false) {} else {` : `${b.label}: if (true) {`);
    }
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      code.push(continued.size === 0 ? line : line.replace(BRANCH, (text, how: string, label: string) =>
        how === "continue" && continued.has(label) ? go(heads.get(label)!) : text));
    }
    code.push(go(to));
    const atStart = new Map((places.get(from) ?? []).map((b) => [b.label, b]));
    for (const b of [...(places.get(to) ?? [])].reverse()) {
      const start = atStart.get(b.label);
      if (start !== undefined && through(start)) continue;
      const arm = arms.get(b.label);
      // (the then arm's condition was false: the else arm; the else arm's: the then arm ended)
      code.push(...(arm === undefined ? ["}"] : b.elseArm ? ["}", go(arm)] : ["} else {", go(arm), "}"]));
      if (broken.has(b.label)) code.push(go(ends.get(b.label)!));
    }
    code.push("}");
    return { from, code };
  });
}

interface Exits {
  broken: Set<string>;
  continued: Set<string>;
  arms: Map<string, number>;
  targets: number[];
  branchedTo: Set<string>;
}

/** The exits of region [from, to): the labels of blocks open at its end that its code breaks out of, the
 * loops open at its start that its code continues, where an `if` open at its end goes on when its
 * condition, evaluated in the region, is false, or when its then arm, ending in the region, ends (by
 * label), the places they all go to, and the labels its branches name. */
function exits(
  layout: RegionLayout, branches: readonly (readonly (readonly [string, string])[] | undefined)[], from: number, to: number,
): Exits {
  const { lines, places, ends, heads, elses } = layout;
  const openAtStart = new Map((places.get(from) ?? []).map((b) => [b.label, b]));
  const openAtEnd = new Set((places.get(to) ?? []).map((b) => b.label));
  const arms = new Map<string, number>();
  for (const b of places.get(to) ?? []) {
    if (b.kind !== "if") continue;
    const atStart = openAtStart.get(b.label);
    // its condition is in the region: the else arm, or the code after it; its then arm ends in the
    // region: the code after it
    if (!b.elseArm && atStart === undefined) arms.set(b.label, elses.get(b.label) ?? ends.get(b.label)!);
    if (b.elseArm && atStart?.elseArm !== true) arms.set(b.label, ends.get(b.label)!);
  }
  const broken = new Set<string>();
  const continued = new Set<string>();
  const branchedTo = new Set<string>();
  for (let i = from; i < to; i++) {
    for (const [how, label] of branches[i] ?? []) {
      branchedTo.add(label);
      if (how === "break" && openAtEnd.has(label)) broken.add(label);
      if (how === "continue" && openAtStart.get(label)?.kind === "loop") continued.add(label);
    }
  }
  const targets = [
    ...[...broken].map((label) => ends.get(label)!), ...[...continued].map((label) => heads.get(label)!), ...arms.values(),
  ];
  if (to < lines.length) targets.push(to);
  return { broken, continued, arms, targets, branchedTo };
}
