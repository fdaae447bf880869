import type { TypeRegistry } from "@wasmi-ts/store";
import type { ExecutorConfig } from "../config.js";
import { decodeModule, decodeModuleDeferringBodies } from "../decode/index.js";
import { DecodeError, ValidationError } from "../errors.js";
import { CompiledModule } from "../module/compiled.js";
import { translateAll } from "../translate/index.js";
import { validateModule, validateModuleDeferringBodies } from "../validate/index.js";
import { warmUpValidator } from "../validate/warm-up.js";

/**
 * Decodes and validates `bytes` (throwing `DecodeError` / `ValidationError`), interns its signatures in
 * `registry`, and translates every function now unless `config.lazyTranslation` is set.
 *
 * Start-up speed: the function bodies are read once, by the validator (the decoder defers them). When
 * anything is wrong, the binary is decoded again fully, so that a malformed binary is reported as such,
 * with the decoder's wording, even where the validator stopped earlier at an invalid instruction.
 *
 * With `config.lazyValidation` (and lazy translation), the bodies are not read at all here: each one is
 * validated before its first translation (validate/deferred-bodies.ts), and a bad body is reported then.
 */
export function compileModule(bytes: Uint8Array, registry: TypeRegistry, config: ExecutorConfig): CompiledModule {
  const lazy = config.lazyValidation && config.lazyTranslation;
  // (V8 then optimizes the validator once, with every case's feedback)
  if (!lazy && config.warmUp) warmUpValidator(bytes.length, config.features);
  const ir = decodeModuleDeferringBodies(bytes, config.features);
  if (lazy) {
    // Module-level errors only: no full decode, which would judge the bodies too.
    return new CompiledModule(ir, registry, config, validateModuleDeferringBodies(ir, config.features, registry));
  }
  try {
    validateModule(ir, config.features, registry);
  } catch (error) {
    if (error instanceof ValidationError || error instanceof DecodeError) decodeModule(bytes, config.features);
    throw error;
  }
  const module = new CompiledModule(ir, registry, config);
  if (!config.lazyTranslation) translateAll(module);
  return module;
}
