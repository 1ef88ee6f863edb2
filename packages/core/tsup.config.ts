import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

const dist = join(import.meta.dirname, "dist");

export default defineConfig(async () => {
  // Emptied here rather than by tsup, whose declaration step would remove the loader's declarations below.
  await rm(dist, { recursive: true, force: true });
  return {
    ...base,
    clean: false,
    entry: ["src/index.ts", "src/loader.ts"],
    // One declaration file, for the index: declarations for both entries would put the types they share in a
    // chunk imported as `./<chunk>.js`, which has no such file and which Deno's type checker cannot follow. The
    // loader's declarations re-export from the index what src/loader.ts exports (it holds only re-exports).
    dts: { entry: "src/index.ts" },
    async onSuccess() {
      const source = await readFile(join(import.meta.dirname, "src/loader.ts"), "utf8");
      await writeFile(join(dist, "loader.d.ts"), source.replace(/ from "\.\/[^"]+";/g, ' from "./index.js";'));
    },
  };
});
