import { DEFAULT_CONFIG, type ExecutorConfig } from "@wasmi-ts/executor";
import { TypeRegistry } from "@wasmi-ts/store";

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

  constructor(config: Partial<Config> = {}) {
    this.config = Object.freeze({ ...DEFAULT_CONFIG, ...definedOnly(config) });
  }
}

/** Drops keys set to `undefined`, so they do not override defaults. */
function definedOnly(config: Partial<Config>): Partial<Config> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as Partial<Config>;
}
