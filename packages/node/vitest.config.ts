import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    fileParallelism: false,
    // The suite again through the spawn helper and with reuseReadBuffer: their own lanes, not the node lane.
    exclude: [...configDefaults.exclude, "test/conformance-helper.test.ts", "test/conformance-reuse-read-buffer.test.ts"],
  },
});
