// The package's own namespace, made on first import (an engine and a store; nothing global is touched).
import { createWebAssembly } from "./namespace.js";

export const WebAssembly = createWebAssembly();
