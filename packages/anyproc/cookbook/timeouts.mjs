// Stop a child that takes too long: a timeout, an AbortSignal, and a child that ignores SIGTERM.
import { ProcessTimeoutError, runProcess } from "anyproc";

// 1. `timeout`: the child gets SIGTERM and the call rejects with what it printed so far. With
//    `killTree`, the signal goes to the child's process group, so the shell's `sleep` goes too.
try {
  await runProcess(["sh", "-c", "echo step 1; sleep 10; echo step 2"], { timeout: 300, killTree: true });
} catch (error) {
  if (!(error instanceof ProcessTimeoutError)) throw error;
  console.log(error.message);
  console.log(`partial output: ${JSON.stringify(error.stdout)}, ended by ${error.signal}`);
}

// 2. An AbortSignal: the call rejects with the signal's reason itself, as fetch() does.
const controller = new AbortController();
setTimeout(() => controller.abort(new Error("cancelled by the user")), 200);
try {
  await runProcess(["sleep", "10"], { signal: controller.signal });
} catch (error) {
  console.log(`rejected with: ${error.message}`);
}
try {
  await runProcess(["sleep", "10"], { signal: AbortSignal.timeout(200) });
} catch (error) {
  console.log(`rejected with: ${error.name}`); // the DOMException of AbortSignal.timeout()
}

// 3. A child that ignores SIGTERM gets SIGKILL `forceKillAfter` ms later (default 5000).
const started = Date.now();
try {
  await runProcess(["sh", "-c", "trap '' TERM; exec sleep 10"], { timeout: 200, forceKillAfter: 300 });
} catch (error) {
  console.log(`${error.name}, ended by ${error.signal} within a second: ${Date.now() - started < 1000}`);
}
