import { describe, expect, it } from "vitest";
import { formatTable, speedUp } from "../src/table.mjs";

const config = { type: "start", runtime: "node", scripts: 12, cpu: 8, fib: 37, limit: 4, workers: 2 };
const node = {
  runtime: "node",
  config,
  times: { sequential: { scripts: 2480, cpu: 2720 }, limited: { scripts: 640 }, toProcess: { cpu: 1360 } },
};

describe("speedUp", () => {
  it("divides the one-after-another time by the way's time for the task the way runs", () => {
    expect(speedUp(node.times, "sequential")).toBe("1.0×");
    expect(speedUp(node.times, "limited")).toBe("3.9×");
    expect(speedUp(node.times, "toProcess")).toBe("2.0×");
  });

  it("says ? when a time is missing", () => {
    expect(speedUp({ sequential: { scripts: 100 } }, "limited")).toBe("?");
  });
});

describe("formatTable", () => {
  it("has one row per runtime × way, blank where a way does not run a task, numbers right-aligned", () => {
    const bun = { runtime: "bun", config: { ...config, runtime: "bun" }, times: node.times };
    expect(formatTable([node, bun]).split("\n")).toEqual([
      "runtime  way                      12 scripts  8 × fib(37)  speed-up",
      "-------  -----------------------  ----------  -----------  --------",
      "node     one after another            2.48 s       2.72 s      1.0×",
      "node     runProcess, 4 at a time      0.64 s                   3.9×",
      "node     toProcess, 2 workers                      1.36 s      2.0×",
      "bun      one after another            2.48 s       2.72 s      1.0×",
      "bun      runProcess, 4 at a time      0.64 s                   3.9×",
      "bun      toProcess, 2 workers                      1.36 s      2.0×",
    ]);
  });

  it("gives a failed runtime one row that says why", () => {
    const deno = { runtime: "deno", config: null, times: {}, error: "exit code 1: NotCapable" };
    const lines = formatTable([node, deno]).split("\n");
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe("deno     failed: exit code 1: NotCapable");
  });
});
