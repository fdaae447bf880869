import { DEFAULT_CONFIG, type ExecutorConfig } from "@wasmi-ts/executor";
import { TypeRegistry } from "@wasmi-ts/store";

/** Engine settings: the executor's configuration. */
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
