import type { TypeRegistry } from "@wasmi-ts/store";
import type { ExecutorConfig } from "../config.js";
import { decodeModule } from "../decode/index.js";
import { CompiledModule } from "../module/compiled.js";
import { translateAll } from "../translate/index.js";
import { validateModule } from "../validate/index.js";

/**
 * Decodes and validates `bytes` (throwing `DecodeError` / `ValidationError`), interns its signatures in
 * `registry`, and translates every function now unless `config.lazyTranslation` is set.
 */
export function compileModule(bytes: Uint8Array, registry: TypeRegistry, config: ExecutorConfig): CompiledModule {
  const ir = decodeModule(bytes, config.features);
  validateModule(ir, config.features);
  const module = new CompiledModule(ir, registry, config);
  if (!config.lazyTranslation) translateAll(module);
  return module;
}
