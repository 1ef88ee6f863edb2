import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    fileParallelism: false,
    // The suite again through the spawn helper: its own lane (vitest.helper.config.ts), not the node lane.
    exclude: [...configDefaults.exclude, "test/conformance-helper.test.ts"],
  },
});
