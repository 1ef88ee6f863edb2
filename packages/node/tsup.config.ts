import { defineConfig } from "tsup";
import { base, embedWorkerSource, INLINED } from "../../tsup.base";

export default defineConfig(async () => {
  await embedWorkerSource(import.meta.dirname);
  return { ...base, noExternal: INLINED, entry: ["src/index.ts", "src/spawn-helper.ts", "src/helper.ts"] };
});
