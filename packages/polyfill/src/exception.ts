// WebAssembly.Tag, WebAssembly.Exception and WebAssembly.JSTag (exception handling). A WebAssembly.Exception
// is a host `Exception`; Wasm code catches it when a JS function throws it, and JS gets it back when Wasm
// throws. Any other value a JS function throws is, for Wasm, an exception of JSTag carrying that value as an
// externref: `catch_all` and `catch $JSTag` catch it, and when it leaves Wasm, JS gets the value itself.
// (The host API keeps other JS errors uncatchable; the JS API makes them exceptions, so this is done here.)

import { Exception as HostException, Tag as HostTag, ValType } from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { valueType } from "./global.js";
import { dictionary, enforceRange, webidlInterface } from "./webidl.js";

export type ExceptionClasses = ReturnType<typeof defineExceptions>;

export function defineExceptions(ctx: Context) {
  const tagOf = (tag: unknown, what: string): HostTag => ctx.requireHost(tag, HostTag, "WebAssembly.Tag", what);
  const exceptionOf = (exn: unknown, what: string): HostException =>
    ctx.requireHost(exn, HostException, "WebAssembly.Exception", `WebAssembly.Exception.prototype.${what}`);

  class Tag {
    constructor(type: unknown) {
      if (typeof type !== "object" || type === null) throw new TypeError("WebAssembly.Tag: the type must be an object");
      const parameters = dictionary(type, "WebAssembly.Tag: the type").parameters;
      if (parameters === undefined) throw new TypeError("WebAssembly.Tag: the type needs `parameters`");
      const params = iterableToList(parameters, "WebAssembly.Tag: parameters").map((p) => valueType(p, "WebAssembly.Tag"));
      ctx.bind(this, new HostTag(ctx.store, { params }));
    }
  }
  webidlInterface(Tag, "WebAssembly.Tag", 1);

  const jsTagHost = new HostTag(ctx.store, { params: [ValType.ExternRef] });
  const JSTag = ctx.wrap(Tag.prototype, jsTagHost);

  class Exception {
    constructor(exceptionTag: unknown, payload: unknown, options?: unknown) {
      const tag = tagOf(exceptionTag, "WebAssembly.Exception");
      if (tag === jsTagHost) throw new TypeError("WebAssembly.Exception: exceptions of WebAssembly.JSTag cannot be made");
      const values = iterableToList(payload, "WebAssembly.Exception: payload");
      const params = tag.type.params;
      if (values.length !== params.length) {
        throw new TypeError(`WebAssembly.Exception: the tag takes ${params.length} value(s), got ${values.length}`);
      }
      const host = new HostException(ctx.store, tag, params.map((t, i) => ctx.toWasm(t, values[i])));
      ctx.bind(this, host);
      if (dictionary(options, "WebAssembly.Exception: options").traceStack === true) {
        Object.defineProperty(this, "stack", { value: new Error().stack, writable: true, configurable: true });
      }
    }

    getArg(exceptionTag: unknown, index: unknown): unknown {
      const exn = exceptionOf(this, "getArg");
      const tag = tagOf(exceptionTag, "WebAssembly.Exception.prototype.getArg");
      const i = enforceRange(index, "WebAssembly.Exception.prototype.getArg: index");
      if (!exn.is(tag)) throw new TypeError("WebAssembly.Exception.prototype.getArg: the exception is not of this tag");
      const params = tag.type.params;
      if (i >= params.length) throw new RangeError(`WebAssembly.Exception.prototype.getArg: index ${i} out of range`);
      return ctx.toJS(params[i]!, exn.getArg(i));
    }

    is(exceptionTag: unknown): boolean {
      const exn = exceptionOf(this, "is");
      return exn.is(tagOf(exceptionTag, "WebAssembly.Exception.prototype.is"));
    }
  }
  webidlInterface(Exception, "WebAssembly.Exception", 2);

  /** What Wasm sees of a value a JS function threw: its exception, or an exception of JSTag. */
  const toWasmThrow = (thrown: unknown): unknown => {
    const exn = ctx.hostOf(thrown, HostException);
    if (exn !== undefined) return exn;
    const trap = ctx.trapOf(thrown);
    if (trap !== undefined) return trap; // a trap passing through JS stays a trap
    if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) return thrown; // stack exhaustion
    return new HostException(ctx.store, jsTagHost, [thrown]);
  };

  /** What JS sees of an exception leaving Wasm: the thrown JS value for JSTag, else its WebAssembly.Exception. */
  const toJsThrow = (exn: HostException): unknown => {
    if (exn.tag === jsTagHost) return exn.getArg(0);
    return ctx.objectOf(exn, Exception.prototype);
  };

  ctx.thrownToWasm = toWasmThrow;
  ctx.exceptionToJs = toJsThrow;
  return { Tag, Exception, JSTag };
}

/** WebIDL `sequence<T>` from an iterable object (a TypeError for anything else). */
function iterableToList(value: unknown, what: string): unknown[] {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new TypeError(`${what} must be an iterable object`);
  }
  const method = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== "function") throw new TypeError(`${what} must be iterable`);
  const list: unknown[] = [];
  for (const v of { [Symbol.iterator]: () => method.call(value) as Iterator<unknown> }) list.push(v);
  return list;
}
