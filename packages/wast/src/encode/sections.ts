import type { CustomSection } from "./annotations.js";
import { encodeNameSection } from "./names.js";
import type { ModuleOutput } from "./output.js";
import { encodeTypeSection, type TypeGroup } from "./typedefs.js";
import { ByteWriter } from "./writer.js";

/** A section's text-format name (as used by `@custom` placement), binary id and contents. */
interface Section {
  name: string;
  id: number;
  body: ByteWriter | undefined;
}

function vec(items: Uint8Array[]): ByteWriter | undefined {
  if (items.length === 0) return undefined;
  const w = new ByteWriter().u32(items.length);
  for (const i of items) w.bytes(i);
  return w;
}

/** Assembles the binary module: header, sections in their required order, custom sections. */
export function assemble(
  groups: TypeGroup[],
  out: ModuleOutput,
  customs: CustomSection[],
  usesDataIndex: boolean,
): Uint8Array {
  const funcs = out.funcs.length > 0 ? new ByteWriter().u32(out.funcs.length) : undefined;
  for (const t of out.funcs) funcs!.u32(t);
  const sections: Section[] = [
    { name: "type", id: 1, body: groups.length > 0 ? encodeTypeSection(groups) : undefined },
    { name: "import", id: 2, body: vec(out.imports) },
    { name: "func", id: 3, body: funcs },
    { name: "table", id: 4, body: vec(out.tables) },
    { name: "memory", id: 5, body: vec(out.memories) },
    { name: "tag", id: 13, body: vec(out.tags) },
    { name: "global", id: 6, body: vec(out.globals) },
    { name: "export", id: 7, body: vec(out.exports) },
    { name: "start", id: 8, body: out.start === undefined ? undefined : new ByteWriter().u32(out.start) },
    { name: "elem", id: 9, body: vec(out.elems) },
    // Present when there are segments, or when code names one (it must then be there, even for zero).
    { name: "datacount", id: 12, body: out.datas.length > 0 || usesDataIndex ? new ByteWriter().u32(out.datas.length) : undefined },
    { name: "code", id: 10, body: vec(out.codes) },
    { name: "data", id: 11, body: vec(out.datas) },
  ];
  const w = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const customsAt = (place: "before" | "after", anchor: string): void => {
    for (const c of customs) {
      if (c.place === place && c.anchor === anchor) {
        w.byte(0).sized(new ByteWriter().name(c.name).bytes(c.content));
      }
    }
  };
  customsAt("before", "first");
  for (const s of sections) {
    customsAt("before", s.name);
    if (s.body !== undefined) w.byte(s.id).sized(s.body);
    customsAt("after", s.name);
  }
  const names = encodeNameSection(out);
  if (names !== undefined) w.byte(0).sized(names);
  customsAt("after", "last");
  return w.finish();
}
