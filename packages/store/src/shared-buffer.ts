// The SharedArrayBuffer behind a shared memory. Threads (worker_threads, Web Workers) that hold the same
// buffer see the same bytes, so the buffer must never move: it is a growable SharedArrayBuffer, allocated
// with the memory's maximum as its `maxByteLength` (reserved address space, not memory) and grown in place.
// Where there is none (no `SharedArrayBuffer`; a browser page that is not cross-origin isolated; an engine
// whose SharedArrayBuffer cannot grow, before ES2024; a memory of 1-byte pages, custom-page-sizes) a shared
// memory is an ordinary ArrayBuffer that no other thread can see, with the single-thread behaviour
// (executor README, "Threads").

interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  readonly growable?: boolean;
  grow?(newByteLength: number): void;
}
type GrowableConstructor = new (byteLength: number, options?: { maxByteLength: number }) => GrowableSharedArrayBuffer;

declare const crossOriginIsolated: boolean | undefined;

/** Whether shared memories get a SharedArrayBuffer here: the constructor exists, the page (if any) is
 * cross-origin isolated, and the buffers can grow. */
export const canShareMemory: boolean = (() => {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object") return false;
  if (typeof crossOriginIsolated === "boolean" && !crossOriginIsolated) return false;
  try {
    const probe = new (SharedArrayBuffer as unknown as GrowableConstructor)(0, { maxByteLength: 8 });
    return probe.growable === true && typeof probe.grow === "function";
  } catch {
    return false;
  }
})();

/** A growable SharedArrayBuffer of `byteLength` bytes, up to `maxByteLength`; null where shared memories
 * cannot have one (`canShareMemory`). Throws RangeError when the engine refuses the allocation. */
export function newSharedBuffer(byteLength: number, maxByteLength: number): SharedArrayBuffer | null {
  if (!canShareMemory) return null;
  return new (SharedArrayBuffer as unknown as GrowableConstructor)(byteLength, { maxByteLength });
}

/** Grows `buffer` in place to `byteLength` bytes; false if the engine refused (or it cannot grow). */
export function growShared(buffer: SharedArrayBuffer, byteLength: number): boolean {
  const growable = buffer as GrowableSharedArrayBuffer;
  if (growable.growable !== true || typeof growable.grow !== "function") return false;
  try {
    growable.grow(byteLength);
    return true;
  } catch {
    return false;
  }
}

/** The `maxByteLength` of `buffer` if it is a growable SharedArrayBuffer (as shared memories have), else null. */
export function growableSharedMax(buffer: unknown): number | null {
  if (typeof SharedArrayBuffer !== "function" || !(buffer instanceof SharedArrayBuffer)) return null;
  const growable = buffer as GrowableSharedArrayBuffer & { readonly maxByteLength?: number };
  return growable.growable === true && typeof growable.maxByteLength === "number" ? growable.maxByteLength : null;
}
