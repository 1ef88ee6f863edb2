import { fileURLToPath } from "node:url";
import { runProcess } from "anyproc";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../src/ways.mjs";

const demo = fileURLToPath(new URL("..", import.meta.url));

describe("the batch's line protocol", () => {
  it("reports start, every task and the wall time of each way × task, in order", async () => {
    const { stdout } = await runProcess([process.execPath, "src/batch.mjs", "--scripts=2", "--cpu=2", "--fib=20", "--limit=2"], {
      cwd: demo,
      timeout: 20_000,
    });
    const events = stdout.trim().split("\n").map(parseEvent);
    expect(events[0]).toMatchObject({ type: "start", runtime: "node", scripts: 2, cpu: 2, fib: 20, limit: 2 });
    const times = events.filter((e) => e.type === "time").map((e) => `${e.way}.${e.task}`);
    expect(times).toEqual(["sequential.scripts", "sequential.cpu", "limited.scripts", "toProcess.cpu"]);
    const ticks = events.filter((e) => e.type === "progress").map((e) => `${e.way}.${e.task} ${e.done}/${e.total}`);
    expect(ticks).toEqual([
      "sequential.scripts 1/2",
      "sequential.scripts 2/2",
      "sequential.cpu 1/2",
      "sequential.cpu 2/2",
      "limited.scripts 1/2",
      "limited.scripts 2/2",
      "toProcess.cpu 1/2",
      "toProcess.cpu 2/2",
    ]);
    // Two scripts of 200 ms one after another take at least 400 ms; two at a time, well under that.
    const ms = Object.fromEntries(events.filter((e) => e.type === "time").map((e) => [`${e.way}.${e.task}`, e.ms]));
    expect(ms["sequential.scripts"]).toBeGreaterThanOrEqual(400);
    expect(ms["limited.scripts"]).toBeLessThan(ms["sequential.scripts"]);
  });

  it("ignores lines that are not events", () => {
    expect(parseEvent("script 3 done")).toBeNull();
    expect(parseEvent("{not json")).toBeNull();
    expect(parseEvent('{"no":"type"}')).toBeNull();
    expect(parseEvent('{"type":"time","way":"limited","task":"scripts","ms":1}')).toMatchObject({ type: "time" });
  });
});
