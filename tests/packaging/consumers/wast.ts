// prints: 41 bytes, starts with \0asm: true
// prints: commands: module, assert_return
import { parseScript, parseWat } from "@wasmi-ts/wast";

const bytes = parseWat('(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))');
const magic = [0x00, 0x61, 0x73, 0x6d].every((b, i) => bytes[i] === b);
console.log(`${bytes.length} bytes, starts with \\0asm: ${magic}`);

const script = parseScript('(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 1))', "t.wast");
console.log(`commands: ${[...script].map((cmd) => cmd.kind).join(", ")}`);
