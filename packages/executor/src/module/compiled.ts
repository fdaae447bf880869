import type { FuncType, TypeRegistry } from "@wasmi-ts/store";
import type { ExecutorConfig } from "../config.js";
import type { CompiledFunc } from "../translate/compiled-func.js";
import type { DeferredBodies } from "../validate/deferred-bodies.js";
import type { ModuleIR } from "./ir.js";

/**
 * A validated module ready to instantiate: its IR, the interned id of each of its types, and the
 * translated code of its functions (filled on first call with lazy translation, else at compile time).
 * Instances of one module share it.
 */
export class CompiledModule {
  /** Canonical type id (TypeRegistry) per type index. */
  readonly typeIds: Int32Array;
  /** Per defined function: its translated code, undefined until translated. */
  readonly code: (CompiledFunc | undefined)[];

  constructor(
    readonly ir: ModuleIR,
    readonly registry: TypeRegistry,
    readonly config: ExecutorConfig,
    /**
     * With lazy validation: the function bodies not validated yet (each is validated before its first
     * translation). Null when compilation validated them all.
     */
    readonly deferredBodies: DeferredBodies | null = null,
  ) {
    // (validation sets the ids; an IR built by hand has function types only)
    this.typeIds = ir.typeIds ?? Int32Array.from(ir.types, (t) => registry.intern(t as FuncType));
    this.code = new Array<CompiledFunc | undefined>(ir.codes.length).fill(undefined);
  }
}
