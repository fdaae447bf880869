// The JS API's error types: WebAssembly.CompileError, LinkError and RuntimeError, which behave like the
// language's own NativeError constructors (callable with or without `new`, `name` on the prototype).

export interface WasmErrorConstructor {
  new (message?: string, options?: ErrorOptions): Error;
  (message?: string, options?: ErrorOptions): Error;
  readonly prototype: Error;
}

/** A NativeError-like constructor named `name`, a subclass of Error. */
function nativeError(name: string): WasmErrorConstructor {
  const ctor = function (this: unknown, message?: string, options?: ErrorOptions): Error {
    const target = new.target ?? ctor;
    // like NativeError: an own `message` only when one is given, `cause` from the options (Error does both)
    return Reflect.construct(Error, message === undefined ? [] : [message, options], target) as Error;
  } as unknown as WasmErrorConstructor;
  Object.defineProperty(ctor, "name", { value: name });
  Object.defineProperty(ctor, "length", { value: 1 });
  Object.setPrototypeOf(ctor, Error);
  const prototype = Object.create(Error.prototype, {
    constructor: { value: ctor, writable: true, enumerable: false, configurable: true },
    name: { value: name, writable: true, enumerable: false, configurable: true },
    message: { value: "", writable: true, enumerable: false, configurable: true },
  });
  Object.defineProperty(ctor, "prototype", { value: prototype, writable: false, enumerable: false, configurable: false });
  return ctor;
}

export const CompileError = nativeError("CompileError");
export const LinkError = nativeError("LinkError");
export const RuntimeError = nativeError("RuntimeError");
