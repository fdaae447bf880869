// WebAssembly.Memory: a linear memory, with `buffer` (detached and replaced by every growth, even by 0
// pages, as the spec says) and `grow`.

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
      if (shared) throw new TypeError("WebAssembly.Memory: shared memories are not supported by wasmi-ts (no threads)");
      const limit = address === "i64" ? 2 ** 48 : 65536;
      if (initial > limit || (maximum !== null && maximum > limit)) {
        throw new RangeError(`WebAssembly.Memory: more than ${limit} pages`);
      }
      let host: HostMemory;
      try {
        host = new HostMemory(ctx.store, { limits: { min: initial, max: maximum }, is64: address === "i64" });
      } catch (e) {
        throw e instanceof RangeError ? e : new RangeError(`WebAssembly.Memory: cannot allocate ${initial} pages`, { cause: e });
      }
      ctx.bind(this, host);
    }

    get buffer(): ArrayBuffer {
      return hostOf(this, "buffer").buffer;
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

