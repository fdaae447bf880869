import type { CompiledModule } from "../module/compiled.js";
import type { CompiledFunc } from "./compiled-func.js";
import { compileLeaf } from "./js/compile-leaf.js";
import { FuncTranslator } from "./translator.js";

export { CompiledFunc } from "./compiled-func.js";
export { disassemble } from "./disassemble.js";
export { Op, OP_INFO, type OpInfo, type OpName } from "./ops.js";

/**
 * Translates defined function `definedIndex` of `module` (once; the result is kept in `module.code`).
 * With lazy validation, validates its body first: an invalid one throws (ValidationError / DecodeError)
 * and stays untranslated, so that every call of it throws again.
 */
export function translateFunction(module: CompiledModule, definedIndex: number): CompiledFunc {
  const existing = module.code[definedIndex];
  if (existing !== undefined) return existing;
  module.deferredBodies?.validate(definedIndex);
  const compiled = new FuncTranslator(module, definedIndex).translate();
  if (module.config.jsTier) compiled.js = compileLeaf(module, definedIndex);
  module.code[definedIndex] = compiled;
  return compiled;
}

/** Translates every defined function (eager translation, `config.lazyTranslation === false`). */
export function translateAll(module: CompiledModule): void {
  for (let i = 0; i < module.code.length; i++) translateFunction(module, i);
}
