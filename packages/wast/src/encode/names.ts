import type { ModuleOutput } from "./output.js";
import { ByteWriter, utf8 } from "./writer.js";

/** The `name` custom section's contents: module name, function names and local names. */
export function encodeNameSection(out: ModuleOutput): ByteWriter | undefined {
  const w = new ByteWriter().name(utf8("name"));
  let any = false;
  if (out.moduleName !== undefined) {
    w.byte(0).sized(new ByteWriter().name(utf8(out.moduleName)));
    any = true;
  }
  if (out.funcNames.size > 0) {
    w.byte(1).sized(nameMap(out.funcNames));
    any = true;
  }
  if (out.localNames.size > 0) {
    const sub = new ByteWriter().u32(out.localNames.size);
    for (const [f, locals] of [...out.localNames].sort((a, b) => a[0] - b[0])) {
      sub.u32(f).bytes(nameMap(locals).finish());
    }
    w.byte(2).sized(sub);
    any = true;
  }
  return any ? w : undefined;
}

function nameMap(names: Map<number, string>): ByteWriter {
  const w = new ByteWriter().u32(names.size);
  for (const [i, n] of [...names].sort((a, b) => a[0] - b[0])) w.u32(i).name(utf8(n));
  return w;
}
