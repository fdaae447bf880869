// Wasm backtraces: the Wasm frames an error unwound, innermost first, and their wasmtime-style text.

/** One Wasm function activation that an error unwound. */
export interface WasmFrame {
  /** The function's index in its module's function space (imported functions first). */
  readonly funcIndex: number;
  /** The function's name from the module's name section, if it has one. */
  readonly name?: string;
  /** The module's name from its name section, if it has one. */
  readonly moduleName?: string;
  /** Byte offset in the module binary of the instruction that was executing: the trapping one in the
   * innermost frame, the call in the others. */
  readonly codeOffset: number;
  /** The same instruction's offset from the start of its function's body (its locals declarations, as
   * wasm-c-api's `wasm_frame_func_offset` counts). */
  readonly funcOffset: number;
}

/**
 * The frames as wasmtime prints them: a `wasm backtrace:` line, then one line per frame such as
 * `    0:   0x2a - mymod!div` (`<unknown>` for an unnamed module, `<wasm function N>` for an unnamed
 * function); each line starts with a newline. Empty for no frames.
 */
export function formatBacktrace(frames: readonly WasmFrame[]): string {
  if (frames.length === 0) return "";
  let text = "\nwasm backtrace:";
  frames.forEach((f, i) => {
    const offset = `0x${f.codeOffset.toString(16)}`;
    const func = f.name ?? `<wasm function ${f.funcIndex}>`;
    text += `\n  ${String(i).padStart(3)}: ${offset.padStart(6)} - ${f.moduleName ?? "<unknown>"}!${func}`;
  });
  return text;
}
