import type { WasmFrame } from "@wasmi-ts/host";
import { alloc, free, get, storeOf } from "./handles.js";

// Frames of a trap's backtrace (wasm_trap_origin / wasm_trap_trace). wasm_frame_instance is not provided.
export function wasm_frame_copy(frame: number): number {
  return alloc("frame", get<WasmFrame>(frame, "frame", "wasm_frame_copy"), storeOf(frame, "wasm_frame_copy"));
}
export function wasm_frame_delete(frame: number): void {
  free(frame, "frame", "wasm_frame_delete");
}
export function wasm_frame_vec_delete(frames: number[]): void {
  for (const f of frames) wasm_frame_delete(f);
}
/** The function's index in its module (imported functions first). */
export function wasm_frame_func_index(frame: number): number {
  return get<WasmFrame>(frame, "frame", "wasm_frame_func_index").funcIndex;
}
/** The instruction's byte offset from the start of the function's body. */
export function wasm_frame_func_offset(frame: number): number {
  return get<WasmFrame>(frame, "frame", "wasm_frame_func_offset").funcOffset;
}
/** The instruction's byte offset in the module binary. */
export function wasm_frame_module_offset(frame: number): number {
  return get<WasmFrame>(frame, "frame", "wasm_frame_module_offset").codeOffset;
}
