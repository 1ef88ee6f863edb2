/**
 * @anyproc/conformance: the one suite every anyproc adapter must pass, written once and run unchanged
 * by vitest (Node), `bun test` (Bun) and `deno test` (Deno, through an import map to a small shim).
 *
 * ```ts
 * // test/conformance.test.ts of an adapter package (docs/conformance.md runs this shape on every Node line)
 * import { describeConformance, hostCapabilities } from "@anyproc/conformance";
 * import { adapter } from "../src/index.js";
 *
 * const adapterModule = new URL("../dist/index.js", import.meta.url).href;
 * describeConformance(adapter, hostCapabilities(), { adapterModule });
 * ```
 *
 * @module @anyproc/conformance
 */
import type { ProcessAdapter } from "@anyproc/core";
import { describe } from "vitest";
import { createContext } from "./_context.js";
import type { Capabilities, ConformanceOptions } from "./capabilities.js";
import { groups } from "./cases/index.js";

export type { Context } from "./_context.js";
export {
  type Capabilities,
  type ConformanceOptions,
  type Flags,
  hostCapabilities,
  linuxCapabilities,
  windowsCapabilities,
} from "./capabilities.js";

/** The name of the top-level `describe` block; case names below it are the same on every runtime. */
export const SUITE_NAME = "conformance";

/**
 * Registers every conformance case for `adapter` with the test runner in use (`describe`/`it`/`expect`
 * imported from "vitest"). Cases that need a capability the platform lacks are skipped through `capabilities`;
 * those that start a caller process of the runtime need `options.adapterModule`.
 */
export function describeConformance(adapter: ProcessAdapter, capabilities: Capabilities, options: ConformanceOptions = {}): void {
  const ctx = createContext(adapter, capabilities, options);
  describe(SUITE_NAME, () => {
    for (const [name, register] of Object.entries(groups)) describe(name, () => register(ctx));
  });
}
