import type { ValType } from "./types.js";

/** An element segment at run time: its references (see `refs.ts`); dropped segments become empty. */
export class ElemEntity {
  constructor(
    readonly type: ValType,
    public elements: unknown[],
  ) {}

  drop(): void {
    this.elements = [];
  }
}

/** A data segment at run time; dropped segments become empty. */
export class DataEntity {
  constructor(public bytes: Uint8Array) {}

  drop(): void {
    this.bytes = new Uint8Array(0);
  }
}
