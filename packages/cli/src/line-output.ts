// A guest's output stream as lines, for a `CliIO` that takes lines: bytes are decoded as UTF-8 (a
// character split between writes included) and each finished line is passed on.

import type { OutputSink } from "@wasmi-ts/wasi";

export class LineOutput {
  private readonly decoder = new TextDecoder();
  private pending = "";

  constructor(private readonly writeLine: (line: string) => void) {}

  readonly sink: OutputSink = (data) => {
    this.pending += this.decoder.decode(data, { stream: true });
    let end: number;
    while ((end = this.pending.indexOf("\n")) >= 0) {
      this.writeLine(this.pending.slice(0, end));
      this.pending = this.pending.slice(end + 1);
    }
  };

  /** Passes on the unfinished last line, if any. */
  flush(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== "") this.writeLine(this.pending);
    this.pending = "";
  }
}
