// What JavaScript sees of a WebAssembly struct or array (the JS API of GC): an opaque object, with no
// prototype, no properties and no way to add any (reads give undefined, everything else throws a
// TypeError). A Proxy over an empty non-extensible object stands for each GC object, one per object
// (kept in a WeakMap), so identity holds: the same struct is the same JS value every time, and passing
// it back to WebAssembly gives the struct itself.

import { GcArray, GcStruct } from "@wasmi-ts/host";

function refuse(): never {
  throw new TypeError("WebAssembly GC objects are opaque to JavaScript");
}

const HANDLER: ProxyHandler<object> = {
  get: () => undefined,
  set: refuse,
  has: () => false,
  deleteProperty: refuse,
  defineProperty: refuse,
  getOwnPropertyDescriptor: () => undefined,
  ownKeys: () => [],
  getPrototypeOf: () => null,
  setPrototypeOf: () => false,
  isExtensible: () => false,
  preventExtensions: () => false,
};

/** The JS views of the GC objects that have crossed into JavaScript. */
export class GcObjects {
  private readonly views = new WeakMap<object, object>();
  private readonly objects = new WeakMap<object, object>();

  /** `v` as JavaScript sees it: a GC object's opaque view, anything else itself. */
  toJS(v: unknown): unknown {
    if (!(v instanceof GcStruct || v instanceof GcArray)) return v;
    let view = this.views.get(v);
    if (view === undefined) {
      view = new Proxy(Object.preventExtensions(Object.create(null) as object), HANDLER);
      this.views.set(v, view);
      this.objects.set(view, v);
    }
    return view;
  }

  /** The GC object of a view, or `v` itself. */
  fromJS(v: unknown): unknown {
    return typeof v === "object" && v !== null ? (this.objects.get(v) ?? v) : v;
  }
}
