// `@wasmi-ts/wasi/node`: what only Node.js has: host directories as file systems (node:fs), and the
// process's own standard streams.
import { readSync, writeSync } from "node:fs";
import type { InputSource, OutputSink } from "./stdio.js";

export { NodeFileSystem } from "./fs/node.js";

/** The process's standard input, read as the guest asks for it (blocking). */
export const processStdin: InputSource = (max: number) => {
  const buffer = new Uint8Array(Math.min(max, 65_536));
  try {
    const n = readSync(0, buffer, 0, buffer.length, null);
    return buffer.subarray(0, n);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EOF") return null;
    if ((e as NodeJS.ErrnoException).code === "EAGAIN") return new Uint8Array(0);
    throw e;
  }
};

function writeAll(fd: number, data: Uint8Array): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/** The process's standard output and error, written synchronously (in order with the guest's writes). */
export const processStdout: OutputSink = (data) => writeAll(1, data);
export const processStderr: OutputSink = (data) => writeAll(2, data);
