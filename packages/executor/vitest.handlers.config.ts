// The handler-coverage run (`pnpm test` runs it after the plain one): the executor's tests again, with
// the interpreter noting each opcode it dispatches (test/handler-coverage/); it fails unless every
// generated handler ran in some test.
import { defineConfig, mergeConfig } from "vitest/config";
import { packageTests } from "../../config/vitest.package.js";
import { countDispatches } from "./test/handler-coverage/instrument.js";

export default mergeConfig(
  packageTests,
  defineConfig({
    plugins: [countDispatches()],
    test: {
      setupFiles: ["test/handler-coverage/record.ts"],
      globalSetup: ["test/handler-coverage/check.ts"],
      // the warm-up's own test needs the warm-up (record.ts leaves it out)
      exclude: ["test/warm-up.test.ts", "**/node_modules/**"],
    },
  }),
);
