export * from "./errors.js";
export * from "./config.js";
export * from "./module/ir.js";
export * from "./decode/index.js";
export * from "./validate/index.js";
export * from "./translate/index.js";
export * from "./interpret/index.js";
export * from "./instantiate/index.js";
