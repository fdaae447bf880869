export { Wasi, WASI_MODULE } from "./wasi.js";
export { DEFAULT_CLOCKS, type Clocks, type WasiOptions } from "./context.js";
export { WasiError, errnoName } from "./errors.js";
export { WasiExit } from "./syscalls/environment.js";
export { CollectedOutput, type InputSource, type OutputSink } from "./stdio.js";
export * from "./constants.js";
export type { DirEntry, FileHandle, FileStat, FileSystem, FsPath, OpenOptions } from "./fs/types.js";
export { MemoryFileSystem, type MemoryFileSystemOptions, type MemoryTree } from "./fs/memory.js";
