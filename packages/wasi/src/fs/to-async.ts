// A synchronous `FileSystem` seen as an `AsyncFileSystem` whose every answer comes late: for tests (the
// asynchronous path of every WASI function, with any backend) and for code written against the async
// interface. Each operation runs only after the delay, so a read fills its buffer, and a write reads its
// data, after the WASI call has started waiting.

import type { AsyncFileHandle, AsyncFileSystem, FileHandle, FileSystem } from "./types.js";

export interface ToAsyncOptions {
  /** How late: after a microtask (default), or after a macrotask, a turn of the event loop in which
   * timers, I/O and other async calls run. */
  delay?: "microtask" | "macrotask";
}

function macrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown; setTimeout?: (f: () => void, ms: number) => unknown };
  return new Promise((resolve) => {
    if (typeof g.setImmediate === "function") g.setImmediate(resolve);
    else if (typeof g.setTimeout === "function") g.setTimeout(resolve, 0);
    else void Promise.resolve().then(resolve);
  });
}

/** `fs` as an `AsyncFileSystem` whose operations (and those of its files) settle after `options.delay`. */
export function toAsyncFileSystem(fs: FileSystem, options: ToAsyncOptions = {}): AsyncFileSystem {
  const wait = options.delay === "macrotask" ? macrotask : () => Promise.resolve();
  const later = <R>(operation: () => R): Promise<R> => wait().then(operation);
  const handle = (h: FileHandle): AsyncFileHandle => ({
    read: (buffer, position) => later(() => h.read(buffer, position)),
    write: (data, position) => later(() => h.write(data, position)),
    stat: () => later(() => h.stat()),
    setSize: (size) => later(() => h.setSize(size)),
    setTimes: (atim, mtim) => later(() => h.setTimes(atim, mtim)),
    sync: () => later(() => h.sync()),
    close: () => later(() => h.close()),
  });
  return {
    async: true,
    lstat: (path) => later(() => fs.lstat(path)),
    readlink: (path) => later(() => fs.readlink(path)),
    open: (path, openOptions) => later(() => handle(fs.open(path, openOptions))),
    readdir: (path) => later(() => fs.readdir(path)),
    mkdir: (path) => later(() => fs.mkdir(path)),
    rmdir: (path) => later(() => fs.rmdir(path)),
    unlink: (path) => later(() => fs.unlink(path)),
    rename: (from, to) => later(() => fs.rename(from, to)),
    link: (from, to) => later(() => fs.link(from, to)),
    symlink: (target, path) => later(() => fs.symlink(target, path)),
    setTimes: (path, atim, mtim) => later(() => fs.setTimes(path, atim, mtim)),
  };
}
