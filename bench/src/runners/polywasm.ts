// polywasm: a WebAssembly polyfill that translates each Wasm function to a JS function.
import { WebAssembly as polywasm } from "polywasm";
import { type JsWebAssembly, jsApiRunner } from "./js-api.js";

export const runner = jsApiRunner("polywasm", () => polywasm as JsWebAssembly, "polywasm is not installed");
