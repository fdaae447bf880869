import type { FileStat } from "./types.js";

/** Most files whose exact times are remembered (the oldest are forgotten first). */
const CAPACITY = 4096;

/** One time of a file: what the host stored (to its precision), and the exact time it stands for. */
interface Kept {
  host: bigint;
  exact: bigint;
}

interface Noted {
  atim?: Kept;
  mtim?: Kept;
}

/**
 * What to remember of one time after a set: the time asked (`set`), or, when it was only kept (node:fs
 * rewrites it, maybe a microsecond off), the time it had: the exact one noted earlier if that was still
 * current, else the host's. `before` and `after` are the host's values around the set.
 */
function kept(previous: Kept | undefined, set: bigint | null, before: bigint, after: bigint): Kept {
  const exact = set ?? (previous !== undefined && previous.host === before ? previous.exact : before);
  return { host: after, exact };
}

/**
 * The exact times last set on files. node:fs keeps times to the microsecond only, but WASI sets and reads
 * them in nanoseconds, and programs check that they read back what they set. So the time asked for is
 * noted with what the host stored, by device and inode, and a later stat reports the exact time for as
 * long as the host still holds the one set (a write that changes it ends that).
 */
export class ExactTimes {
  private readonly noted = new Map<string, Noted>();

  /**
   * Notes that `atim` / `mtim` were set (null: kept as it was, which node:fs can only do by writing the
   * time again, maybe a microsecond off); `before` and `after` are the file's host stats around it.
   */
  note(before: FileStat, after: FileStat, atim: bigint | null, mtim: bigint | null): void {
    const key = `${after.dev}:${after.ino}`;
    const entry = this.noted.get(key) ?? {};
    entry.atim = kept(entry.atim, atim, before.atim, after.atim);
    entry.mtim = kept(entry.mtim, mtim, before.mtim, after.mtim);
    this.noted.delete(key); // re-inserted last: the most recent
    this.noted.set(key, entry);
    if (this.noted.size > CAPACITY) this.noted.delete(this.noted.keys().next().value!);
  }

  /** `stat` with the exact times of the ones that are still what was set. */
  apply(stat: FileStat): FileStat {
    const entry = this.noted.get(`${stat.dev}:${stat.ino}`);
    if (entry === undefined) return stat;
    if (entry.atim !== undefined && stat.atim === entry.atim.host) stat.atim = entry.atim.exact;
    if (entry.mtim !== undefined && stat.mtim === entry.mtim.host) stat.mtim = entry.mtim.exact;
    return stat;
  }
}
