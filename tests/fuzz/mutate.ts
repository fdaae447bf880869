// Byte-level mutations of a valid module: bit flips, byte changes, insertions and deletions, LEB128
// tweaks, and section swaps, drops, duplications and size changes. Byte-level ones aim at the code section
// half of the time, so that many mutants still decode and reach validation or even run.

import type { Prng } from "./prng.js";
import { concat, readU32Leb, splitSections, writeU32Leb, type SectionSpan } from "./sections.js";

type Mutation = (bytes: Uint8Array, prng: Prng) => Uint8Array;

const CODE_SECTION = 10;
const INTERESTING_BYTES = [0x00, 0x01, 0x0b, 0x40, 0x41, 0x7f, 0x80, 0xff];

/** A mutant of `bytes`: one to three mutations. */
export function mutate(bytes: Uint8Array, prng: Prng): Uint8Array {
  let out = bytes;
  const n = prng.pick([1, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) out = prng.pick(MUTATIONS)(out, prng);
  return out;
}

/** A position to mutate: inside the code section's payload half of the time, anywhere after the header else. */
function position(bytes: Uint8Array, prng: Prng): number {
  const code = splitSections(bytes).find((s) => s.id === CODE_SECTION);
  if (code !== undefined && code.end > code.payload && prng.below(2) === 0) return prng.between(code.payload, code.end - 1);
  return bytes.length > 8 ? prng.between(8, bytes.length - 1) : prng.below(bytes.length);
}

function replaced(bytes: Uint8Array, at: number, deleteCount: number, insert: readonly number[]): Uint8Array {
  return concat([bytes.subarray(0, at), insert, bytes.subarray(at + deleteCount)]);
}

const flipBit: Mutation = (bytes, prng) => {
  const out = bytes.slice();
  out[position(bytes, prng)]! ^= 1 << prng.below(8);
  return out;
};

const setByte: Mutation = (bytes, prng) => {
  const out = bytes.slice();
  out[position(bytes, prng)] = prng.below(2) === 0 ? prng.pick(INTERESTING_BYTES) : prng.below(256);
  return out;
};

const insertBytes: Mutation = (bytes, prng) =>
  replaced(bytes, position(bytes, prng), 0, [...prng.bytes(prng.between(1, 4))]);

const deleteBytes: Mutation = (bytes, prng) => replaced(bytes, position(bytes, prng), prng.between(1, 8), []);

/**
 * Changes a LEB128 number at a random position: one more or one less, overlong (same value, one byte more:
 * valid up to the type's maximum length), or cut short (the continuation bit cleared).
 */
const tweakLeb: Mutation = (bytes, prng) => {
  const at = position(bytes, prng);
  const leb = readU32Leb(bytes, at);
  if (leb === null) return flipBit(bytes, prng);
  const length = leb.next - at;
  switch (prng.below(4)) {
    case 0:
      return replaced(bytes, at, length, writeU32Leb((leb.value + 1) >>> 0));
    case 1:
      return replaced(bytes, at, length, writeU32Leb(Math.max(leb.value - 1, 0)));
    case 2:
      return replaced(bytes, at, length, writeU32Leb(leb.value, length + 1));
    default: {
      const out = bytes.slice();
      out[at]! &= 0x7f;
      return out;
    }
  }
};

function withSections(bytes: Uint8Array, prng: Prng, edit: (sections: Uint8Array[]) => void): Uint8Array {
  const spans = splitSections(bytes);
  if (spans.length < 2) return flipBit(bytes, prng);
  const sections = spans.map((s: SectionSpan) => bytes.subarray(s.start, s.end));
  const rest = bytes.subarray(spans[spans.length - 1]!.end);
  edit(sections);
  return concat([bytes.subarray(0, 8), ...sections, rest]);
}

const swapSections: Mutation = (bytes, prng) =>
  withSections(bytes, prng, (sections) => {
    const i = prng.below(sections.length);
    const j = prng.below(2) === 0 ? Math.min(i + 1, sections.length - 1) : prng.below(sections.length);
    [sections[i], sections[j]] = [sections[j]!, sections[i]!];
  });

const dropSection: Mutation = (bytes, prng) => withSections(bytes, prng, (sections) => void sections.splice(prng.below(sections.length), 1));

const duplicateSection: Mutation = (bytes, prng) =>
  withSections(bytes, prng, (sections) => {
    const i = prng.below(sections.length);
    sections.splice(i, 0, sections[i]!);
  });

/** A section's size field one more or one less than its payload (a malformed binary, read one way or another). */
const resizeSection: Mutation = (bytes, prng) => {
  const spans = splitSections(bytes);
  if (spans.length === 0) return flipBit(bytes, prng);
  const s = prng.pick(spans);
  const size = s.end - s.payload + (prng.below(2) === 0 ? 1 : -1);
  return replaced(bytes, s.start + 1, s.payload - s.start - 1, writeU32Leb(Math.max(size, 0)));
};

const truncate: Mutation = (bytes, prng) => bytes.slice(0, position(bytes, prng));

const MUTATIONS: readonly Mutation[] = [
  flipBit, flipBit, flipBit, setByte, setByte, insertBytes, deleteBytes, tweakLeb, tweakLeb,
  swapSections, dropSection, duplicateSection, resizeSection, truncate,
];
