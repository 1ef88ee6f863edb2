// The test-matrix lane "node-helper": the conformance suite through the spawn helper, alone.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000, pool: "forks", include: ["test/conformance-helper.test.ts"] },
});
