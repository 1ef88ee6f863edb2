// The test-matrix lane "node-reuse-read-buffer": the conformance suite on the adapter with `reuseReadBuffer`, alone.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000, pool: "forks", include: ["test/conformance-reuse-read-buffer.test.ts"] },
});
