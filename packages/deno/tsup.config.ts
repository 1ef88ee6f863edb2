import { defineConfig } from "tsup";
import { base, embedEngines, embedWorkerSource } from "../../tsup.base";

export default defineConfig(async () => {
  await embedWorkerSource(import.meta.dirname);
  await embedEngines(import.meta.dirname);
  return { ...base, entry: ["src/index.ts"] };
});
