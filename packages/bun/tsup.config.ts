import { defineConfig } from "tsup";
import { base, embedEngines, embedWorkerSource, INLINED, inlineSources } from "../../tsup.base";

export default defineConfig(async () => {
  await embedWorkerSource(import.meta.dirname);
  await embedEngines(import.meta.dirname);
  return { ...base, ...inlineSources(import.meta.dirname, INLINED), entry: ["src/index.ts", "src/lazy.ts"] };
});
