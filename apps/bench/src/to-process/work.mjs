// The trivial tasks the subjects run: echo its argument back, so a call measures only the round trip; and end
// the worker's process at once (SIGKILL), so that the pool has to replace it.
import process from "node:process";

export function echo(value) {
  return value;
}

export function die() {
  process.kill(process.pid, "SIGKILL");
}
