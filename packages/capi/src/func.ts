import { Func, type FuncType } from "@wasmi-ts/host";
import { typeFromEngine } from "./constants.js";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, NULL, storeOf } from "./handles.js";
import { trapHandle } from "./trap.js";
import { hostValueOf, valOfHost, type wasm_val_t } from "./val.js";

// Functions.
/** A host callback: gets the arguments, returns the results or a trap handle (which the call then owns). */
export type wasm_func_callback_t = (args: wasm_val_t[]) => wasm_val_t[] | number;

export function wasm_func_new(store: number, type: number, callback: wasm_func_callback_t): number {
  const s = storeAt(store, "wasm_func_new");
  const ft = get<FuncType>(type, "functype", "wasm_func_new");
  const func = Func.wrap(s, ft, (_caller, ...args) => {
    const vals = args.map((a, i) => valOfHost(a, ft.params[i]!, store));
    const out = callback(vals);
    if (typeof out === "number") {
      const trap = get<Error>(out, "trap", "wasm_func_callback_t result");
      free(out, "trap", "wasm_func_callback_t result");
      throw trap;
    }
    if (!Array.isArray(out) || out.length !== ft.results.length) {
      throw new TypeError(`host callback must return ${ft.results.length} wasm_val_t value(s)`);
    }
    return out.map((v, i) => hostValueOf(v, ft.results[i]!, `host callback result ${i}`));
  });
  return alloc("func", func, store);
}
export function wasm_func_delete(func: number): void {
  free(func, "func", "wasm_func_delete");
}
/** A new functype handle. */
export function wasm_func_type(func: number): number {
  const f = get<Func>(func, "func", "wasm_func_type");
  return alloc("functype", typeFromEngine(f.type, f.store.engine));
}
export function wasm_func_param_arity(func: number): number {
  return get<Func>(func, "func", "wasm_func_param_arity").type.params.length;
}
export function wasm_func_result_arity(func: number): number {
  return get<Func>(func, "func", "wasm_func_result_arity").type.results.length;
}

/**
 * Calls `func`: results are stored into `results` (cleared first). Returns NULL, or a trap handle
 * when the call trapped.
 */
export function wasm_func_call(func: number, args: wasm_val_t[], results: wasm_val_t[]): number {
  const f = get<Func>(func, "func", "wasm_func_call");
  const store = storeOf(func, "wasm_func_call");
  const { params, results: resultTypes } = f.type;
  if (args.length !== params.length) {
    throw new TypeError(`wasm_func_call: expected ${params.length} argument(s), got ${args.length}`);
  }
  const values = args.map((a, i) => hostValueOf(a, params[i]!, `wasm_func_call argument ${i}`));
  results.length = 0;
  try {
    const out = f.call(...values);
    out.forEach((v, i) => results.push(valOfHost(v, resultTypes[i]!, store)));
    return NULL;
  } catch (e) {
    return trapHandle(e, store);
  }
}
