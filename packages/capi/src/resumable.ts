import { HostSuspend, type Func, type ResumableCall } from "@wasmi-ts/host";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, NULL, storeOf } from "./handles.js";
import { trapHandle } from "./trap.js";
import { hostValueOf, valOfHost, type wasm_val_t } from "./val.js";

// Resumable calls (wasmi extension, as `Func.callResumable`): a call handle says where the call is, and
// resuming it moves it on in place. A host callback suspends a resumable call by returning a trap made
// with `wasmi_host_suspend_new`; anywhere else that trap is an ordinary one.

/** The kinds of a resumable call: finished, suspended at a host function, suspended for want of fuel. */
export const WASMI_RESUMABLE_FINISHED = 0;
export const WASMI_RESUMABLE_HOST_TRAP = 1;
export const WASMI_RESUMABLE_OUT_OF_FUEL = 2;

/** A trap that a host callback returns to suspend a resumable call at its call. */
export function wasmi_host_suspend_new(store: number, message: string): number {
  storeAt(store, "wasmi_host_suspend_new");
  return alloc("trap", new HostSuspend(undefined, message), store);
}

/**
 * Calls `func` resumably. Returns NULL and sets `call.value` to a new resumable call handle, or returns a
 * trap handle when the call trapped before suspending or finishing.
 */
export function wasmi_func_call_resumable(func: number, args: wasm_val_t[], call: { value: number }): number {
  const f = get<Func>(func, "func", "wasmi_func_call_resumable");
  const store = storeOf(func, "wasmi_func_call_resumable");
  const { params } = f.type;
  if (args.length !== params.length) {
    throw new TypeError(`wasmi_func_call_resumable: expected ${params.length} argument(s), got ${args.length}`);
  }
  const values = args.map((a, i) => hostValueOf(a, params[i]!, `wasmi_func_call_resumable argument ${i}`));
  call.value = NULL;
  try {
    call.value = alloc("resumable", { func: f, state: f.callResumable(...values) }, store);
    return NULL;
  } catch (e) {
    return trapHandle(e, store);
  }
}

interface Resumable {
  func: Func;
  state: ResumableCall;
}

/** `WASMI_RESUMABLE_FINISHED`, `_HOST_TRAP` or `_OUT_OF_FUEL`. */
export function wasmi_resumable_call_kind(call: number): number {
  const kind = get<Resumable>(call, "resumable", "wasmi_resumable_call_kind").state.kind;
  return kind === "finished" ? WASMI_RESUMABLE_FINISHED : kind === "hostTrap" ? WASMI_RESUMABLE_HOST_TRAP : WASMI_RESUMABLE_OUT_OF_FUEL;
}

/** A finished call's results, stored into `results` (cleared first). */
export function wasmi_resumable_call_results(call: number, results: wasm_val_t[]): void {
  const r = get<Resumable>(call, "resumable", "wasmi_resumable_call_results");
  if (r.state.kind !== "finished") throw new TypeError("wasmi_resumable_call_results: the call has not finished");
  const store = storeOf(call, "wasmi_resumable_call_results");
  results.length = 0;
  r.state.results.forEach((v, i) => results.push(valOfHost(v, r.func.type.results[i]!, store)));
}

/** A new func handle of the host function a `_HOST_TRAP` call is suspended at. */
export function wasmi_resumable_call_host_func(call: number): number {
  const r = get<Resumable>(call, "resumable", "wasmi_resumable_call_host_func");
  if (r.state.kind !== "hostTrap") throw new TypeError("wasmi_resumable_call_host_func: the call is not suspended at a host function");
  return alloc("func", r.state.hostFunc, storeOf(call, "wasmi_resumable_call_host_func"));
}

/** The fuel an `_OUT_OF_FUEL` call needs beyond what is left. */
export function wasmi_resumable_call_required_fuel(call: number): bigint {
  const r = get<Resumable>(call, "resumable", "wasmi_resumable_call_required_fuel");
  if (r.state.kind !== "outOfFuel") throw new TypeError("wasmi_resumable_call_required_fuel: the call is not out of fuel");
  return r.state.required;
}

/**
 * Resumes a suspended call: with the host function's results (`_HOST_TRAP`), or with none after adding
 * fuel (`_OUT_OF_FUEL`). The handle then says where the call is now. Returns NULL, or a trap handle when
 * the call trapped (the handle is then finished with no results: delete it).
 */
export function wasmi_resumable_call_resume(call: number, results: wasm_val_t[]): number {
  const r = get<Resumable>(call, "resumable", "wasmi_resumable_call_resume");
  const store = storeOf(call, "wasmi_resumable_call_resume");
  const state = r.state;
  if (state.kind === "finished") throw new TypeError("wasmi_resumable_call_resume: the call has finished");
  // the results are checked first: a misuse leaves the call suspended
  let returned: unknown;
  if (state.kind === "hostTrap") {
    const types = state.hostFunc.type.results;
    if (results.length !== types.length) {
      throw new TypeError(`wasmi_resumable_call_resume: expected ${types.length} result(s), got ${results.length}`);
    }
    const values = results.map((v, i) => hostValueOf(v, types[i]!, `wasmi_resumable_call_resume result ${i}`));
    returned = values.length === 1 ? values[0] : values;
  }
  try {
    r.state = state.kind === "hostTrap" ? state.resume(returned) : state.resume();
    return NULL;
  } catch (e) {
    r.state = { kind: "finished", results: [] };
    return trapHandle(e, store);
  }
}

/** Frees the handle; a call still suspended is cancelled. */
export function wasmi_resumable_call_delete(call: number): void {
  const r = get<Resumable>(call, "resumable", "wasmi_resumable_call_delete");
  if (r.state.kind !== "finished") r.state.cancel();
  free(call, "resumable", "wasmi_resumable_call_delete");
}
