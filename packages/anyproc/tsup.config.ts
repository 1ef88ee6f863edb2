import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/node.ts", "src/bun.ts", "src/deno.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "es2022",
  sourcemap: true,
});
