// Putting a namespace on globalThis.WebAssembly, as the host's own would be: writable, configurable,
// not enumerable.

import { WebAssembly } from "./default.js";
import type { WebAssemblyNamespace } from "./namespace.js";

export interface InstallOptions {
  /** Replace a `WebAssembly` the host already has (default: only install where it is missing). */
  force?: boolean;
  /** The namespace to install (default: the package's `WebAssembly`). */
  namespace?: WebAssemblyNamespace;
}

/** Sets `globalThis.WebAssembly` where it is missing (or always, with `force`); returns whether it did. */
export function install(options: InstallOptions = {}): boolean {
  const g = globalThis as { WebAssembly?: unknown };
  if (g.WebAssembly !== undefined && options.force !== true) return false;
  Object.defineProperty(globalThis, "WebAssembly", {
    value: options.namespace ?? WebAssembly,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return true;
}
