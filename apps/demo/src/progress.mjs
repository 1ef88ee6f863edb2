// Live progress, one line per runtime: redrawn in place on a terminal, plain appended lines otherwise
// (a pipe, a log file, CI), where only state changes are printed, not every task.
import { seconds, WAY_TASKS, wayLabel } from "./ways.mjs";

const TASK_NAMES = { scripts: "scripts", cpu: "CPU calls" };

/**
 * Whether to redraw progress in place: `stream` is a terminal, `CI` is unset and `TERM` is not `dumb`.
 * @param {{ isTTY?: boolean }} stream
 * @param {Record<string, string | undefined>} env
 * @returns {boolean}
 */
export function isInteractive(stream, env) {
  return Boolean(stream.isTTY) && !env.CI && env.TERM !== "dumb";
}

/**
 * Creates the progress display for `names` (the runtimes, in display order).
 *
 * Feed it `start(name)`, every batch event with `update(name, event)` (see ways.mjs), and `finish(name, error?)`.
 * Interactive: each call redraws all lines (ANSI cursor-up and clear-line); call `redraw()` on a timer to tick
 * the elapsed time. Plain: one line per state change (started, a way × task timed, done or failed), no escape codes.
 *
 * @param {string[]} names
 * @param {{ write: (text: string) => void, interactive: boolean, columns?: number, now?: () => number }} options
 */
export function createProgress(names, { write, interactive, columns = 80, now = () => performance.now() }) {
  const states = new Map(names.map((name) => [name, { status: "waiting", config: null, way: null, done: {} }]));
  const width = Math.max(...names.map((n) => n.length)) + 2;
  let drawn = 0;

  const say = (name, text) => {
    if (!interactive) write(`${name.padEnd(width)}${text}\n`);
  };

  const redraw = () => {
    if (!interactive) return;
    let out = drawn > 0 ? `\r\x1b[${drawn}A` : "";
    for (const name of names) out += `\x1b[2K${clip(`${name.padEnd(width)}${describe(states.get(name), now())}`, columns)}\n`;
    drawn = names.length;
    write(out);
  };

  return {
    start(name) {
      Object.assign(states.get(name), { status: "running", startedAt: now() });
      say(name, "started");
      redraw();
    },
    update(name, event) {
      const state = states.get(name);
      if (event.type === "start") state.config = event;
      if (event.type === "progress" || event.type === "time") state.way = event.way;
      if (event.type === "progress") state.done[`${event.way}.${event.task}`] = event.done;
      if (event.type === "time" && state.config) {
        const count = state.config[event.task];
        say(name, `${wayLabel(event.way, state.config)}: ${count} ${TASK_NAMES[event.task]} in ${seconds(event.ms)}`);
      }
      redraw();
    },
    finish(name, error) {
      const state = states.get(name);
      Object.assign(state, { status: error ? "failed" : "done", endedAt: now(), error });
      say(name, error ? `failed: ${error}` : `done in ${seconds(state.endedAt - state.startedAt)}`);
      redraw();
    },
    redraw,
  };
}

/** One runtime's interactive line, without the name. */
function describe(state, at) {
  if (state.status === "waiting") return "waiting";
  if (state.status === "failed") return `failed: ${state.error}`;
  if (state.status === "done") return `done in ${seconds(state.endedAt - state.startedAt)}`;
  const elapsed = seconds(at - state.startedAt);
  if (!state.config || !state.way) return `starting  ${elapsed}`;
  const { config, way } = state;
  const counts = WAY_TASKS[way].map((task) => `${task} ${state.done[`${way}.${task}`] ?? 0}/${config[task]}`);
  return `${wayLabel(way, config).padEnd(24)}${counts.join("  ").padEnd(24)}${elapsed}`;
}

/** Cuts `line` to fit a terminal `columns` wide, so that it never wraps and breaks the redraw. */
function clip(line, columns) {
  if (!(columns > 0)) return line;
  return line.length < columns ? line : `${line.slice(0, Math.max(columns - 2, 0))}…`;
}
