// Adds a parameterless entry point to a module binary. wabt 1.0.32's wasm-interp can only run exports
// through --run-all-exports, which passes no arguments; so the bench gives it a copy of the module whose
// only export, "bench", pushes the arguments as constants and calls the workload's export.
import type { Value } from "./runner.js";

const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;
const VALTYPE = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c } as const;

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
    }
  }
  skip(n: number): void {
    this.pos += n;
  }
  name(): string {
    const n = this.u32();
    this.skip(n);
    return new TextDecoder().decode(this.bytes.subarray(this.pos - n, this.pos));
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

function sleb(value: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (b & 0x40) === 0) || (value === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

function constInstr(type: number, value: Value): number[] {
  switch (type) {
    case VALTYPE.i32:
      return [0x41, ...sleb(BigInt(Number(value) | 0))];
    case VALTYPE.i64:
      return [0x42, ...sleb(BigInt.asIntN(64, BigInt(value)))];
    case VALTYPE.f32:
      return [0x43, ...new Uint8Array(new Float32Array([Number(value)]).buffer)];
    case VALTYPE.f64:
      return [0x44, ...new Uint8Array(new Float64Array([Number(value)]).buffer)];
    default:
      throw new Error(`cannot pass a value of type 0x${type.toString(16)} to wasm-interp`);
  }
}

interface Section {
  id: number;
  body: Uint8Array;
}

function sections(bytes: Uint8Array): Section[] {
  const r = new Reader(bytes);
  r.skip(8); // magic, version
  const out: Section[] = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    out.push({ id, body: bytes.subarray(r.pos, r.pos + size) });
    r.skip(size);
  }
  return out;
}

/** `[count + 1, ...old entries, ...entry]`: a vector section with one entry appended. */
function appendEntry(body: Uint8Array | undefined, entry: number[]): number[] {
  if (!body) return [...uleb(1), ...entry];
  const r = new Reader(body);
  const count = r.u32();
  return [...uleb(count + 1), ...body.subarray(r.pos), ...entry];
}

/**
 * A copy of `bytes` whose only export is a function "bench" without parameters that calls export
 * `exportName` with `args` and returns its results; with `exportName` null, "bench" does nothing
 * (the same module with an empty entry, to time wasm-interp's start-up).
 */
export function withEntry(bytes: Uint8Array, exportName: string | null, args: readonly Value[] = []): Uint8Array {
  const list = sections(bytes);
  const body = (id: number) => list.find((s) => s.id === id)?.body;

  const types: { params: number[]; results: number[] }[] = [];
  const typeSection = body(SECTION.type);
  if (typeSection) {
    const r = new Reader(typeSection);
    for (let n = r.u32(); n > 0; n--) {
      if (r.byte() !== 0x60) throw new Error("unsupported type form");
      const params = Array.from({ length: r.u32() }, () => r.byte());
      const results = Array.from({ length: r.u32() }, () => r.byte());
      types.push({ params, results });
    }
  }
  const funcTypes: number[] = []; // type index of every function, imported ones first
  const importSection = body(SECTION.import);
  if (importSection) {
    const r = new Reader(importSection);
    for (let n = r.u32(); n > 0; n--) {
      r.name();
      r.name();
      const kind = r.byte();
      if (kind === 0) funcTypes.push(r.u32());
      else if (kind === 1) (r.byte(), r.limits());
      else if (kind === 2) r.limits();
      else if (kind === 3) r.skip(2);
      else throw new Error(`unsupported import kind ${kind}`);
    }
  }
  const functionSection = body(SECTION.function);
  if (functionSection) {
    const r = new Reader(functionSection);
    for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32());
  }

  let code: number[] = [];
  let results: number[] = [];
  if (exportName !== null) {
    let funcIndex = -1;
    const r = new Reader(body(SECTION.export) ?? new Uint8Array([0]));
    for (let n = r.u32(); n > 0; n--) {
      const name = r.name();
      const kind = r.byte();
      const index = r.u32();
      if (name === exportName && kind === 0) funcIndex = index;
    }
    if (funcIndex < 0) throw new Error(`no exported function "${exportName}"`);
    const type = types[funcTypes[funcIndex]!]!;
    if (type.params.length !== args.length) throw new Error(`"${exportName}" takes ${type.params.length} arguments`);
    code = [...type.params.flatMap((t, i) => constInstr(t, args[i]!)), 0x10, ...uleb(funcIndex)];
    results = type.results;
  }
  const entryIndex = funcTypes.length;
  const entryBody = [0x00 /* no locals */, ...code, 0x0b /* end */];
  const replaced: Record<number, number[]> = {
    [SECTION.type]: appendEntry(typeSection, [0x60, 0, ...uleb(results.length), ...results]),
    [SECTION.function]: appendEntry(functionSection, uleb(types.length)),
    [SECTION.export]: [1, ...uleb(5), ...new TextEncoder().encode("bench"), 0x00, ...uleb(entryIndex)],
    [SECTION.code]: appendEntry(body(SECTION.code), [...uleb(entryBody.length), ...entryBody]),
  };

  // Re-emit the sections in order, inserting any of the four that the module lacks at its place.
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const emit = (id: number, content: Uint8Array | number[]) =>
    parts.push(new Uint8Array([id, ...uleb(content.length)]), Uint8Array.from(content));
  const order = [1, 2, 3, 4, 5, 6, 13, 7, 8, 9, 12, 10, 11]; // spec section order (13 = tag)
  const pending = new Set(Object.keys(replaced).map(Number));
  const flush = (before: number) => {
    for (const id of order) {
      if (id === before) break;
      if (pending.delete(id)) emit(id, replaced[id]!);
    }
  };
  for (const s of list) {
    if (s.id !== 0) {
      flush(s.id);
      pending.delete(s.id);
    }
    emit(s.id, replaced[s.id] ?? s.body);
  }
  flush(-1);
  return new Uint8Array(Buffer.concat(parts));
}
