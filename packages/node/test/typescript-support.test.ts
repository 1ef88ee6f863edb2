// Which Node lines strip TypeScript types in a worker, and the cause the hint names on each.
import { describe, expect, it } from "vitest";
import { typescriptSupport } from "../src/_typescript.js";

const on = (version: string, flags: string[] = [], reported?: string | false) =>
  typescriptSupport({ version, flags, reported, elsewhere: false });

describe("TypeScript support per Node line", () => {
  it("Node 20 and 22.5 cannot strip types, and the hint says from which line they can", () => {
    for (const version of ["20.20.2", "22.5.1"]) {
      const { strips, hint } = on(version, ["--experimental-strip-types"]);
      expect(strips).toBe(false);
      expect(hint).toContain(`Node.js ${version} cannot import TypeScript`);
      expect(hint).toContain("22.6");
    }
  });

  it("22.6 to 22.17 and 23.0 to 23.5 strip types only with the flag, and the hint names it", () => {
    for (const version of ["22.6.0", "22.17.1", "23.5.0"]) {
      expect(on(version).strips).toBe(false);
      expect(on(version).hint).toContain("only with --experimental-strip-types");
      expect(on(version, ["--experimental-strip-types"]).strips).toBe(true);
      expect(on(version, ["--experimental-transform-types"]).strips).toBe(true);
    }
  });

  it("22.18, 23.6 and later strip by default, unless turned off, and the hint names node_modules", () => {
    for (const version of ["22.18.0", "23.6.0", "24.11.1", "26.1.0"]) {
      expect(on(version).strips).toBe(true);
      expect(on(version).hint).toContain("never in a module under node_modules");
      expect(on(version, ["--no-experimental-strip-types"]).strips).toBe(false);
      expect(on(version, ["--no-experimental-strip-types"]).hint).toContain("turned off by --no-experimental-strip-types");
    }
  });

  it("what Node reports in process.features.typescript wins over the version", () => {
    expect(on("22.12.0", [], "strip").strips).toBe(true);
    expect(on("24.11.1", [], false).strips).toBe(false);
  });

  it("Bun and Deno running the Node adapter always run TypeScript", () => {
    expect(typescriptSupport({ version: "24.3.0", flags: [], elsewhere: true }).strips).toBe(true);
  });
});
