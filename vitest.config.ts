import { defineConfig } from "vitest/config";

// Workspace-level tests (tests/): checks across packages, such as the dependency direction.
export default defineConfig({
  test: { include: ["tests/**/*.test.ts"] },
});
