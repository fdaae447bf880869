import {
  growableSharedMax,
  MAX_PAGES_32,
  MemoryEntity,
  PAGE_SIZE,
  pageSizeOf,
  ResourceKind,
  ResourceLimitError,
  TableEntity,
  type MemoryType,
  type PrunedStore,
  type TableType,
} from "@wasmi-ts/store";
import type { ExecutorConfig } from "../config.js";
import { LinkError } from "../errors.js";

// Allocation of tables and memories: the engine's caps applied to their maximum, and the store's limits
// (StoreHooks) asked first about the count and the initial size, so that a limit covers what a module
// declares as well as what it grows.

const MAX_TABLE_32 = 0xffff_ffff;

/** Throws `ResourceLimitError` unless the store admits `more` more resources of `kind`. */
export function admitCount(store: PrunedStore, kind: ResourceKind, more: number): void {
  if (more === 0) return;
  const held = kind === ResourceKind.Instance ? store.instancesCreated
    : kind === ResourceKind.Memory ? store.memoriesCreated : store.tablesCreated;
  if (!store.hooks.creating(store, kind, held + more)) {
    const plural = kind === ResourceKind.Memory ? "memories" : `${kind}s`;
    throw new ResourceLimitError(`the store's limit on ${plural} refused another ${kind} (it has created ${held})`);
  }
}

/** The growth limit of a memory of `type`, in its pages: the declared maximum (or the address space)
 * capped by `config.maxMemoryPages` (counted in 64 KiB pages whatever the memory's page size). */
function memoryMaxPages(type: MemoryType, config: ExecutorConfig): number {
  const pageSize = pageSizeOf(type);
  const space = type.is64 ? Number.MAX_SAFE_INTEGER : pageSize === PAGE_SIZE ? MAX_PAGES_32 : 2 ** 32 - 1;
  return Math.min(type.limits.max ?? space, config.maxMemoryPages * (PAGE_SIZE / pageSize));
}

/** The growth limit of a table of `type`: the declared maximum capped by `config.maxTableSize`. */
function tableMaxSize(type: TableType, config: ExecutorConfig): number {
  const declaredMax = type.limits.max ?? (type.is64 ? Number.MAX_SAFE_INTEGER : MAX_TABLE_32);
  return Math.min(declaredMax, config.maxTableSize);
}

/** Checks that a memory of `type` may be created: within the engine's cap and the store's limiter. */
export function admitMemory(store: PrunedStore, type: MemoryType, config: ExecutorConfig): void {
  const maxPages = memoryMaxPages(type, config);
  if (type.limits.min > maxPages) {
    throw new LinkError(`memory of ${type.limits.min} pages exceeds the limit of ${maxPages} pages`);
  }
  if (!store.hooks.memoryGrowing(store, 0, type.limits.min, type.limits.max, pageSizeOf(type))) {
    throw new ResourceLimitError(`the store's limits refused a memory of ${type.limits.min} pages`);
  }
}

/** Checks that a table of `type` may be created: within the engine's cap and the store's limiter. */
export function admitTable(store: PrunedStore, type: TableType, config: ExecutorConfig): void {
  const maxSize = tableMaxSize(type, config);
  if (type.limits.min > maxSize) {
    throw new LinkError(`table of ${type.limits.min} elements exceeds the limit of ${maxSize} elements`);
  }
  if (!store.hooks.tableGrowing(store, 0, type.limits.min, type.limits.max)) {
    throw new ResourceLimitError(`the store's limits refused a table of ${type.limits.min} elements`);
  }
}

/** A new memory in `store`, already admitted (`admitMemory`, `admitCount`); a shared one on `sharedBuffer`
 * if given (the buffer of a memory of another thread: its maximum caps this one's growth too). */
export function newMemory(store: PrunedStore, type: MemoryType, config: ExecutorConfig, sharedBuffer?: SharedArrayBuffer): MemoryEntity {
  let memory: MemoryEntity;
  let maxPages = memoryMaxPages(type, config);
  if (sharedBuffer !== undefined) maxPages = Math.min(maxPages, Math.floor((growableSharedMax(sharedBuffer) ?? 0) / pageSizeOf(type)));
  try {
    memory = new MemoryEntity(type, maxPages, sharedBuffer);
  } catch (e) {
    // The JS engine refused the ArrayBuffer: a resource failure of instantiation, not a bug.
    if (e instanceof RangeError) throw new LinkError(`cannot allocate a memory of ${type.limits.min} pages`, { cause: e });
    throw e;
  }
  store.memoriesCreated++;
  return memory;
}

/** A new table in `store` filled with `init`, already admitted (`admitTable`, `admitCount`). */
export function newTable(store: PrunedStore, type: TableType, config: ExecutorConfig, init: unknown): TableEntity {
  const table = new TableEntity(type, tableMaxSize(type, config), init);
  store.tablesCreated++;
  return table;
}

/** A new memory in `store`, asking its limits first (for memories made by the host, one at a time); on
 * `sharedBuffer` if given (a shared memory of another thread, checked by the caller). */
export function allocMemory(store: PrunedStore, type: MemoryType, config: ExecutorConfig, sharedBuffer?: SharedArrayBuffer): MemoryEntity {
  if (type.pageSize !== undefined && type.pageSize !== 1 && type.pageSize !== PAGE_SIZE) {
    throw new RangeError(`a memory's page size must be 1 or 65536 bytes, got ${String(type.pageSize)}`);
  }
  if (type.pageSize !== undefined && !config.features.customPageSizes) {
    throw new RangeError("a memory's page size needs the customPageSizes feature");
  }
  admitCount(store, ResourceKind.Memory, 1);
  // a shared buffer from another thread may have grown past the type's minimum: its size is admitted
  const pages = sharedBuffer === undefined ? type.limits.min : Math.floor(sharedBuffer.byteLength / pageSizeOf(type));
  admitMemory(store, { ...type, limits: { ...type.limits, min: pages } }, config);
  return newMemory(store, type, config, sharedBuffer);
}

/** A new table in `store` filled with `init`, asking its limits first. */
export function allocTable(store: PrunedStore, type: TableType, config: ExecutorConfig, init: unknown): TableEntity {
  admitCount(store, ResourceKind.Table, 1);
  admitTable(store, type, config);
  return newTable(store, type, config, init);
}
