// WebAssembly.Global: a global variable, with `value` (settable when mutable) and `valueOf()`.

import { Global as HostGlobal, ValType } from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { defaultRef } from "./table.js";
import { dictionary, webidlInterface } from "./webidl.js";

export type GlobalClass = ReturnType<typeof defineGlobal>;

/** The JS API's names of value types. */
export function valueType(value: unknown, what: string): ValType {
  const s = `${value}`;
  switch (s) {
    case "i32": return ValType.I32;
    case "i64": return ValType.I64;
    case "f32": return ValType.F32;
    case "f64": return ValType.F64;
    case "v128": return ValType.V128;
    case "anyfunc": case "funcref": return ValType.FuncRef;
    case "externref": return ValType.ExternRef;
    case "anyref": return ValType.AnyRef;
    case "eqref": return ValType.EqRef;
    case "i31ref": return ValType.I31Ref;
    case "structref": return ValType.StructRef;
    case "arrayref": return ValType.ArrayRef;
    default: throw new TypeError(`${what}: unknown value type "${s}"`);
  }
}

/** The spec's DefaultValue of a value type. */
function defaultValue(type: ValType): unknown {
  switch (type) {
    case ValType.I64: return 0n;
    case ValType.FuncRef: case ValType.ExternRef: case ValType.AnyRef: case ValType.EqRef: case ValType.I31Ref:
    case ValType.StructRef: case ValType.ArrayRef:
      return defaultRef(type);
    default: return 0;
  }
}

export function defineGlobal(ctx: Context) {
  const hostOf = (global: unknown, what: string): HostGlobal =>
    ctx.requireHost(global, HostGlobal, "WebAssembly.Global", `WebAssembly.Global.prototype.${what}`);
  const read = (host: HostGlobal): unknown => ctx.toJS(host.type.type, host.value);

  class Global {
    constructor(descriptor: unknown, v?: unknown) {
      if (typeof descriptor !== "object" && typeof descriptor !== "function" && descriptor !== undefined && descriptor !== null) {
        throw new TypeError("WebAssembly.Global: the descriptor must be an object");
      }
      const d = dictionary(descriptor, "WebAssembly.Global: the descriptor");
      const mutable = Boolean(d.mutable);
      const typeValue = d.value;
      if (typeValue === undefined) throw new TypeError("WebAssembly.Global: the descriptor needs `value`");
      const type = valueType(typeValue, "WebAssembly.Global");
      if (type === ValType.V128) throw new TypeError("WebAssembly.Global: v128 globals cannot be created from JavaScript");
      const value = ctx.toWasm(type, v === undefined ? defaultValue(type) : v);
      ctx.bind(this, new HostGlobal(ctx.store, { type, mutable }, value));
    }

    get value(): unknown {
      return read(hostOf(this, "value"));
    }

    set value(v: unknown) {
      const host = hostOf(this, "value");
      if (!host.type.mutable) throw new TypeError("WebAssembly.Global: cannot set the value of an immutable global");
      host.value = ctx.toWasm(host.type.type, v);
    }

    valueOf(): unknown {
      return read(hostOf(this, "valueOf"));
    }
  }
  webidlInterface(Global, "WebAssembly.Global", 1);
  return Global;
}

