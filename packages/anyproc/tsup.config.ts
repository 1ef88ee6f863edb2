import { rm } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";
import { base } from "../../tsup.base";

/** The runtime entries, each `src/<runtime>.ts` built to `dist/<runtime>.js`. */
const RUNTIMES = ["node", "bun", "deno"] as const;

/**
 * Each runtime's entry is built on its own: the adapter, @anyproc/channel and @anyproc/core are copied in, so
 * that `import "anyproc"` resolves one package and loads one module plus the chunk it shares with the parts
 * loaded later (each runtime loads only its own entry). What only toProcess needs (the pool and the worker
 * program) is split into modules of their own under `dist/<runtime>/`, which the first pool loads. Built one
 * entry at a time, so that splitting makes those few chunks and not one per combination of entries. The
 * declarations still import the types from the packages, which stay dependencies.
 */
function entry(runtime: (typeof RUNTIMES)[number]): Options {
  return {
    ...base,
    clean: false,
    entry: { [runtime]: `src/${runtime}.ts` },
    noExternal: ["@anyproc/core", "@anyproc/channel", "@anyproc/node", "@anyproc/bun", "@anyproc/deno"],
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
