import { Errno } from "./constants.js";

const ERRNO_NAMES = new Map<number, string>(Object.entries(Errno).map(([name, n]) => [n, name.toLowerCase()]));

/** The name of a WASI errno (`noent`, `badf`, ...). */
export function errnoName(errno: number): string {
  return ERRNO_NAMES.get(errno) ?? `errno ${errno}`;
}

/**
 * A failure that the guest sees as an errno: file systems throw it, the WASI functions catch it and return
 * its `errno`. Anything else a file system throws is a bug of the host, and traps the guest.
 */
export class WasiError extends Error {
  override name = "WasiError";

  constructor(readonly errno: Errno, message?: string) {
    super(message ?? errnoName(errno));
  }
}
