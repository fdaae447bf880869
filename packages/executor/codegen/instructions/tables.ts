// Tables and references. A reference in a register is a number (the store's reference table, refs.ts);
// the out-of-line helpers are in interpret/refs.ts and interpret/bulk.ts.

import { instr, outOfLine, type Instr } from "../dsl.js";

/** An instruction run by a helper `fn(store, inst, i32, fp2, code, pc)` (out of line, as all table
 * instructions but ref.is_null). */
const helper = (name: string, doc: string, layoutSpec: string, fn: string): Instr =>
  instr(name, doc, layoutSpec, `${fn}(store, inst, i32, fp2, code, pc);`);

export const TABLES: Instr[] = [
  helper("TableGet", "d = element i of table tbl", "d:r tbl:i i:r", "tableGet"),
  helper("TableSet", "element i of table tbl = v", "tbl:i i:r v:r", "tableSet"),
  instr("TableSize", "d = the size of table tbl", "d:r tbl:i", "$d = inst.tables[$tbl]!.elements.length;"),
  helper("TableGrow", "d = table.grow of table tbl by n, filled with v", "d:r tbl:i v:r n:r", "tableGrow"),
  helper("TableFill", "table.fill", "tbl:i i:r v:r n:r", "tableFill"),
  helper("TableCopy", "table.copy", "tdst:i tsrc:i dst:r src:r n:r", "tableCopy"),
  helper("TableInit", "table.init", "seg:i tbl:i dst:r src:r n:r", "tableInit"),
  instr("ElemDrop", "elem.drop of segment seg", "seg:i", "inst.elems[$seg]!.drop();"),
  instr("RefIsNull", "d = a is null", "d:r a:r", "$d = $a === 0 ? 1 : 0;"),
  helper("RefFunc", "d = a reference to function f", "d:r f:i", "refFunc"),
  // reference-typed globals: the global holds an object, the register a number
  helper("GlobalGetRef", "d = global g (references)", "d:r g:i", "globalGetRef"),
  helper("GlobalSetRef", "global g = s (references)", "g:i s:r", "globalSetRef"),
].map((i) => (i.name === "RefIsNull" ? i : outOfLine(i)));

/** Typed references (Wasm 3.0): ref.as_non_null's check (the value stays where it is). Appended at the end
 * of the opcode order (index.ts). */
export const TYPED_REFS: Instr[] = [
  instr("RefAsNonNull", "trap if register a holds the null reference", "a:r", "if ($a === 0) trap(TrapCode.NullReference);"),
];

/** table64: an i64 index, offset or length is narrowed to an i32 by its own instruction before the 32-bit
 * table's instruction runs (translator.ts), and table.size has an i64 form; table.grow writes both words
 * of its result already. Both out of line (interpret/refs.ts): rare, and the loop's size is limited.
 * Appended at the end of the opcode order (index.ts), which the existing ones keep. */
export const TABLE64: Instr[] = [
  instr("TableIndex64", "d = the i64 a as a table index: a, or 2^32-1 (past the end of every table) from 2^32 on", "d:r a:r",
    "tableIndex64(i32, fp2, code, pc);"),
  instr("TableSize64", "d = the size of table tbl (i64)", "d:r tbl:i", "tableSize64(inst, i32, fp2, code, pc);"),
].map(outOfLine);
