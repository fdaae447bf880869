import { IndexSpace } from "./context.js";
import { Cursor, fail } from "./cursor.js";
import type { TypeDef, TypeGroup } from "./typedefs.js";
import { encodeSig, funcSig, sigKey, type FuncSig, type TypeBytes } from "./types.js";
import { ByteWriter } from "./writer.js";

/** Everything instructions and fields refer to while a module is encoded. */
export class ModuleContext {
  readonly types = new IndexSpace("type");
  readonly funcs = new IndexSpace("func");
  readonly tables = new IndexSpace("table");
  readonly memories = new IndexSpace("memory");
  readonly globals = new IndexSpace("global");
  readonly tags = new IndexSpace("tag");
  readonly elems = new IndexSpace("elem segment");
  readonly datas = new IndexSpace("data segment");

  /** Type definitions by index: the explicit ones, then the implicit ones appended by type uses. */
  readonly typeDefs: TypeDef[] = [];
  readonly groups: TypeGroup[] = [];
  /** Whether each memory (by index) has 64-bit addresses (for `strict32` offset checks). */
  readonly memory64: boolean[] = [];
  /** Whether code names a data segment (memory.init, data.drop): the binary then needs a DataCount section. */
  usesDataIndex = false;

  addGroup(group: TypeGroup): void {
    if (group.defs.length !== 1) for (const d of group.defs) d.plainFunc = false;
    this.groups.push(group);
    this.typeDefs.push(...group.defs);
  }

  /** The index of a plain function type with this signature, appending one if there is none. */
  implicitType(sig: FuncSig): number {
    const key = sigKey(sig.params, sig.results);
    const found = this.typeDefs.findIndex((d) => d.plainFunc && d.sig && sigKey(d.sig.params, d.sig.results) === key);
    if (found >= 0) return found;
    const def: TypeDef = {
      bytes: encodeSig(sig.params, sig.results),
      sig: { params: sig.params, paramNames: sig.params.map(() => undefined), results: sig.results },
      fieldNames: new IndexSpace("field"),
      plainFunc: true,
    };
    this.addGroup({ defs: [def], rec: false });
    this.types.count++;
    return this.typeDefs.length - 1;
  }

  /** `(type $t)? (param ...)* (result ...)*`: the type index and the signature (with parameter names). */
  typeUse(c: Cursor, allowNames = true): { index: number; sig: FuncSig } {
    const ref = c.takeList("type");
    const sig = funcSig(c, this.types, allowNames);
    if (ref === undefined) return { index: this.implicitType(sig), sig };
    const r = Cursor.of(ref);
    const index = this.types.resolve(r.next());
    r.expectEnd();
    const def = this.typeDefs[index];
    const inline = sig.params.length > 0 || sig.results.length > 0;
    if (inline) {
      if (def?.sig === undefined || sigKey(def.sig.params, def.sig.results) !== sigKey(sig.params, sig.results)) {
        fail("inline function type", ref);
      }
      return { index, sig };
    }
    const known = def?.sig;
    return {
      index,
      sig: known
        ? { params: known.params, paramNames: known.params.map(() => undefined), results: known.results }
        : { params: [], paramNames: [], results: [] },
    };
  }

  /** A block type: empty, one result value type, or a type index. */
  blockType(c: Cursor): TypeBytes {
    const hasRef = c.peekHead() === "type";
    const save = c.pos;
    const sig = funcSig(c, this.types, false);
    if (!hasRef && sig.params.length === 0) {
      if (sig.results.length === 0) return [0x40];
      if (sig.results.length === 1) return sig.results[0]!;
    }
    c.pos = save;
    const { index } = this.typeUse(c, false);
    return Array.from(new ByteWriter().sleb(index).finish());
  }
}
