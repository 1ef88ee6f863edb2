import { defineConfig } from "tsup";
import { base, embedWorkerSource } from "../../tsup.base";

export default defineConfig(async () => {
  await embedWorkerSource(import.meta.dirname);
  return { ...base, entry: ["src/index.ts", "src/spawn-helper.ts", "src/helper.ts"] };
});
