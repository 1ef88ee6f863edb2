import { describe, expect, it } from "vitest";
import { createLimit } from "../src/limit.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createLimit", () => {
  it("never runs more than `max` calls at once, starts them in arrival order and resolves each with its own result", async () => {
    const limit = createLimit(3);
    let running = 0;
    let peak = 0;
    const started = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++running);
          await sleep(5 + (i % 3) * 5);
          running--;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it("rejects a call as its function does and frees the slot for the next one", async () => {
    const limit = createLimit(1);
    const failing = limit(async () => {
      throw new Error("boom");
    });
    const thrown = limit(() => {
      throw new TypeError("sync");
    });
    const next = limit(() => "ran");
    await expect(failing).rejects.toThrow("boom");
    await expect(thrown).rejects.toThrow(TypeError);
    await expect(next).resolves.toBe("ran");
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => createLimit(0)).toThrow("`max` must be a positive integer, got 0");
    expect(() => createLimit(1.5)).toThrow(RangeError);
  });
});
