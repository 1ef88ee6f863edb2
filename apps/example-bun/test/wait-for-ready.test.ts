// Runs the app the way a user would (`bun src/wait-for-ready.ts`) and checks what it prints and that the
// service it started is gone afterwards.
import { expect, test } from "bun:test";
import { runProcess } from "anyproc";

const app = (...args: string[]) =>
  runProcess([process.execPath, "src/wait-for-ready.ts", ...args], { cwd: new URL("..", import.meta.url), check: false, timeout: 10_000 });
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const pidOf = (stdout: string) => Number(/\(pid (\d+)\)/.exec(stdout)?.[1]);

test("waits until the service is listening, shows its warnings and errors, then stops it", async () => {
  const { exitCode, stdout } = await app();
  expect(exitCode).toBe(0);
  expect(stdout).toContain("anyproc bun adapter");
  expect(stdout).toContain("  warn: cache directory missing, creating it\n");
  expect(stdout).toContain('  error: plugin "stats" failed to load, continuing without it\n');
  expect(stdout).not.toContain("info:");
  expect(stdout).toMatch(/ready at http:\/\/127\.0\.0\.1:8080 after 0\.\d\d s \(5 lines read, 2 warnings or errors\)/);
  expect(isRunning(pidOf(stdout))).toBe(false);
});

test("gives up after the timeout and stops a service that never gets ready", async () => {
  const started = performance.now();
  const { exitCode, stdout } = await app("--timeout=400", "--", "sh", "fixtures/stuck-service.sh");
  expect(exitCode).toBe(1);
  expect(stdout).toContain("  warn: database not reachable, retrying\n");
  expect(stdout).toMatch(/not ready after 0\.\d\d s/);
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(isRunning(pidOf(stdout))).toBe(false);
});
