// WebAssembly.Table: a table of references (funcref: exported functions or null; externref: any value).

import { Table as HostTable, ValType, type Value } from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { addressType, addressValue, descriptorLimits, dictionary, fromAddress, webidlInterface, type AddressType } from "./webidl.js";

export type TableClass = ReturnType<typeof defineTable>;

/** The JS API's names of reference types. */
export function refType(value: unknown, what: string): ValType {
  const s = `${value}`;
  switch (s) {
    case "anyfunc": case "funcref": return ValType.FuncRef;
    case "externref": return ValType.ExternRef;
    case "anyref": return ValType.AnyRef;
    case "eqref": return ValType.EqRef;
    case "i31ref": return ValType.I31Ref;
    case "structref": return ValType.StructRef;
    case "arrayref": return ValType.ArrayRef;
    default: throw new TypeError(`${what}: unknown element type "${s}"`);
  }
}

/** The spec's DefaultValue of a reference type: null for funcref, undefined for externref. */
export function defaultRef(type: ValType): unknown {
  return type === ValType.ExternRef ? undefined : null;
}

export function defineTable(ctx: Context) {
  const hostOf = (table: unknown, what: string): HostTable =>
    ctx.requireHost(table, HostTable, "WebAssembly.Table", `WebAssembly.Table.prototype.${what}`);
  const addressOf = (host: HostTable): AddressType => (host.type.is64 === true ? "i64" : "i32");
  const checkIndex = (host: HostTable, index: number, what: string): void => {
    if (index >= host.size) throw new RangeError(`${what}: index ${index} is out of bounds (the table has ${host.size} elements)`);
  };

  class Table {
    constructor(descriptor: unknown, value?: unknown) {
      const d = dictionary(descriptor, "WebAssembly.Table: the descriptor");
      const elementValue = d.element;
      if (elementValue === undefined) throw new TypeError("WebAssembly.Table: the descriptor needs `element`");
      const element = refType(elementValue, "WebAssembly.Table");
      const address = addressType(d.address, "WebAssembly.Table");
      const { initial, maximum } = descriptorLimits(d, address, "WebAssembly.Table");
      if (maximum !== null && maximum < initial) throw new RangeError("WebAssembly.Table: maximum is below initial");
      const init = ctx.toWasm(element, arguments.length < 2 || value === undefined ? defaultRef(element) : value);
      if (initial > ctx.engine.config.maxTableSize) throw new RangeError(`WebAssembly.Table: more than ${ctx.engine.config.maxTableSize} elements`);
      ctx.bind(this, new HostTable(ctx.store, { element, limits: { min: initial, max: maximum }, is64: address === "i64" }, init));
    }

    get length(): Value {
      const host = hostOf(this, "length");
      return fromAddress(host.size, addressOf(host));
    }

    grow(delta: unknown, value?: unknown): Value {
      const host = hostOf(this, "grow");
      const address = addressOf(host);
      const n = addressValue(delta, address, "WebAssembly.Table.prototype.grow");
      const type = host.type.element;
      const init = ctx.toWasm(type, arguments.length < 2 || value === undefined ? defaultRef(type) : value);
      let old: number;
      try {
        old = host.grow(n, init);
      } catch (e) {
        throw e instanceof RangeError ? e : new RangeError(`WebAssembly.Table.prototype.grow: ${(e as Error).message}`, { cause: e });
      }
      return fromAddress(old, address);
    }

    get(index: unknown): unknown {
      const host = hostOf(this, "get");
      const i = addressValue(index, addressOf(host), "WebAssembly.Table.prototype.get");
      checkIndex(host, i, "WebAssembly.Table.prototype.get");
      return ctx.toJS(host.type.element, host.get(i));
    }

    set(index: unknown, value?: unknown): void {
      const host = hostOf(this, "set");
      const i = addressValue(index, addressOf(host), "WebAssembly.Table.prototype.set");
      checkIndex(host, i, "WebAssembly.Table.prototype.set");
      const type = host.type.element;
      host.set(i, ctx.toWasm(type, arguments.length < 2 ? defaultRef(type) : value));
    }
  }
  webidlInterface(Table, "WebAssembly.Table", 1);
  Object.defineProperty(Table.prototype.grow, "length", { value: 1 });
  Object.defineProperty(Table.prototype.set, "length", { value: 1 });
  return Table;
}

