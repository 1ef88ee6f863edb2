import { lines, openProcess, runProcess, toProcess } from "anyproc";

const { stdout } = await runProcess(["uname", "-s"]); // argv: no shell in between
console.log(stdout.trim()); // Linux

const ticker = await openProcess(["sh", "-c", "for i in 1 2 3; do echo tick $i; sleep 0.1; done"]);
for await (const line of lines(ticker.stdout)) console.log(line); // each line as it arrives
console.log(JSON.stringify(await ticker.wait())); // {"exitCode":0,"signal":null}

const work = new URL("./work.mjs", import.meta.url); // export const fib = (n) => ...
console.log(await toProcess.run(work, "fib", [30])); // 832040, computed in a worker process
