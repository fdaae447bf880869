// One table of handles for the whole C API: a handle is a positive number naming one object of one kind.
// Handles are never reused, so a deleted handle stays recognisable as deleted.

/** Misuse of the C API: an unknown, deleted or wrong-kind handle. */
export class CapiError extends Error {
  override name = "CapiError";
}

export type HandleKind =
  | "engine" | "store" | "module" | "instance" | "trap" | "frame" | "resumable"
  | "func" | "global" | "table" | "memory" | "tag"
  | "functype" | "globaltype" | "tabletype" | "memorytype" | "tagtype" | "importtype" | "exporttype";

interface Entry {
  kind: HandleKind;
  value: unknown;
  /** The store handle the object lives in (0 for store-independent objects); freed with it. */
  store: number;
}

const entries = new Map<number, Entry>();
let next = 1;

/** The null handle (a C null pointer). */
export const NULL = 0;

export function alloc(kind: HandleKind, value: unknown, store = 0): number {
  const handle = next++;
  entries.set(handle, { kind, value, store });
  return handle;
}

function entry(handle: number, what: string): Entry {
  const e = entries.get(handle);
  if (e !== undefined) return e;
  if (handle === NULL) throw new CapiError(`${what}: null handle`);
  if (Number.isInteger(handle) && handle > 0 && handle < next) throw new CapiError(`${what}: handle ${handle} was deleted`);
  throw new CapiError(`${what}: ${String(handle)} is not a handle`);
}

/** The object behind `handle`, which must be of one of `kinds`. */
export function get<T>(handle: number, kinds: HandleKind | readonly HandleKind[], what: string): T {
  const e = entry(handle, what);
  const allowed = typeof kinds === "string" ? [kinds] : kinds;
  if (!allowed.includes(e.kind)) {
    throw new CapiError(`${what}: handle ${handle} is a ${e.kind}, expected a ${allowed.join(" or ")}`);
  }
  return e.value as T;
}

export function kindOf(handle: number, what: string): HandleKind {
  return entry(handle, what).kind;
}

/** The store handle an object lives in. */
export function storeOf(handle: number, what: string): number {
  return entry(handle, what).store;
}

/** Frees `handle` (which must be of `kind`); deleting a store frees everything that lives in it. */
export function free(handle: number, kinds: HandleKind | readonly HandleKind[], what: string): void {
  const kind = entry(handle, what).kind;
  get(handle, kinds, what);
  entries.delete(handle);
  if (kind !== "store") return;
  for (const [h, e] of entries) {
    if (e.store === handle) entries.delete(h);
  }
}

/** How many handles are live (for leak checks in tests). */
export function liveHandles(): number {
  return entries.size;
}
