import { defineConfig } from "tsup";
import { base, embedEngines, embedWorkerSource, INLINED } from "../../tsup.base";

export default defineConfig(async () => {
  await embedWorkerSource(import.meta.dirname);
  await embedEngines(import.meta.dirname);
  return { ...base, noExternal: INLINED, entry: ["src/index.ts"] };
});
