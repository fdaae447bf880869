import { defineConfig } from "vitest/config";

// "@wasmi-ts/source" resolves workspace packages to their TypeScript sources, so tests need no build.
export default defineConfig({
  resolve: { conditions: ["@wasmi-ts/source"] },
  ssr: { resolve: { conditions: ["@wasmi-ts/source"] } },
  test: { testTimeout: 600_000, hookTimeout: 600_000 },
});
