import { describe, expect, it } from "vitest";
import { compareVersions, floorError } from "../src/runtime-floor.js";

const floor = (version: string, range = ">=1.4.0") => ({ runtime: "Bun", version, range, why: "older Bun loses replies" });

describe("runtime floor", () => {
  it("compares dotted versions by number, ignoring a pre-release suffix", () => {
    expect(compareVersions("1.4.0", "1.4.0")).toBe(0);
    expect(compareVersions("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("1.3.14", "1.4.0")).toBeLessThan(0);
    expect(compareVersions("2.9", "2.9.2")).toBeLessThan(0);
    expect(compareVersions("1.4.1-canary.20260906.1", "1.4.0")).toBeGreaterThan(0);
  });

  it("a runtime at or above the floor passes", () => {
    expect(floorError("toProcess", floor("1.4.0"))).toBeNull();
    expect(floorError("toProcess", floor("1.5.2"))).toBeNull();
  });

  it("an older runtime gets an error naming the feature, the runtime, both versions, why and what to do", () => {
    const error = floorError("toProcess", floor("1.3.14"));
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toBe(
      "toProcess needs Bun 1.4.0 or newer, and this is Bun 1.3.14: older Bun loses replies. Upgrade Bun (anyproc supports Bun >=1.4.0)",
    );
  });

  it("a range it cannot read refuses nothing", () => {
    expect(floorError("toProcess", floor("0.1.0", ""))).toBeNull();
    expect(floorError("toProcess", floor("0.1.0", "^1.4.0"))).toBeNull();
  });
});
