// A tiny hand-assembler for test binaries: every helper returns plain byte arrays to concatenate.

export type Bytes = number[];

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;

/** Unsigned LEB128. */
export function u32(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Signed LEB128 (any size). */
export function sleb(value: number | bigint): Bytes {
  let n = BigInt(value);
  const out: Bytes = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

export function str(s: string): Bytes {
  const bytes = [...new TextEncoder().encode(s)];
  return [...u32(bytes.length), ...bytes];
}

export function vec(items: Bytes[]): Bytes {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, content: Bytes): Bytes {
  return [id, ...u32(content.length), ...content];
}

export const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function wasm(...sections: Bytes[]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

export const typeSec = (...types: [Bytes, Bytes][]) =>
  section(1, vec(types.map(([p, r]) => [0x60, ...vec(p.map((t) => [t])), ...vec(r.map((t) => [t]))])));
export const importSec = (...imports: Bytes[]) => section(2, vec(imports));
export const funcSec = (...typeIndices: number[]) => section(3, vec(typeIndices.map(u32)));
export const tableSec = (...tables: Bytes[]) => section(4, vec(tables));
export const memSec = (...mems: Bytes[]) => section(5, vec(mems));
export const globalSec = (...globals: Bytes[]) => section(6, vec(globals));
export const exportSec = (...exports: [string, number, number][]) =>
  section(7, vec(exports.map(([n, kind, index]) => [...str(n), kind, ...u32(index)])));
export const startSec = (index: number) => section(8, u32(index));
export const elemSec = (...segments: Bytes[]) => section(9, vec(segments));
export const dataCountSec = (n: number) => section(12, u32(n));
export const dataSec = (...segments: Bytes[]) => section(11, vec(segments));
export const customSec = (name: string, payload: Bytes) => section(0, [...str(name), ...payload]);

/** limits: min only, or min and max. */
export const limits = (min: number, max?: number): Bytes =>
  max === undefined ? [0x00, ...u32(min)] : [0x01, ...u32(min), ...u32(max)];

/** One function body: locals as [count, type] groups, then the instructions (the final `end` added). */
export function body(locals: [number, number][], code: Bytes): Bytes {
  const content = [...vec(locals.map(([n, t]) => [...u32(n), t])), ...code, 0x0b];
  return [...u32(content.length), ...content];
}
export const codeSec = (...bodies: Bytes[]) => section(10, vec(bodies));

/** A module of one function of type [params] -> [results] with the given code (and extra sections). */
export function funcModule(params: Bytes, results: Bytes, code: Bytes, locals: [number, number][] = []): Uint8Array {
  return wasm(typeSec([params, results]), funcSec(0), codeSec(body(locals, code)));
}

export const i32Const = (n: number): Bytes => [0x41, ...sleb(n)];
export const i64Const = (n: number | bigint): Bytes => [0x42, ...sleb(n)];
export const END = 0x0b;
