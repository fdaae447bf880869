import { defineConfig } from "vitest/config";

/** The test setup of every package. The "@wasmi-ts/source" condition resolves workspace packages to
 * their TypeScript sources, so tests need no build. */
export const packageTests = defineConfig({
  resolve: { conditions: ["@wasmi-ts/source"] },
  ssr: { resolve: { conditions: ["@wasmi-ts/source"] } },
  test: { testTimeout: 600_000, hookTimeout: 600_000 },
});
