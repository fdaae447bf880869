import type { MemoryEntity } from "./memory.js";
import type { PrunedStore } from "./pruned-store.js";
import type { TableEntity } from "./table.js";

// Growing goes through the store so that the host's limits (StoreHooks) are asked first.

/** memory.grow: the old size in pages, or -1 when refused or impossible. */
export function growMemory(store: PrunedStore, memory: MemoryEntity, delta: number): number {
  memory.sync(); // a shared memory: from the size that other threads' growths left
  const current = memory.pages;
  const desired = current + delta;
  if (delta > 0 && (desired > memory.maxPages ||
      !store.hooks.memoryGrowing(store, current, desired, memory.type.limits.max, memory.pageSize))) {
    return -1;
  }
  return memory.grow(delta);
}

/** table.grow: the old size, or -1 when refused or impossible. */
export function growTable(store: PrunedStore, table: TableEntity, delta: number, init: unknown): number {
  const current = table.size;
  const desired = current + delta;
  if (delta > 0 && (desired > table.maxSize ||
      !store.hooks.tableGrowing(store, current, desired, table.type.limits.max))) {
    return -1;
  }
  return table.grow(delta, init);
}
