import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeExamples } from "../../../config/readme-examples.js";
import { main } from "../src/index.js";
import { openHostDirectory } from "../src/io.js";

const readmePath = join(__dirname, "..", "README.md");
const repoRoot = join(__dirname, "..", "..", "..");

describe("README.md", () => {
  readmeExamples(readmePath, __dirname);

  // ```console blocks: `$ wasmi-ts ARGS` (paths relative to the repository, --dir's too), then what it
  // prints (stdout and stderr, the guest's included, in order), then `[exit code N]` unless it is 0.
  const readme = readFileSync(readmePath, "utf8");
  const sessions = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split(/^(?=\$ )/m));
  it("has command transcripts", () => expect(sessions.length).toBeGreaterThan(5));
  for (const session of sessions) {
    const [command, ...expected] = session.trimEnd().split("\n");
    it(command!, () => {
      const argv = command!.replace(/^\$ wasmi-ts /, "").split(/\s+/);
      const printed: string[] = [];
      const code = main(argv, {
        stdout: (line) => printed.push(line),
        stderr: (line) => printed.push(line),
        readFile: (path) => new Uint8Array(readFileSync(join(repoRoot, path))),
        openDirectory: (path) => openHostDirectory(join(repoRoot, path)),
        env: {},
      });
      if (code !== 0) printed.push(`[exit code ${code}]`);
      expect(printed).toEqual(expected);
    });
  }
});
