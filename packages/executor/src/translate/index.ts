import type { CompiledModule } from "../module/compiled.js";
import type { CompiledFunc } from "./compiled-func.js";
import { compileLeaf, tierPlan } from "./js/compile-leaf.js";
import { FuncTranslator } from "./translator.js";

export { CompiledFunc } from "./compiled-func.js";
export { disassemble } from "./disassemble.js";
export { Op, OP_INFO, type OpInfo, type OpName } from "./ops.js";

/**
 * Translates defined function `definedIndex` of `module` (once; the result is kept in `module.code`).
 * With lazy validation, validates its body first: an invalid one throws (ValidationError / DecodeError)
 * and stays untranslated, so that every call of it throws again. `hot`: the interpreter found the
 * (translated) function hot: the JavaScript tier compiles it now.
 */
export function translateFunction(module: CompiledModule, definedIndex: number, hot = false): CompiledFunc {
  const existing = module.code[definedIndex];
  if (existing !== undefined) {
    // the interpreter found it hot (`CompiledFunc.hotSamples`)
    if (hot) compileToJs(module, definedIndex, existing);
    return existing;
  }
  module.deferredBodies?.validate(definedIndex);
  const compiled = new FuncTranslator(module, definedIndex).translate();
  if (module.config.jsTier) {
    const plan = tierPlan(module, definedIndex);
    if (plan === "now") compileToJs(module, definedIndex, compiled);
    else if (plan === "hot") compiled.hotSamples = HOT_SAMPLES;
  }
  module.code[definedIndex] = compiled;
  return compiled;
}

/** Polls (poll.ts) that must find a function running before the JavaScript tier compiles it. */
const HOT_SAMPLES = 2;

/** The JavaScript tier's compilation of `compiled`, the translation of defined function `definedIndex`
 * (translate/js/): the interpreter calls it from then on. */
function compileToJs(module: CompiledModule, definedIndex: number, compiled: CompiledFunc): void {
  compiled.hotSamples = 0;
  const leaf = compileLeaf(module, definedIndex);
  if (leaf !== null) {
    compiled.js = leaf.run;
    compiled.jsCallsOut = leaf.callsOut;
  }
}

/** Translates every defined function (eager translation, `config.lazyTranslation === false`). */
export function translateAll(module: CompiledModule): void {
  for (let i = 0; i < module.code.length; i++) translateFunction(module, i);
}
