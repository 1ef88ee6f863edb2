import { rm } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";
import { base, inlineSources } from "../../tsup.base";

/** The runtime entries, each `src/<runtime>.ts` built to `dist/<runtime>.js`. */
const RUNTIMES = ["node", "bun", "deno"] as const;

/**
 * Each runtime's entries are built on their own: the adapter, @anyproc/channel and @anyproc/core are copied in
 * from their sources, so that `import "anyproc"` resolves one package and loads only the module of its entry
 * (`dist/<runtime>.js`: the errors, the helpers and the functions that load the rest) and the chunks it shares
 * with `anyproc/adapter` (`dist/<runtime>-adapter.js`). The adapter with the core's process code, the pool and
 * the worker program are chunks under `dist/<runtime>/`, which the first call loads. Built one runtime at a
 * time, so that splitting makes those few chunks and not one per combination of entries. The declarations
 * still import the types from the packages, which stay dependencies.
 */
function entry(runtime: (typeof RUNTIMES)[number]): Options {
  return {
    ...base,
    clean: false,
    entry: { [runtime]: `src/${runtime}.ts`, [`${runtime}-adapter`]: `src/${runtime}-adapter.ts` },
    ...inlineSources(import.meta.dirname, ["@anyproc/core", "@anyproc/channel", "@anyproc/node", "@anyproc/bun", "@anyproc/deno"]),
    external: ["bun:ffi"],
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = `${runtime}/[name]-[hash]`;
    },
  };
}

export default defineConfig(async () => {
  // The three builds run at once, so none may clean the folder the others write to: it is emptied here, first.
  await rm(new URL("./dist", import.meta.url), { recursive: true, force: true });
  return RUNTIMES.map(entry);
});
