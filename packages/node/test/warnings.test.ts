// Node deprecates spawn patterns from one line to the next (DEP0190 on Node 24: args with `shell: true`). The
// node lanes run this file on every supported line: anyproc's own calls must never make Node warn.

import { sh } from "@anyproc/core";
import { describe, expect, it } from "vitest";
import { openProcess, runProcess, toProcess } from "../src/index.js";

const WORK = new URL("../../conformance/fixtures/work.mjs", import.meta.url);

describe("Node warnings", () => {
  it("string commands, argv, sh, stderr: 'stdout', openProcess and a busy-then-idle toProcess worker make this Node line emit no warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      await runProcess("echo one; echo two >&2");
      await runProcess(["echo", "three"]);
      await runProcess(sh`printf %s ${"four five"}`);
      await runProcess(["sh", "-c", "echo six >&2"], { stderr: "stdout" });
      const proc = await openProcess(["cat"]);
      await proc[Symbol.asyncDispose]();
      const pool = toProcess.pool({ maxWorkers: 1 });
      try {
        // One worker going busy and idle again and again (each time its handles are ref'd and unref'd).
        for (let i = 0; i < 15; i++) expect(await pool.run(WORK, "add", [i, 3])).toBe(i + 3);
      } finally {
        await pool.close();
      }
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
