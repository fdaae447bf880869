import type { FuncType } from "./types.js";
import type { InstanceEntity } from "./instance.js";
import type { PrunedStore } from "./pruned-store.js";
import type { ValueSlots } from "./slots.js";

/**
 * The one calling convention of host functions, the same for every host data type `T`.
 * Parameters are read from slots `base ..`, results are written to slots `base ..` (see `slots.ts`).
 * `caller` is the instance whose code made the call (null when called from the embedder).
 */
export type HostTrampoline = (
  store: PrunedStore,
  caller: InstanceEntity | null,
  slots: ValueSlots,
  base: number,
) => void;

export const FuncKind = { Wasm: 0, Host: 1 } as const;
export type FuncKind = (typeof FuncKind)[keyof typeof FuncKind];

/** A function instance. One class for Wasm and host functions, so all function objects share a shape. */
export class FuncEntity {
  constructor(
    readonly kind: FuncKind,
    readonly type: FuncType,
    /** Wasm functions: their instance. */
    readonly instance: InstanceEntity | null,
    /** Wasm functions: their index in the module's function space. */
    readonly index: number,
    /** Host functions: the trampoline. */
    readonly host: HostTrampoline | null,
    /** Host functions: the embedder's own function object (for debugging and the API layer). */
    readonly hostData: unknown = null,
  ) {}

  /** The executor's: the function's direct form in its JavaScript tier, found once it is called often
   * through tables (until then, a count of those calls; null where it has none). */
  direct: unknown = undefined;
}
