import type { TypeRegistry } from "@wasmi-ts/store";
import { DEFAULT_FEATURES, type WasmFeatures } from "../decode/features.js";
import type { ModuleIR } from "../module/ir.js";
import { DeferredBodies } from "./deferred-bodies.js";
import { validateIR } from "./module-validator.js";

export { canonicalValType, canonicalHeapType } from "./type-section.js";
export { blockType, blockValType, funcTypeAt, funcType, memoryAddressType, tableAddressType, type BlockSignature } from "./module-types.js";
export { validateConstExpr } from "./const-expr.js";
export { FuncValidator } from "./func-validator.js";
export { DeferredBodies } from "./deferred-bodies.js";

/**
 * Validates a decoded module (type-checks every function body, constant expression, segment, export
 * and limit); throws ValidationError with the spec interpreter's wording. Use the same features as for
 * decoding.
 */
export function validateModule(
  ir: ModuleIR,
  features: Readonly<WasmFeatures> = DEFAULT_FEATURES,
  registry?: TypeRegistry,
): void {
  validateIR(ir, features, false, registry);
}

/**
 * Validates everything of a decoded module except its function bodies (types, imports, limits, constant
 * expressions, segments, start, exports) and returns what validates the bodies later, one at a time
 * (lazy validation: `ExecutorConfig.lazyValidation`).
 */
export function validateModuleDeferringBodies(
  ir: ModuleIR,
  features: Readonly<WasmFeatures>,
  registry?: TypeRegistry,
): DeferredBodies {
  return new DeferredBodies(ir, features, validateIR(ir, features, true, registry));
}
