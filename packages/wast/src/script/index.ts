export { parseScript } from "./parse.js";
export { parseWat } from "./wat.js";
export { moduleBinary } from "./module.js";
export type * from "./types.js";
