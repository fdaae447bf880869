// Proposals that Node 20's V8 runs unconditionally (no flag turns them off) and wasmi-ts does not implement:
// threads (atomic instructions, shared memories) and exception handling (its first version: try, catch, ...).
// A mutant can stumble into them (a flipped byte becomes `try`); V8 then accepts what wasmi-ts rejects.

const OPCODES: ReadonlyMap<number, string> = new Map([
  [0xfe, "threads: atomic instruction"],
  [0x06, "exception handling: try"],
  [0x07, "exception handling: catch"],
  [0x08, "exception handling: throw"],
  [0x09, "exception handling: rethrow"],
  [0x18, "exception handling: delegate"],
  [0x19, "exception handling: catch_all"],
]);

const LIMITS_SHARED = 0x02;

/**
 * The proposal that explains wasmi-ts's rejection of `bytes` (its reason and offset), when the rejection is
 * at one of those proposals' constructs; else null.
 */
export function v8OnlyProposal(bytes: Uint8Array, reason: string, offset: number): string | null {
  const byte = bytes[offset];
  if (byte === undefined) return null;
  if (reason.startsWith("illegal opcode")) return OPCODES.get(byte) ?? null;
  if (reason === "malformed limits flags" && (byte & LIMITS_SHARED) !== 0) return "threads: shared memory";
  return null;
}
