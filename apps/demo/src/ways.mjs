// The three ways the demo runs its batch, and the line protocol a runtime's batch reports them on.

/** The ways, in the order each runtime runs them, with the tasks each way runs ("scripts", "cpu"). */
export const WAY_TASKS = {
  sequential: ["scripts", "cpu"],
  limited: ["scripts"],
  toProcess: ["cpu"],
};

/**
 * A duration for people: `0.66 s`, `12.4 s`.
 * @param {number} ms
 * @returns {string}
 */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * A way's label for progress lines and the table.
 * @param {"sequential" | "limited" | "toProcess"} way
 * @param {{ limit: number, workers: number }} config the batch's `start` event
 * @returns {string}
 */
export function wayLabel(way, { limit, workers }) {
  if (way === "sequential") return "one after another";
  if (way === "limited") return `runProcess, ${limit} at a time`;
  return `toProcess, ${workers} workers`;
}

/**
 * Parses one line a batch printed: an event object with a `type`, or null for anything else
 * (a stray line from a child, a blank line), which the caller ignores.
 *
 * Events: `start` {runtime, scripts, cpu, fib, limit, workers}; `progress` {way, task, done, total};
 * `time` {way, task, ms}, where task is "scripts" or "cpu".
 * @param {string} line
 * @returns {Record<string, any> | null}
 */
export function parseEvent(line) {
  if (!line.startsWith("{")) return null;
  try {
    const event = JSON.parse(line);
    return event && typeof event.type === "string" ? event : null;
  } catch {
    return null;
  }
}
