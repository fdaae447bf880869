// Moves between registers and globals. A register is a stack slot of two words: copies move both,
// whatever the value's type; v128 values take two slots (the `128` forms move four words).

import { instr, outOfLine, type Instr } from "../dsl.js";

export const COPY = instr("Copy", "d = s", "d:r s:r", `
  const d = $d.at;
  const s = $s.at;
  i32[d] = i32[s];
  i32[d + 1] = i32[s + 1];`);

export const GLOBAL_SET = instr("GlobalSet", "global g = s (numbers)", "g:i s:r", `
    const s = $s.at;
    const g = inst.globals[$g]!.i32;
    g[0] = i32[s];
    g[1] = i32[s + 1];`);

export const MOVES: Instr[] = [
  COPY,
  instr("Select", "d = c !== 0 ? a : b", "d:r c:r a:r b:r", `
    const d = $d.at;
    const s = fp2 + ($c !== 0 ? $a.word : $b.word);
    const lo = i32[s];
    const hi = i32[s + 1];
    i32[d] = lo;
    i32[d + 1] = hi;`),
  instr("GlobalGet", "d = global g (numbers)", "d:r g:i", `
    const d = $d.at;
    const g = inst.globals[$g]!.i32;
    i32[d] = g[0];
    i32[d + 1] = g[1];`),
  GLOBAL_SET,
  instr("Copy128", "d = s (v128)", "d:r s:r", `
    const d = $d.at;
    const s = $s.at;
    i32[d] = i32[s];
    i32[d + 1] = i32[s + 1];
    i32[d + 2] = i32[s + 2];
    i32[d + 3] = i32[s + 3];`),
  // v128 selects and globals: rare, out of line
  ...[
  instr("Select128", "d = c !== 0 ? a : b (v128)", "d:r c:r a:r b:r", `
    const d = $d.at;
    const s = fp2 + ($c !== 0 ? $a.word : $b.word);
    const w0 = i32[s], w1 = i32[s + 1], w2 = i32[s + 2], w3 = i32[s + 3];
    i32[d] = w0;
    i32[d + 1] = w1;
    i32[d + 2] = w2;
    i32[d + 3] = w3;`),
  instr("GlobalGet128", "d = global g (v128)", "d:r g:i", `
    const d = $d.at;
    const g = inst.globals[$g]!.i32;
    for (let w = 0; w < 4; w++) i32[d + w] = g[w];`),
  instr("GlobalSet128", "global g = s (v128)", "g:i s:r", `
    const s = $s.at;
    const g = inst.globals[$g]!.i32;
    for (let w = 0; w < 4; w++) g[w] = i32[s + w];`),
  ].map(outOfLine),
];
