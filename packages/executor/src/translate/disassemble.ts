import type { CompiledFunc } from "./compiled-func.js";
import { OP_OPERANDS, Op } from "./ops.js";

/** A readable listing of translated code (for tests and debugging): one instruction per line,
 * registers as `rN` (frame slots), targets as `@pc`. */
export function disassemble(func: CompiledFunc): string[] {
  const code = func.code;
  const lines: string[] = [];
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    const layout = OP_OPERANDS[op]!;
    const parts: string[] = [];
    const start = pc++;
    for (const kind of layout) {
      if (kind === "r") parts.push(`r${code[pc++]! >> 1}`);
      else if (kind === "t") parts.push(`@${code[pc++]}`);
      else if (kind === "L") {
        const n = code[pc++]!;
        const targets: string[] = [];
        for (let i = 0; i <= n; i++) targets.push(`@${code[pc++]}`);
        parts.push(`[${targets.join(" ")}]`);
      } else parts.push(String(code[pc++]));
    }
    lines.push(`${start}: ${Op[op]} ${parts.join(" ")}`.trimEnd());
  }
  return lines;
}
