// prints: add(2, 3) = 5
// prints: a WebAssembly.Instance: true
// prints: installed over the host's own: false
import { WebAssembly, install } from "@wasmi-ts/polyfill";

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03,
  0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20,
  0x00, 0x20, 0x01, 0x6a, 0x0b,
]);
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
const { add } = instance.exports as { add: (a: number, b: number) => number };
console.log(`add(2, 3) = ${add(2, 3)}`);
console.log(`a WebAssembly.Instance: ${Object.prototype.toString.call(instance) === "[object WebAssembly.Instance]"}`);
console.log(`installed over the host's own: ${install()}`);
