import type { ValType } from "@wasmi-ts/store";

/** A catch clause being translated (see handler-table.ts): registers still encoded, target -1 until known. */
export interface HandlerClause {
  tag: number;
  target: number;
  dst: number;
  exn: number;
}

/** A try region being translated: [start, end) in pcs (end -1 while open). */
export interface HandlerRegion {
  start: number;
  end: number;
  /** The region active where this one opened (active again after its body). */
  parent: number;
  /** Where an exception no clause caught goes next (the parent, or a delegate's target). */
  next: number;
  readonly clauses: HandlerClause[];
}

export const enum FrameKind { Block, Loop, If, Else }

/** A block, loop or if being translated: its stack height, signature and pending branch fixups. */
export class ControlFrame {
  /** Positions of branch-target words to patch with the end's pc. */
  readonly fixups: number[] = [];
  /** `if`: position of the target word of the branch to the else arm (or the end). */
  elseFixup = -1;
  /** Loops: pc of the header. */
  startPc = -1;
  /** With fuel metering: position of the `ConsumeFuel` that pays for this frame's instructions (a block
   * shares its parent's; loops, `if` and `else` arms and the function have their own). */
  fuelPos = -1;
  unreachable = false;
  /** Exception handling: the try region active in this frame's body (-1: none), the region this frame
   * opened (try_table, legacy try; -1: none), the catch clauses that go to its end (their targets are
   * patched there), and for a legacy try in its catch clauses the slot that holds the caught exception for
   * `rethrow`. */
  regionInside = -1;
  region = -1;
  readonly handlerFixups: HandlerClause[] = [];
  exnSlot = -1;
  /** A legacy try in a catch clause: that clause (a `rethrow` of this label makes it keep the exception). */
  catchClause: HandlerClause | null = null;

  constructor(
    public kind: FrameKind,
    /** Stack height at entry, below the block's parameters. */
    readonly height: number,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** Values carried by a branch to this frame. */
  get branchTypes(): readonly ValType[] {
    return this.kind === FrameKind.Loop ? this.params : this.results;
  }
}
