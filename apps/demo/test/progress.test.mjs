import { describe, expect, it } from "vitest";
import { createProgress, isInteractive } from "../src/progress.mjs";

const ESC = "\x1b";
const config = { type: "start", runtime: "node", scripts: 12, cpu: 8, fib: 37, limit: 4, workers: 2 };

/** A progress display writing into a string, with a clock the test moves. */
function capture(interactive, columns = 80) {
  const out = { text: "", clock: 0 };
  const progress = createProgress(["node", "bun", "deno"], {
    interactive,
    columns,
    write: (s) => {
      out.text += s;
    },
    now: () => out.clock,
  });
  return { out, progress };
}

/** Plays part of a node batch: start, 7 scripts one after another. */
function playSome(progress, out) {
  progress.start("node");
  playTicks(progress, out);
}

/** The batch's start event, then 7 scripts one after another, 200 ms each. */
function playTicks(progress, out) {
  progress.update("node", config);
  for (let done = 1; done <= 7; done++) {
    out.clock += 200;
    progress.update("node", { type: "progress", way: "sequential", task: "scripts", done, total: 12 });
  }
}

describe("isInteractive", () => {
  it("is true only for a terminal, outside CI, with a capable TERM", () => {
    expect(isInteractive({ isTTY: true }, { TERM: "xterm-256color" })).toBe(true);
    expect(isInteractive({ isTTY: true }, { CI: "1" })).toBe(false);
    expect(isInteractive({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(isInteractive({ isTTY: false }, {})).toBe(false);
    expect(isInteractive({}, {})).toBe(false);
  });
});

describe("plain progress (not a terminal, or CI)", () => {
  it("prints one line per state change, none per task, and no escape codes", () => {
    const { out, progress } = capture(false);
    playSome(progress, out);
    progress.update("node", { type: "time", way: "sequential", task: "scripts", ms: 2480 });
    progress.update("node", { type: "progress", way: "sequential", task: "cpu", done: 1, total: 8 });
    progress.update("node", { type: "time", way: "toProcess", task: "cpu", ms: 1360 });
    out.clock += 100;
    progress.finish("node");
    progress.start("bun");
    progress.finish("bun", "exit code 1: boom");
    progress.redraw();
    expect(out.text).toBe(
      [
        "node  started",
        "node  one after another: 12 scripts in 2.48 s",
        "node  toProcess, 2 workers: 8 CPU calls in 1.36 s",
        "node  done in 1.50 s",
        "bun   started",
        "bun   failed: exit code 1: boom",
        "",
      ].join("\n"),
    );
    expect(out.text).not.toContain(ESC);
  });
});

describe("interactive progress (a terminal)", () => {
  it("draws one line per runtime, then redraws them in place with cursor-up and clear-line", () => {
    const { out, progress } = capture(true);
    progress.start("node");
    const first = out.text;
    expect(first).toBe(`${ESC}[2Knode  starting  0.00 s\n${ESC}[2Kbun   waiting\n${ESC}[2Kdeno  waiting\n`);

    out.text = "";
    playTicks(progress, out);
    const frames = out.text.split(`\r${ESC}[3A`).slice(1);
    expect(frames).toHaveLength(8);
    expect(frames.at(-1).split("\n")).toEqual([
      `${ESC}[2Knode  one after another       scripts 7/12  cpu 0/8   1.40 s`,
      `${ESC}[2Kbun   waiting`,
      `${ESC}[2Kdeno  waiting`,
      "",
    ]);
  });

  it("moves to the current way and ends each line with its outcome", () => {
    const { out, progress } = capture(true);
    playSome(progress, out);
    progress.update("node", { type: "progress", way: "toProcess", task: "cpu", done: 3, total: 8 });
    expect(out.text.split("\n").at(-4)).toContain("node  toProcess, 2 workers    cpu 3/8");
    progress.finish("node");
    progress.start("bun");
    progress.finish("bun", "exit code 1: boom");
    expect(out.text.split("\n").slice(-4, -1)).toEqual([
      `\r${ESC}[3A${ESC}[2Knode  done in 1.40 s`,
      `${ESC}[2Kbun   failed: exit code 1: boom`,
      `${ESC}[2Kdeno  waiting`,
    ]);
  });

  it("cuts lines to the terminal's width so that they never wrap", () => {
    const { out, progress } = capture(true, 30);
    playSome(progress, out);
    const last = out.text.split(`\r${ESC}[3A`).at(-1).split("\n")[0].replace(`${ESC}[2K`, "");
    expect(last).toBe("node  one after another     …");
    expect(last.length).toBeLessThan(30);
  });
});
