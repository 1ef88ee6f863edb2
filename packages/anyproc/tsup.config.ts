import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

/**
 * Each runtime's entry is one self-contained file: the adapter, @anyproc/channel and @anyproc/core are copied
 * in, so that `import "anyproc"` resolves one package and loads one module, as a single-file library does
 * (each runtime loads only its own entry). The declarations still import the types from the packages, which
 * stay dependencies.
 */
export default defineConfig({
  ...base,
  entry: ["src/node.ts", "src/bun.ts", "src/deno.ts"],
  noExternal: ["@anyproc/core", "@anyproc/channel", "@anyproc/node", "@anyproc/bun", "@anyproc/deno"],
  external: ["bun:ffi"],
  splitting: false,
});
