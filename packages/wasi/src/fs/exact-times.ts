import type { FileStat } from "./types.js";

/** Most files whose exact times are remembered (the oldest are forgotten first). */
const CAPACITY = 4096;

interface Noted {
  /** What the host stored (to its precision) and what was asked, for each time; undefined: not set. */
  atimHost?: bigint;
  atim?: bigint;
  mtimHost?: bigint;
  mtim?: bigint;
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
    if (atim !== null) {
      entry.atimHost = after.atim;
      entry.atim = atim;
    } else {
      // kept: it was rewritten, so remember what it was (the exact time set earlier, if still current)
      entry.atim = entry.atim !== undefined && entry.atimHost === before.atim ? entry.atim : before.atim;
      entry.atimHost = after.atim;
    }
    if (mtim !== null) {
      entry.mtimHost = after.mtim;
      entry.mtim = mtim;
    } else {
      entry.mtim = entry.mtim !== undefined && entry.mtimHost === before.mtim ? entry.mtim : before.mtim;
      entry.mtimHost = after.mtim;
    }
    this.noted.delete(key); // re-inserted last: the most recent
    this.noted.set(key, entry);
    if (this.noted.size > CAPACITY) this.noted.delete(this.noted.keys().next().value!);
  }

  /** `stat` with the exact times of the ones that are still what was set. */
  apply(stat: FileStat): FileStat {
    const entry = this.noted.get(`${stat.dev}:${stat.ino}`);
    if (entry === undefined) return stat;
    if (entry.atim !== undefined && stat.atim === entry.atimHost) stat.atim = entry.atim;
    if (entry.mtim !== undefined && stat.mtim === entry.mtimHost) stat.mtim = entry.mtim;
    return stat;
  }
}
