import type { List } from "../sexpr/types.js";
import { BodyContext } from "./body-context.js";
import { IndexSpace } from "./context.js";
import { Cursor } from "./cursor.js";
import type { FieldEnv } from "./field-env.js";
import { encodeExpr } from "./instructions.js";
import { valType, type TypeBytes } from "./types.js";
import { ByteWriter } from "./writer.js";

/** `(func $id? (export ...)* (import ...)? typeuse (local ...)* instr*)` */
export function encodeFunc(env: FieldEnv, c: Cursor, field: List): void {
  const { index, imported } = env.definitionHead("func", c, field);
  if (imported) return;
  const { index: typeIndex, sig } = env.ctx.typeUse(c);
  env.out.funcs.push(typeIndex);
  const locals = new IndexSpace("local");
  const names = new Map<number, string>();
  for (const n of sig.paramNames) {
    const i = locals.add(n);
    if (n) names.set(i, n.value);
  }
  const localTypes: TypeBytes[] = [];
  for (let l = c.takeList("local"); l !== undefined; l = c.takeList("local")) {
    const lc = Cursor.of(l);
    const id = lc.takeId();
    if (id !== undefined) {
      names.set(locals.add(id), id.value);
      localTypes.push(valType(lc.next(), env.ctx.types));
      lc.expectEnd();
    } else {
      while (!lc.atEnd()) {
        locals.add();
        localTypes.push(valType(lc.next(), env.ctx.types));
      }
    }
  }
  if (names.size > 0) env.out.localNames.set(index, names);
  const body = new ByteWriter();
  writeLocals(body, localTypes);
  const b = new BodyContext(env.ctx, locals);
  b.labels.push(undefined); // the function body is a block
  encodeExpr(c.items, c.span, b, body, env.opts, c.pos);
  env.out.codes.push(new ByteWriter().sized(body).finish());
}

/** Local declarations: runs of equal types compressed into (count, type) entries. */
function writeLocals(w: ByteWriter, types: TypeBytes[]): void {
  const runs: { n: number; t: TypeBytes }[] = [];
  for (const t of types) {
    const last = runs[runs.length - 1];
    if (last && last.t.join() === t.join()) last.n++;
    else runs.push({ n: 1, t });
  }
  w.u32(runs.length);
  for (const r of runs) w.u32(r.n).bytes(r.t);
}
