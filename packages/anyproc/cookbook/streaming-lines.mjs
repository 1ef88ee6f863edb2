// Read a child's output line by line while it runs.
import { lines, openProcess, text } from "anyproc";

// 1. Every line of a command as it comes, with stderr read at the same time: a child blocks once a
//    pipe nobody reads is full (64 KiB). Awaiting all three together leaves no rejection unhandled.
const steps = 'for step in lint compile pack; do echo "done: $step"; sleep 0.1; done; echo "1 warning" >&2';
const build = await openProcess(["sh", "-c", steps]);
const [, warnings, { exitCode }] = await Promise.all([
  (async () => {
    for await (const line of lines(build.stdout)) console.log(`build: ${line}`);
  })(),
  text(build.stderr),
  build.wait(),
]);
console.log(`exit code ${exitCode}, stderr: ${warnings.trim()}`);

// 2. Wait for a line that says a long-running child is ready, then use it and stop it.
const server = await openProcess(["sh", "-c", 'echo "starting"; sleep 0.2; echo "ready on port 8080"; exec sleep 30'], {
  stderr: "stdout", // one stream, in the order the child wrote it
});
try {
  for await (const line of lines(server.stdout)) {
    console.log(`server: ${line}`);
    if (line.startsWith("ready")) break; // leaving the loop cancels the stream
  }
  console.log("the server is up");
} finally {
  await server[Symbol.asyncDispose](); // SIGTERM, then SIGKILL if it is still there after 5 s
}
console.log(`stopped by ${server.signal}`);
