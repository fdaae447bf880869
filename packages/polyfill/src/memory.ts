// WebAssembly.Memory: a linear memory, with `buffer` (detached and replaced by every growth, even by 0
// pages, as the spec says) and `grow`. A shared memory's buffer is a growable SharedArrayBuffer (where the
// host has one: else an ArrayBuffer, single-thread), the same object for the memory's life: it grows in
// place, where the JS API would give a new SharedArrayBuffer object of the new length and leave the old
// object's length as it was (pure JavaScript cannot make a fixed-length alias of a growable buffer).

import { Memory as HostMemory, type Value } from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { addressType, addressValue, descriptorLimits, dictionary, fromAddress, webidlInterface, type AddressType } from "./webidl.js";

export type MemoryClass = ReturnType<typeof defineMemory>;

export function defineMemory(ctx: Context) {
  const hostOf = (memory: unknown, what: string): HostMemory =>
    ctx.requireHost(memory, HostMemory, "WebAssembly.Memory", `WebAssembly.Memory.prototype.${what}`);
  const addressOf = (host: HostMemory): AddressType => (host.type.is64 === true ? "i64" : "i32");

  class Memory {
    constructor(descriptor: unknown) {
      const d = dictionary(descriptor, "WebAssembly.Memory: the descriptor");
      // dictionary members in lexicographic order, each converted when read
      const address = addressType(d.address, "WebAssembly.Memory");
      const { initial, maximum } = descriptorLimits(d, address, "WebAssembly.Memory");
      const shared = Boolean(d.shared);
      if (maximum !== null && maximum < initial) throw new RangeError("WebAssembly.Memory: maximum is below initial");
      if (shared && maximum === null) throw new TypeError("WebAssembly.Memory: a shared memory needs a maximum");
      const limit = address === "i64" ? 2 ** 48 : 65536;
      if (initial > limit || (maximum !== null && maximum > limit)) {
        throw new RangeError(`WebAssembly.Memory: more than ${limit} pages`);
      }
      let host: HostMemory;
      try {
        host = new HostMemory(ctx.store, { limits: { min: initial, max: maximum }, is64: address === "i64", ...(shared ? { shared } : {}) });
      } catch (e) {
        throw e instanceof RangeError ? e : new RangeError(`WebAssembly.Memory: cannot allocate ${initial} pages`, { cause: e });
      }
      ctx.bind(this, host);
    }

    get buffer(): ArrayBuffer | SharedArrayBuffer {
      const buffer = hostOf(this, "buffer").buffer;
      // a shared memory's SharedArrayBuffer is frozen, as the JS API's are
      if (!(buffer instanceof ArrayBuffer) && !Object.isFrozen(buffer)) Object.freeze(buffer);
      return buffer;
    }

    grow(delta: unknown): Value {
      const host = hostOf(this, "grow");
      const address = addressOf(host);
      const pages = addressValue(delta, address, "WebAssembly.Memory.prototype.grow");
      let old: number;
      try {
        old = host.grow(pages);
      } catch (e) {
        throw e instanceof RangeError ? e : new RangeError(`WebAssembly.Memory.prototype.grow: ${(e as Error).message}`, { cause: e });
      }
      if (pages === 0) host.refreshBuffer(); // the spec detaches the buffer even when nothing is added
      return fromAddress(old, address);
    }
  }
  webidlInterface(Memory, "WebAssembly.Memory", 1);
  return Memory;
}

