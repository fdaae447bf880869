// prints: 5
// prints: exit code 0
import { main } from "@wasmi-ts/cli";

const wat = '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))';
const code = main(["add.wat", "--invoke", "add", "2", "3"], {
  stdout: (line) => console.log(line),
  stderr: (line) => console.log(`stderr: ${line}`),
  readFile: () => Uint8Array.from(wat, (ch) => ch.charCodeAt(0)),
});
console.log(`exit code ${code}`);
