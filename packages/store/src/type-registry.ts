import { FuncType } from "./types.js";

/**
 * Interns function signatures to small integer ids, so that `call_indirect` compares one integer.
 * One registry is shared by everything of one engine.
 */
export class TypeRegistry {
  private readonly ids = new Map<string, number>();
  private readonly types: FuncType[] = [];

  intern(type: FuncType): number {
    const key = type.key;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.types.length;
      this.ids.set(key, id);
      this.types.push(new FuncType(type.params, type.results));
      this.types[id]!.id = id;
    }
    type.id = id;
    return id;
  }

  get(id: number): FuncType {
    const t = this.types[id];
    if (t === undefined) throw new RangeError(`unknown type id ${id}`);
    return t;
  }
}
