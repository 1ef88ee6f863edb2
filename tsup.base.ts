/** The build every package shares: ESM with .d.ts, for ES2022 runtimes (Node 20, Bun, Deno). */
export const base = {
  format: ["esm"],
  dts: true,
  clean: true,
  target: "es2022",
  sourcemap: true,
} as const;
