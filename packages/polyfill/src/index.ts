export { WebAssembly } from "./default.js";
export { createWebAssembly, type WebAssemblyNamespace, type NamespaceOptions } from "./namespace.js";
export { install, type InstallOptions } from "./install.js";
export { CompileError, LinkError, RuntimeError } from "./errors.js";
