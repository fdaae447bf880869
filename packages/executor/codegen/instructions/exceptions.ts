// Exception handling: throwing is out of line (interpret/exceptions.ts, run from interpret/out-of-line.ts),
// as the loop must stay under V8's size limit for optimized code (see bulk.ts) and a throw is rare. Catching costs no instruction: the
// translator's handler table (translate/handler-table.ts) tells the loop's catch where to go.

import { instr, outOfLine, type Instr } from "../dsl.js";

export const EXCEPTIONS: Instr[] = [
  instr("Throw", "throw an exception of tag t, its values from register args on",
    "t:i args:r", "throwException(store, inst, i32, fp2, code, pc);"),
  instr("ThrowRef", "throw the exception that register a references again (traps on null)",
    "a:r", "throwRef(store, i32, fp2, code, pc);"),
].map(outOfLine);
