// A small assembler of WebAssembly binaries for tests: sections are written from structured input,
// function bodies are given as instruction bytes (see `op` and `leb`/`sleb`).

export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b, FUNCREF = 0x70, EXTERNREF = 0x6f;

/** Opcodes used by the tests. */
export const op = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, return: 0x0f,
  call: 0x10, call_indirect: 0x11, drop: 0x1a, local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  global_get: 0x23, global_set: 0x24, table_get: 0x25, table_set: 0x26,
  i32_load: 0x28, i64_load: 0x29, i32_load8_u: 0x2d, i32_store: 0x36, i32_store8: 0x3a,
  memory_size: 0x3f, memory_grow: 0x40,
  i32_const: 0x41, i64_const: 0x42, f32_const: 0x43, f64_const: 0x44,
  i32_eqz: 0x45, i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i64_add: 0x7c, i64_mul: 0x7e,
  f32_add: 0x92, f64_add: 0xa0, ref_null: 0xd0, ref_is_null: 0xd1, ref_func: 0xd2,
} as const;

export function leb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

export function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...leb(bytes.length), ...bytes];
}

function vec(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()];
}

function limits(min: number, max?: number): number[] {
  return max === undefined ? [0x00, ...leb(min)] : [0x01, ...leb(min), ...leb(max)];
}

export const i32c = (n: number): number[] => [op.i32_const, ...sleb(n)];
export const i64c = (n: bigint): number[] => [op.i64_const, ...sleb(n)];
export const f32c = (x: number): number[] => {
  const b = new Uint8Array(new Float32Array([x]).buffer);
  return [op.f32_const, ...b];
};
export const f64c = (x: number): number[] => {
  const b = new Uint8Array(new Float64Array([x]).buffer);
  return [op.f64_const, ...b];
};

type ExportKind = "func" | "table" | "memory" | "global";
const exportCode: Record<ExportKind, number> = { func: 0, table: 1, memory: 2, global: 3 };

export class ModuleBuilder {
  private types: number[][] = [];
  private imports: number[][] = [];
  private funcs: number[] = [];
  private codes: number[][] = [];
  private tables: number[][] = [];
  private memories: number[][] = [];
  private globals: number[][] = [];
  private exports: number[][] = [];
  private startFunc: number | null = null;
  private elems: number[][] = [];
  private datas: number[][] = [];
  private importedFuncs = 0;
  private importedGlobals = 0;

  type(params: number[], results: number[]): number {
    this.types.push([0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))]);
    return this.types.length - 1;
  }

  importFunc(module: string, name: string, type: number): number {
    this.imports.push([...str(module), ...str(name), 0x00, ...leb(type)]);
    return this.importedFuncs++;
  }

  importTable(module: string, name: string, element: number, min: number, max?: number): this {
    this.imports.push([...str(module), ...str(name), 0x01, element, ...limits(min, max)]);
    return this;
  }

  importMemory(module: string, name: string, min: number, max?: number): this {
    this.imports.push([...str(module), ...str(name), 0x02, ...limits(min, max)]);
    return this;
  }

  importGlobal(module: string, name: string, type: number, mutable: boolean): number {
    this.imports.push([...str(module), ...str(name), 0x03, type, mutable ? 1 : 0]);
    return this.importedGlobals++;
  }

  /** A function of type index `type`; `body` is its instructions without the final `end`. */
  func(type: number, body: number[], locals: number[] = []): number {
    this.funcs.push(type);
    this.codes.push([...vec(locals.map((l) => [1, l])), ...body, op.end]);
    return this.importedFuncs + this.funcs.length - 1;
  }

  table(element: number, min: number, max?: number): this {
    this.tables.push([element, ...limits(min, max)]);
    return this;
  }

  memory(min: number, max?: number): this {
    this.memories.push(limits(min, max));
    return this;
  }

  /** A global with initialiser `init` (without `end`). */
  global(type: number, mutable: boolean, init: number[]): number {
    this.globals.push([type, mutable ? 1 : 0, ...init, op.end]);
    return this.importedGlobals + this.globals.length - 1;
  }

  export(name: string, kind: ExportKind, index: number): this {
    this.exports.push([...str(name), exportCode[kind], ...leb(index)]);
    return this;
  }

  start(func: number): this {
    this.startFunc = func;
    return this;
  }

  /** An active funcref segment for table 0 at constant offset `offset`. */
  elem(offset: number, funcs: number[]): this {
    this.elems.push([0x00, ...i32c(offset), op.end, ...vec(funcs.map((f) => leb(f)))]);
    return this;
  }

  /** An active data segment for memory 0 at constant offset `offset`. */
  data(offset: number, bytes: number[] | Uint8Array): this {
    this.datas.push([0x00, ...i32c(offset), op.end, ...leb(bytes.length), ...bytes]);
    return this;
  }

  build(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, items: number[][] | null, raw?: number[]) => {
      if (items !== null && items.length === 0) return;
      const content = raw ?? vec(items!);
      out.push(id, ...leb(content.length), ...content);
    };
    section(1, this.types);
    section(2, this.imports);
    section(3, this.funcs.map((t) => leb(t)));
    section(4, this.tables);
    section(5, this.memories);
    section(6, this.globals);
    section(7, this.exports);
    if (this.startFunc !== null) section(8, null, leb(this.startFunc));
    section(9, this.elems);
    section(10, this.codes.map((c) => [...leb(c.length), ...c]));
    section(11, this.datas);
    return new Uint8Array(out);
  }
}
