// The toProcess worker channel (@anyproc/channel) on the path this process takes: an abstract address on
// Linux, a socket file in a private folder elsewhere and on the portable lanes. Bun and Deno use the same
// channel code. Times are hang guards.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { linuxOnlyPaths, PORTABLE_VARIABLE } from "@anyproc/channel";
import { createToProcess, type ProcessAdapter, WorkerStartError } from "@anyproc/core";
import { describe, expect, it } from "vitest";
import { adapter } from "../src/index.js";

const STRANGER = fileURLToPath(new URL("./fixtures/stranger-worker.mjs", import.meta.url));
const WORK = new URL("../../conformance/fixtures/work.mjs", import.meta.url).href;
const workers = adapter.workers as NonNullable<ProcessAdapter["workers"]>;

describe("worker channel", () => {
  it("listens on an abstract address where Linux-only paths are taken, else on a socket file in a private folder it removes on close", async () => {
    const listener = await workers.listen();
    const { address } = listener;
    try {
      if (linuxOnlyPaths()) {
        expect(address).toMatch(/^@anyproc-\d+-/);
      } else {
        expect(address.startsWith("/")).toBe(true);
        expect(statSync(address).isSocket()).toBe(true);
        expect(statSync(dirname(address)).mode & 0o777).toBe(0o700);
        expect(Buffer.byteLength(address)).toBeLessThan(104);
      }
    } finally {
      listener.close();
    }
    if (!linuxOnlyPaths()) expect(existsSync(dirname(address))).toBe(false);
  });

  it("a process that connects without the pool's token is closed unserved, and the call rejects with WorkerStartError", async () => {
    const stranger: ProcessAdapter = { ...adapter, workers: { ...workers, command: async () => ({ argv: [process.execPath, STRANGER] }) } };
    const pool = createToProcess(stranger).pool({ maxWorkers: 1 });
    try {
      const error = await pool.run(WORK, "add", [1, 2]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerStartError);
      expect((error as WorkerStartError).exitCode).toBe(42);
    } finally {
      await pool.close();
    }
  });

  it("on the portable path, the folder of a caller that was killed is removed by the next one", async () => {
    const env = { ...process.env, [PORTABLE_VARIABLE]: "1" };
    const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    // A caller that opens a pool (its folder and socket file), prints the address and is killed with SIGKILL.
    const killed = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { adapter } = await import(${JSON.stringify(entry)});
const listener = await adapter.workers.listen();
console.log(listener.address);
setInterval(() => {}, 1000);`,
      ],
      { env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const address = await new Promise<string>((resolve) => killed.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    killed.kill("SIGKILL");
    await exited;
    expect(existsSync(dirname(address))).toBe(true);
    // The next caller's first socket file removes it.
    execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { adapter } = await import(${JSON.stringify(entry)}); (await adapter.workers.listen()).close();`,
      ],
      { env, stdio: "inherit" },
    );
    expect(existsSync(dirname(address))).toBe(false);
    expect(readdirSync(dirname(dirname(address))).filter((name) => name.startsWith(`anyproc-${killed.pid}-`))).toEqual([]);
  });
});
