import { makeConfig, type ExecutorConfig } from "@wasmi-ts/executor";
import { InterruptHandle, TypeRegistry, concreteRefType, type FuncType, type ValType } from "@wasmi-ts/store";

/**
 * Engine settings: the executor's configuration (see `ExecutorConfig` for each field).
 *
 * `lazyValidation` (default false; needs `lazyTranslation`, the default): `new Module` checks only the
 * module level (types, imports, limits, constant expressions, segments, start, exports), and each function
 * body is validated at its first call. A malformed or invalid body then makes that call (`Func.call`, or
 * `new Instance` / `Linker.instantiate` for a start function) throw the `CompileError` that eager compilation
 * would have thrown for it (same kind, reason and offset), at every call; the store stays usable.
 */
export type Config = ExecutorConfig;

/**
 * Compiles modules and owns what they share: the configuration and the registry that interns function
 * signatures. Modules and stores of one engine work together; mixing engines is refused.
 */
export class Engine {
  readonly config: Readonly<Config>;
  readonly registry = new TypeRegistry();
  readonly #interrupts = new InterruptHandle();

  /** Throws `TypeError` / `RangeError` for an unknown field or a wrong value (a negative call depth, ...). */
  constructor(config: Partial<Config> = {}) {
    this.config = Object.freeze(makeConfig(config));
  }

  /**
   * The handle that interrupts the calls running in this engine's stores: `handle.interrupt()` here, or
   * `new InterruptHandle(handle.buffer).interrupt()` in a worker.
   */
  interruptHandle(): InterruptHandle {
    return this.#interrupts;
  }

  /**
   * The reference type `(ref null? $t)` of function type `type` (Wasm 3.0 typed function references), for
   * the value types of host functions, globals and tables: `type` is interned (canonicalised) in this
   * engine, so the result equals the type a module of this engine gives to a function of that type.
   */
  funcRefType(type: FuncType, nullable = false): ValType {
    return concreteRefType(this.registry.intern(type), nullable);
  }
}
