// The caller-exit hook with two copies of its module in one program, as when a program imports `anyproc`
// (which carries its own copy) and an adapter package: a signal nobody else listens to must run both copies'
// hooks and still end the program by that signal; a signal the program listens to must leave it alone.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "anyproc-exit-hook-"));
const source = readFileSync(new URL("../src/exit-hook.ts", import.meta.url), "utf8");
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
writeFileSync(join(dir, "copy-a.mjs"), js);
writeFileSync(join(dir, "copy-b.mjs"), js);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a program that installs one hook in each copy (`own` is its own setup), sends it SIGTERM once it is ready. */
function run(own: string): Promise<{ stdout: string; exitCode: number | null; signal: NodeJS.Signals | null }> {
  const program = join(dir, `program-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    program,
    `import { onCallerExit as a } from "./copy-a.mjs";
import { onCallerExit as b } from "./copy-b.mjs";
a(() => process.stdout.write("hook a\\n"));
b(() => process.stdout.write("hook b\\n"));
${own}
setInterval(() => {}, 1000);
process.stdout.write("ready\\n");
`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [program], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    // Bounds a hang (the signal swallowed by both copies), which is the failure this test is about.
    const bound = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      if (!stdout.includes("ready") && (stdout + text).includes("ready")) child.kill("SIGTERM");
      stdout += text;
    });
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      clearTimeout(bound);
      resolve({ stdout, exitCode, signal });
    });
  });
}

describe("caller-exit hook, two copies in one program", () => {
  it("a signal nobody else listens to runs both copies' hooks and ends the program by that signal", async () => {
    const { stdout, signal } = await run("");
    expect(signal).toBe("SIGTERM");
    expect(stdout.split("\n").sort()).toEqual(["", "hook a", "hook b", "ready"]);
  });

  it("a signal the program listens to is left to the program; both copies' hooks run when it exits", async () => {
    const { stdout, exitCode, signal } = await run(`process.on("SIGTERM", () => { process.stdout.write("own\\n"); process.exit(7); });`);
    expect({ exitCode, signal }).toEqual({ exitCode: 7, signal: null });
    expect(stdout.split("\n").sort()).toEqual(["", "hook a", "hook b", "own", "ready"]);
  });
});
