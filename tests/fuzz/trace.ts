// What one engine did with one module: the record that the two engines' runs are compared on.

/** How a step (instantiation or call) ended, in engine-neutral terms. */
export type Outcome =
  | { kind: "ok"; values: string[] }
  /** A trap: V8's message, or wasmi-ts's TrapCode name (see traps.ts). */
  | { kind: "trap"; trap: string }
  /** A v128 value met the JS boundary (a host import or export with v128): V8 throws a TypeError there. */
  | { kind: "v128-boundary" }
  /** Instantiation failed on imports. */
  | { kind: "link" }
  /** Anything else: an exception neither engine should throw here. */
  | { kind: "error"; error: string };

export interface CallRecord {
  name: string;
  outcome: Outcome;
  /** The host imports called during the call, in order, with their arguments. */
  logs: string[];
}

export interface MemoryRecord {
  name: string;
  pages: number;
  /** The contents, or null when too large to compare cheaply. */
  bytes: Uint8Array | null;
}

export interface Trace {
  instantiate: Outcome;
  /** The import calls made while instantiating (a start function). */
  instantiateLogs: string[];
  calls: CallRecord[];
  /** Exported memories and globals after the last call. */
  memories: MemoryRecord[];
  globals: { name: string; value: string }[];
}

/** Memories larger than this are compared by size only. */
export const MAX_COMPARED_MEMORY_BYTES = 64 * 1024 * 1024;

export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case "ok":
      return `returned [${o.values.join(", ")}]`;
    case "trap":
      return `trapped (${o.trap})`;
    case "v128-boundary":
      return "threw at the JS boundary (v128)";
    case "link":
      return "failed to link";
    case "error":
      return `threw ${o.error}`;
  }
}
