import {
  ExternKind,
  externKindName,
  pageSizeOf,
  PAGE_SIZE,
  valTypeMatches,
  valTypeName,
  type ExternEntity,
  type FuncType,
  type TypeRegistry,
  type GlobalType,
  type Limits,
  type MemoryType,
  type TableType,
} from "@wasmi-ts/store";
import { LinkError } from "../errors.js";
import type { CompiledModule } from "../module/compiled.js";
import type { Import } from "../module/ir.js";

// Import matching (spec "Import Subtyping" / "External Typing"): an import matches when the provided
// entity's type is a subtype of the declared one. Messages start with the spec's wording.

const kindOfDesc = {
  func: ExternKind.Func, table: ExternKind.Table, memory: ExternKind.Memory, global: ExternKind.Global, tag: ExternKind.Tag,
};

/** Actual limits match required ones: at least the minimum, and a maximum no larger than required. */
export function limitsMatch(actual: Limits, required: Limits): boolean {
  if (actual.min < required.min) return false;
  if (required.max === null) return true;
  return actual.max !== null && actual.max <= required.max;
}

function limitsText(l: Limits): string {
  return l.max === null ? `${l.min}` : `${l.min} ${l.max}`;
}

function fail(imp: Import, detail: string): never {
  throw new LinkError(`incompatible import type for "${imp.module}" "${imp.name}": ${detail}`);
}

function checkTable(imp: Import, actualType: TableType, size: number, required: TableType): void {
  const actual: Limits = { min: size, max: actualType.limits.max };
  if (actualType.element !== required.element || !!actualType.is64 !== !!required.is64 ||
      !limitsMatch(actual, required.limits)) {
    fail(imp, `expected table ${limitsText(required.limits)} ${valTypeName(required.element)}, ` +
      `found table ${limitsText(actual)} ${valTypeName(actualType.element)}`);
  }
}

/** A memory's limits, and its page size when not 64 KiB. */
function memoryText(limits: Limits, type: MemoryType): string {
  const pageSize = pageSizeOf(type);
  return `${limitsText(limits)}${pageSize === PAGE_SIZE ? "" : ` (pagesize ${pageSize})`}`;
}

function checkMemory(imp: Import, actualType: MemoryType, pages: number, required: MemoryType): void {
  const actual: Limits = { min: pages, max: actualType.limits.max };
  if (!!actualType.is64 !== !!required.is64 || !!actualType.shared !== !!required.shared ||
      pageSizeOf(actualType) !== pageSizeOf(required) || !limitsMatch(actual, required.limits)) {
    fail(imp, `expected memory ${memoryText(required.limits, required)}, found memory ${memoryText(actual, actualType)}`);
  }
}

function globalText(t: GlobalType): string {
  return t.mutable ? `(mut ${valTypeName(t.type)})` : valTypeName(t.type);
}

function checkGlobal(registry: TypeRegistry, imp: Import, actual: GlobalType, required: GlobalType): void {
  // an immutable global's type may be a subtype; a mutable one's must be the same
  const typeOk = actual.type === required.type || (!required.mutable && valTypeMatches(registry, actual.type, required.type));
  if (actual.mutable !== required.mutable || !typeOk) {
    fail(imp, `expected global ${globalText(required)}, found global ${globalText(actual)}`);
  }
}

/** Checks the i-th provided extern against the module's i-th import; throws `LinkError` on mismatch. */
export function checkImport(module: CompiledModule, imp: Import, ext: ExternEntity): void {
  const expectedKind = kindOfDesc[imp.desc.kind];
  if (ext.kind !== expectedKind) {
    fail(imp, `expected ${imp.desc.kind}, found ${externKindName(ext.kind)}`);
  }
  const desc = imp.desc;
  switch (ext.kind) {
    case ExternKind.Func: {
      if (desc.kind !== "func") return;
      const expectedId = module.typeIds[desc.typeIndex]!;
      const actual = ext.value.type;
      // 3.0: a function of a subtype matches
      const same = actual.id >= 0
        ? actual.id === expectedId || module.registry.isSubtype(actual.id, expectedId)
        : actual.key === module.registry.get(expectedId).key;
      if (!same) fail(imp, `expected func ${module.registry.get(expectedId)}, found func ${actual}`);
      return;
    }
    case ExternKind.Table:
      if (desc.kind === "table") checkTable(imp, ext.value.type, ext.value.size, desc.type);
      return;
    case ExternKind.Memory:
      if (desc.kind === "memory") {
        ext.value.sync(); // a shared memory: the size that other threads' growths left
        checkMemory(imp, ext.value.type, ext.value.pages, desc.type);
      }
      return;
    case ExternKind.Global:
      if (desc.kind === "global") checkGlobal(module.registry, imp, ext.value.type, desc.type);
      return;
    case ExternKind.Tag: {
      // a tag's type must be the same function type (tags have no subtyping in either direction)
      if (desc.kind !== "tag") return;
      // (canonical types: the same recursion group, not only the same shape)
      const required = module.ir.types[desc.typeIndex] as FuncType;
      const expectedId = module.typeIds[desc.typeIndex]!;
      const actual = ext.value.type;
      const same = actual.id >= 0 ? actual.id === expectedId : actual.key === required.key;
      if (!same) fail(imp, `expected tag ${required}, found tag ${actual}`);
      return;
    }
  }
}

/** Checks all imports; the count must match the module's imports. */
export function checkImports(module: CompiledModule, imports: readonly ExternEntity[]): void {
  const declared = module.ir.imports;
  if (imports.length !== declared.length) {
    throw new LinkError(`wrong number of imports: module needs ${declared.length}, got ${imports.length}`);
  }
  for (let i = 0; i < declared.length; i++) checkImport(module, declared[i]!, imports[i]!);
}
