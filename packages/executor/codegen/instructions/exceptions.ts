// Exception handling: a throw is a case of the loop that calls its helper (interpret/exceptions.ts), not
// out of line: a JavaScript exception thrown through one frame more (out-of-line.ts) made the exceptions
// workload 40% slower (613 against 440 ms a call; in the loop, 150 bytes of bytecode). Catching costs no
// instruction: the translator's handler table (translate/handler-table.ts) tells the loop's catch where to go.

import { instr, type Instr } from "../dsl.js";

export const EXCEPTIONS: Instr[] = [
  instr("Throw", "throw an exception of tag t, its values from register args on",
    "t:i args:r", "throwException(store, inst, i32, fp2, code, pc);"),
  instr("ThrowRef", "throw the exception that register a references again (traps on null)",
    "a:r", "throwRef(store, i32, fp2, code, pc);"),
];
