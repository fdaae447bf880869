import {
  MAX_PAGES_32,
  MemoryEntity,
  TableEntity,
  type MemoryType,
  type TableType,
} from "@wasmi-ts/store";
import type { ExecutorConfig } from "../config.js";
import { LinkError } from "../errors.js";

// Allocation of tables and memories with the engine's caps applied to their maximum.

const MAX_TABLE_32 = 0xffff_ffff;

/** A new memory; its growth limit is the declared maximum capped by `config.maxMemoryPages`. */
export function allocMemory(type: MemoryType, config: ExecutorConfig): MemoryEntity {
  const declaredMax = type.limits.max ?? (type.is64 ? Number.MAX_SAFE_INTEGER : MAX_PAGES_32);
  const maxPages = Math.min(declaredMax, config.maxMemoryPages);
  if (type.limits.min > maxPages) {
    throw new LinkError(`memory of ${type.limits.min} pages exceeds the limit of ${maxPages} pages`);
  }
  try {
    return new MemoryEntity(type, maxPages);
  } catch (e) {
    // The JS engine refused the ArrayBuffer: a resource failure of instantiation, not a bug.
    if (e instanceof RangeError) throw new LinkError(`cannot allocate a memory of ${type.limits.min} pages`, { cause: e });
    throw e;
  }
}

/** A new table filled with `init`; its growth limit is the declared maximum capped by `config.maxTableSize`. */
export function allocTable(type: TableType, config: ExecutorConfig, init: number): TableEntity {
  const declaredMax = type.limits.max ?? (type.is64 ? Number.MAX_SAFE_INTEGER : MAX_TABLE_32);
  const maxSize = Math.min(declaredMax, config.maxTableSize);
  if (type.limits.min > maxSize) {
    throw new LinkError(`table of ${type.limits.min} elements exceeds the limit of ${maxSize} elements`);
  }
  return new TableEntity(type, maxSize, init);
}
