// Two installed copies of @anyproc/core (two folders holding the built package, as a program gets when two
// dependencies pin different versions): `instanceof` sees only its own copy's classes, isProcessError both.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Core = typeof import("../src/index.js");

const built = join(import.meta.dirname, "..", "dist");
let root: string;
let first: Core;
let second: Core;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "anyproc-copies-"));
  const load = async (name: string): Promise<Core> => {
    const folder = join(root, name, "node_modules", "@anyproc", "core", "dist");
    cpSync(built, folder, { recursive: true });
    return import(pathToFileURL(join(folder, "index.js")).href);
  };
  [first, second] = await Promise.all([load("a"), load("b")]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("errors across two copies of @anyproc/core", () => {
  it("the copies have distinct classes, so instanceof fails across them", () => {
    expect(first.CalledProcessError).not.toBe(second.CalledProcessError);
    const error = new first.CalledProcessError("failed", { args: ["false"], exitCode: 1, signal: null, stdout: "", stderr: "" });
    expect(error instanceof second.CalledProcessError).toBe(false);
  });

  it("isProcessError of one copy recognises every class of the other, and only its lineage", () => {
    const worker = new first.WorkerStartError("could not start", { exitCode: 1, signal: null });
    expect(second.isProcessError(worker)).toBe(true);
    expect(second.isProcessError(worker, "WorkerStartError")).toBe(true);
    expect(second.isProcessError(worker, "BrokenWorkerError")).toBe(true);
    expect(second.isProcessError(worker, "CalledProcessError")).toBe(false);
    const spawn = new second.SpawnError("no such file", { code: "ENOENT", args: ["nope"], cwd: undefined });
    expect(first.isProcessError(spawn, "SpawnError")).toBe(true);
    expect(first.isProcessError(spawn, "BrokenWorkerError")).toBe(false);
  });
});
