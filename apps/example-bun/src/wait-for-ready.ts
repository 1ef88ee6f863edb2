// Starts a service and tails its log until it says it is listening, printing the warnings and errors
// it logs meanwhile; gives up after a timeout. Either way the service is stopped on the way out.
// Usage: bun src/wait-for-ready.ts [--timeout=ms] [-- command...]   (default: sh fixtures/service.sh)
import { lines, openProcess } from "anyproc";
import { adapter } from "anyproc/adapter";

const args = Bun.argv.slice(2);
const dash = args.indexOf("--");
const command = dash >= 0 ? args.slice(dash + 1) : ["sh", new URL("../fixtures/service.sh", import.meta.url).pathname];
const timeoutArg = args.find((a) => a.startsWith("--timeout="));
const timeoutMs = timeoutArg ? Number(timeoutArg.slice("--timeout=".length)) : 3_000;
const READY = /listening on (\S+)/;
const NOTABLE = /^(warn|error):/;

console.log(`anyproc ${adapter.runtime} adapter: tailing \`${command.join(" ")}\` until it is listening (timeout ${timeoutMs} ms)`);
const started = performance.now();
const timeout = AbortSignal.timeout(timeoutMs);
let address: string | undefined;
let read = 0;
let notable = 0;
let pid = 0;
{
  // stderr into the same pipe, so errors keep their place among the other lines. The timeout signal
  // terminates the service, which ends its output and so the loop; killTree also stops anything it started.
  // Leaving this block terminates the service if it is still running (SIGKILL after 1 s).
  await using service = await openProcess(command, {
    stdin: "ignore",
    stderr: "stdout",
    signal: timeout,
    killTree: true,
    forceKillAfter: 1_000,
  });
  pid = service.pid;
  for await (const line of lines(service.stdout!)) {
    read++;
    if (NOTABLE.test(line)) {
      notable++;
      console.log(`  ${line}`);
    }
    address = READY.exec(line)?.[1];
    if (address) break;
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (address) {
  console.log(`ready at ${address} after ${seconds} s (${read} lines read, ${notable} warnings or errors); stopped it (pid ${pid})`);
} else {
  console.log(`not ready after ${seconds} s (${read} lines read, ${notable} warnings or errors); stopped it (pid ${pid})`);
  process.exitCode = 1;
}
