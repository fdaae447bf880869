export { Wasi, WASI_MODULE } from "./wasi.js";
export { DEFAULT_CLOCKS, type Clocks, type WasiOptions } from "./context.js";
export { WasiError, errnoName } from "./errors.js";
export { WasiExit } from "./syscalls/environment.js";
export { CollectedOutput, type AsyncInputSource, type InputSource, type OutputSink } from "./stdio.js";
export * from "./constants.js";
export {
  isAsyncFileSystem, type AnyFileHandle, type AnyFileSystem, type AsyncFileHandle, type AsyncFileSystem, type DirEntry,
  type FileHandle, type FileStat, type FileSystem, type FsPath, type MaybePromise, type OpenOptions,
} from "./fs/types.js";
export { MemoryFileSystem, type MemoryFileSystemOptions, type MemoryTree } from "./fs/memory.js";
export { toAsyncFileSystem, type ToAsyncOptions } from "./fs/to-async.js";
export {
  FetchFileSystem, type Fetch, type FetchFileSystemOptions, type FetchIndex, type FetchResponse,
} from "./fs/fetch.js";
