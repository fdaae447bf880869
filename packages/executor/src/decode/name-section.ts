import type { ModuleIR } from "../module/ir.js";
import { BinaryReader } from "./reader.js";

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;

/**
 * Reads the module name and function names of a "name" custom section into the IR. The section is
 * informational: a malformed one is ignored (what was read before the problem is kept).
 */
export function parseNameSection(bytes: Uint8Array, ir: ModuleIR): void {
  const r = new BinaryReader(bytes);
  try {
    while (!r.eof()) {
      const id = r.u8();
      const size = r.len32();
      const end = r.pos + size;
      if (id === MODULE_NAME) {
        ir.moduleName = r.name();
      } else if (id === FUNCTION_NAMES) {
        const n = r.len32();
        for (let i = 0; i < n; i++) {
          const index = r.u32();
          ir.funcNames.set(index, r.name());
        }
      }
      r.pos = end;
    }
  } catch {
    // Ignore the rest of a malformed name section.
  }
}
