import type { ValType } from "@wasmi-ts/store";

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
