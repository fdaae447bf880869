// prints: add(40, 2) = 42
import * as c from "@wasmi-ts/capi";

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const add = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03,
  0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20,
  0x00, 0x20, 0x01, 0x6a, 0x0b,
]);
const engine = c.wasm_engine_new();
const store = c.wasm_store_new(engine);
const compiled = c.wasm_module_new(store, add);
const trap = { value: c.NULL };
const instance = c.wasm_instance_new(store, compiled, [], trap);
const [addExport] = c.wasm_instance_exports(instance);
const results: c.wasm_val_t[] = [];
const args: c.wasm_val_t[] = [c.wasm_val_new(c.WASM_I32, 40), c.wasm_val_new(c.WASM_I32, 2)];
if (c.wasm_func_call(c.wasm_extern_as_func(addExport!), args, results) === c.NULL) {
  console.log(`add(40, 2) = ${String(results[0]!.of)}`);
}
c.wasm_store_delete(store);
c.wasm_engine_delete(engine);
