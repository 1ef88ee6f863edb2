import { describe, expect, it } from "vitest";
import { randomHex, randomSecret, sameSecret } from "../src/secret.js";

describe("connection secrets", () => {
  it("makes random bytes of the length asked, different each time", () => {
    const a = randomSecret(32);
    const b = randomSecret(32);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(32);
    expect(sameSecret(a, b)).toBe(false);
  });

  it("writes random bytes as lowercase hex, two characters a byte", () => {
    const hex = randomHex(16);
    expect(hex).toMatch(/^[0-9a-f]{32}$/);
    expect(randomHex(16)).not.toBe(hex);
  });

  it("accepts only the same bytes at the same length", () => {
    const secret = Uint8Array.from([1, 2, 3, 250]);
    expect(sameSecret(Uint8Array.from([1, 2, 3, 250]), secret)).toBe(true);
    expect(sameSecret(Uint8Array.from([1, 2, 3, 251]), secret)).toBe(false);
    expect(sameSecret(Uint8Array.from([0, 2, 3, 250]), secret)).toBe(false);
    expect(sameSecret(Uint8Array.from([1, 2, 3]), secret)).toBe(false);
    expect(sameSecret(Uint8Array.from([1, 2, 3, 250, 0]), secret)).toBe(false);
    expect(sameSecret(Buffer.from([1, 2, 3, 250]), secret)).toBe(true);
  });
});
