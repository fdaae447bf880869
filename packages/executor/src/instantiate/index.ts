export { compileModule } from "./compile.js";
export { instantiate } from "./instantiate.js";
export { evalConstExpr, evalOffset, evalRef } from "./const-expr.js";
export { checkImport, checkImports, limitsMatch } from "./import-match.js";
export { tableTypeAt, memoryTypeAt } from "./index-spaces.js";
export { allocMemory, allocTable } from "./allocate.js";
// The compiled form instantiate() consumes (not re-exported by the package index otherwise).
export { CompiledModule } from "../module/compiled.js";
