import {
  PAGE_SIZE, TypeRegistry, ValType, isDefaultable, valTypeMatches, type Limits, type MemoryType,
} from "@wasmi-ts/store";
import type { WasmFeatures } from "../decode/features.js";
import { ValidationError } from "../errors.js";
import type { ModuleIR } from "../module/ir.js";
import { Op } from "../module/opcodes.js";
import { validateConstExpr } from "./const-expr.js";
import { FuncValidator } from "./func-validator.js";
import { funcTypeAt, memoryAddressType, tableAddressType } from "./module-types.js";
import { canonicaliseTypes } from "./type-section.js";

const MAX_PAGES_32 = 65536;
const MAX_PAGES_64 = 2 ** 48;
const MAX_TABLE_SIZE = 0xffff_ffff;

function fail(reason: string): never {
  throw new ValidationError(reason, -1);
}

function checkLimits(limits: Limits, range: number, message: string): void {
  if (limits.min > range) fail(message);
  if (limits.max !== null) {
    if (limits.max > range) fail(message);
    if (limits.min > limits.max) fail("size minimum must not be greater than maximum");
  }
}

/**
 * A memory's page size is 64 KiB or (custom-page-sizes) 1 byte, and its limits fit the address space:
 * 2^32 or 2^64 bytes, and with 1-byte pages one page less (memory.grow's -1 must not be a size).
 */
function checkMemoryType(m: MemoryType): void {
  // threads: a shared memory cannot grow past a declared size (other threads share its buffer)
  if (m.shared === true && m.limits.max === null) fail("shared memory must have maximum");
  if (m.pageSize !== undefined && m.pageSize !== 1 && m.pageSize !== PAGE_SIZE) fail("invalid custom page size");
  if (m.pageSize === 1) {
    if (m.is64) checkLimits(m.limits, 2 ** 64 - 1, "memory size must be at most 2^64-1 bytes");
    else checkLimits(m.limits, 2 ** 32 - 1, "memory size must be at most 2^32-1 bytes");
  } else if (m.is64) {
    checkLimits(m.limits, MAX_PAGES_64, "memory size must be at most 2^48 pages (256TiB)");
  } else {
    checkLimits(m.limits, MAX_PAGES_32, "memory size must be at most 65536 pages (4GiB)");
  }
}

/**
 * Functions that `ref.func` may name inside function bodies: those referenced anywhere outside them
 * (globals, element segments, exports), as the spec's C.refs.
 */
function declaredFuncRefs(ir: ModuleIR): Set<number> {
  const refs = new Set<number>();
  const scan = (expr: readonly { op: number; a: number }[] | null) => {
    // (indexed: an iterator per expression is slow in V8's first tiers, and a module may have thousands)
    if (expr) for (let i = 0; i < expr.length; i++) if (expr[i]!.op === Op.RefFunc) refs.add(expr[i]!.a);
  };
  for (const g of ir.globals) scan(g.init);
  for (const t of ir.tableInits) scan(t);
  for (const e of ir.elems) {
    scan(e.offset);
    for (const x of e.init) scan(x);
    if (e.funcs !== undefined) for (const f of e.funcs) refs.add(f);
  }
  for (const d of ir.datas) scan(d.offset);
  for (const x of ir.exports) if (x.kind === "func") refs.add(x.index);
  return refs;
}

/**
 * Validates a decoded module; throws ValidationError with the spec's wording. Function bodies are
 * type-checked too unless `deferBodies` (lazy validation): the returned FuncValidator, set up once with
 * the module's declared function references, then validates them one at a time.
 */
export function validateIR(
  ir: ModuleIR,
  features: Readonly<WasmFeatures>,
  deferBodies = false,
  registry: TypeRegistry = new TypeRegistry(),
): FuncValidator {
  if (ir.typeIds === null) canonicaliseTypes(ir, registry);
  const typed = features.typedReferences ? registry : null;
  const matches = (a: ValType, b: ValType) => a === b || (typed !== null && valTypeMatches(typed, a, b));
  // Imports and function declarations refer to function types.
  for (const imp of ir.imports) {
    if (imp.desc.kind === "func" && funcTypeAt(ir, imp.desc.typeIndex) === undefined) {
      fail(`unknown type ${imp.desc.typeIndex}`);
    }
  }
  for (let i = ir.numImportedFuncs; i < ir.funcs.length; i++) {
    if (funcTypeAt(ir, ir.funcs[i]!) === undefined) fail(`unknown type ${ir.funcs[i]}`);
  }
  // a tag's type is a function type without results (imported tags are in `tags` too)
  for (const typeIndex of ir.tags) {
    const t = funcTypeAt(ir, typeIndex);
    if (t === undefined) fail(`unknown type ${typeIndex}`);
    if (t.results.length !== 0) fail("non-empty tag result type");
  }

  ir.globals.forEach((g, k) => validateConstExpr(ir, features, g.init, g.type.type, ir.numImportedGlobals + k, typed));

  ir.tables.forEach((t, k) => {
    // a table64's limits are any u64 (they decode as doubles, exact up to 2^53)
    if (t.is64) checkLimits(t.limits, Infinity, "");
    else checkLimits(t.limits, MAX_TABLE_SIZE, "table size must be at most 2^32-1");
    const init = k >= ir.numImportedTables ? ir.tableInits[k - ir.numImportedTables] : null;
    // a table of non-nullable references needs an initialiser
    if (init) validateConstExpr(ir, features, init, t.element, ir.numImportedGlobals, typed);
    else if (!isDefaultable(t.element) && k >= ir.numImportedTables) fail("type mismatch");
  });
  for (const m of ir.memories) checkMemoryType(m);

  for (const e of ir.elems) {
    if (e.mode === "active") {
      const table = ir.tables[e.table];
      if (table === undefined) fail(`unknown table ${e.table}`);
      validateConstExpr(ir, features, e.offset!, tableAddressType(ir, e.table));
      if (!matches(e.type, table.element)) fail("type mismatch");
    }
    for (const x of e.init) validateConstExpr(ir, features, x, e.type, ir.globalTypes.length, typed);
    // ref.func of a defined function matches the segment's type: funcref, or (ref func) with typed references
    if (e.funcs !== undefined) for (const f of e.funcs) if (f >= ir.funcs.length) fail(`unknown function ${f}`);
  }

  // (an offset `i32.const n` into a 32-bit memory checked inline: a module may have thousands of segments)
  const memory0Is32 = ir.memories.length > 0 && memoryAddressType(ir, 0) === ValType.I32;
  for (const d of ir.datas) {
    if (d.mode === "active") {
      const offset = d.offset!;
      if (d.memory === 0 && memory0Is32 && offset.length === 1 && offset[0]!.op === Op.I32Const) continue;
      if (d.memory >= ir.memories.length) fail(`unknown memory ${d.memory}`);
      validateConstExpr(ir, features, offset, memoryAddressType(ir, d.memory));
    }
  }

  const funcs = new FuncValidator(ir, features, declaredFuncRefs(ir), registry);
  if (!deferBodies) funcs.validateFuncs();

  if (ir.start !== null) {
    const typeIndex = ir.funcs[ir.start];
    if (typeIndex === undefined) fail(`unknown function ${ir.start}`);
    const t = funcTypeAt(ir, typeIndex)!;
    if (t.params.length !== 0 || t.results.length !== 0) fail("start function");
  }

  const names = new Set<string>();
  for (const x of ir.exports) {
    const count =
      x.kind === "func" ? ir.funcs.length
      : x.kind === "table" ? ir.tables.length
      : x.kind === "memory" ? ir.memories.length
      : x.kind === "tag" ? ir.tags.length
      : ir.globalTypes.length;
    if (x.index >= count) fail(`unknown ${x.kind === "func" ? "function" : x.kind} ${x.index}`);
    if (names.has(x.name)) fail("duplicate export name");
    names.add(x.name);
  }

  if (!features.multiMemory && ir.memories.length > 1) fail("multiple memories");
  if (!features.referenceTypes && ir.tables.length > 1) fail("multiple tables");
  return funcs;
}
