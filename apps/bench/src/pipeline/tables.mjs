// The pipeline suite's tables: the pipeline on every runtime side by side, the Deno readers, each cell the
// median [min..max] over the processes (throughputs, and the ratios each process measured side by side), and
// the budget checks, for the terminal and as the body of results/pipeline.md.
import { markdownTable, terminalTable } from "../shared/report.mjs";
import { kindOf } from "../shared/runtimes.mjs";

const NATIVE = { node: "child_process", bun: "Bun.spawn", deno: "Deno.Command" };

const num = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const times = (v) => `${v.toFixed(2)}×`;
/** "1 GiB", "64 MiB". */
export const sizeText = (bytes) => (bytes >= 2 ** 30 ? `${bytes / 2 ** 30} GiB` : `${bytes / 2 ** 20} MiB`);

/** Rows of the pipeline table: `[key, metric, label, format]`. */
const PIPELINE_ROWS = [
  ["sh", "tput", "MB/s: /bin/sh -c (native spawn; reference)", num],
  ["anyproc", "tput", "MB/s: runPipeline", num],
  ["cookbook", "tput", "MB/s: cookbook recipe (openProcess + pipeTo)", num],
  ["anyproc", "ratio", "runPipeline ÷ /bin/sh", times],
  ["cookbook", "ratio", "cookbook recipe ÷ /bin/sh", times],
  ["anyproc", "vsCookbook", "runPipeline ÷ cookbook recipe", times],
];

/** Rows of the Deno readers table: `[scenario, key, metric, label, format]` (`label` gets the scenario's size). */
const READER_ROWS = [
  ["zeros", "native", "tput", (s) => `head -c ${s} /dev/zero MB/s: Deno BYOB reader, 1 MiB buffer (reference)`, num],
  ["zeros", "native-default", "tput", (s) => `head -c ${s} /dev/zero MB/s: Deno default reader`, num],
  ["zeros", "default-reader", "tput", (s) => `head -c ${s} /dev/zero MB/s: anyproc, default reader`, num],
  ["zeros", "for-await", "tput", (s) => `head -c ${s} /dev/zero MB/s: anyproc, for await`, num],
  ["zeros", "native-default", "ratio", () => "Deno default reader ÷ BYOB", times],
  ["zeros", "default-reader", "ratio", () => "default reader ÷ BYOB", times],
  ["zeros", "for-await", "ratio", () => "for await ÷ BYOB", times],
  ["lines", "native", "tput", (s) => `yes | head -c ${s} MB/s: Deno BYOB reader (reference)`, num],
  ["lines", "lines", "tput", (s) => `yes | head -c ${s} MB/s: anyproc, lines()`, num],
  ["lines", "lines", "ratio", () => "lines() ÷ BYOB", times],
  ["text", "native", "tput", (s) => `yes | head -c ${s} MB/s: Deno BYOB reader (reference)`, num],
  ["text", "text", "tput", (s) => `yes | head -c ${s} MB/s: anyproc, text()`, num],
  ["text", "text", "ratio", () => "text() ÷ BYOB", times],
];

const plain = (v) => v.toFixed(2);
/** "median [min..max]" of a summary (a ratio's × after the median only), or "—". */
const cell = (s, format) => {
  if (!s) return "—";
  const bounds = format === times ? plain : format;
  return `${format(s.median)} [${bounds(s.min)}..${bounds(s.max)}]`;
};

/** The pipeline side by side on every runtime, or null when no runtime measured it. */
function pipelineTable(run) {
  const runtimes = Object.keys(run.results).filter((r) => run.results[r].pipeline);
  if (runtimes.length === 0) return null;
  const header = [`head -c ${sizeText(run.sizes.pipeline)} /dev/zero | cat | wc -c`, ...runtimes.map((r) => `${r} (${NATIVE[kindOf(r)]})`)];
  const body = PIPELINE_ROWS.map(([key, metric, label, format]) => [
    label,
    ...runtimes.map((r) => cell(run.results[r].pipeline[key]?.[metric], format)),
  ]);
  return [header, ...body];
}

/** The Deno readers (and any other runtime that measured them), or null when none did. */
function readersTable(run) {
  const runtimes = Object.keys(run.results).filter((r) => run.results[r].zeros || run.results[r].lines || run.results[r].text);
  if (runtimes.length === 0) return null;
  const header = ["openProcess stdout read by", ...runtimes];
  const body = READER_ROWS.map(([scenario, key, metric, label, format]) => [
    label(sizeText(run.sizes[scenario])),
    ...runtimes.map((r) => cell(run.results[r][scenario]?.[key]?.[metric], format)),
  ]);
  return [header, ...body];
}

const met = (c) => `${c.met ? "met" : c.budget ? "MISSED" : "missed"}${c.budget ? "" : ` (${c.note})`}`;
const verdict = (c) => `${c.runtime}: ${c.target}: ${Number.isNaN(c.value) ? "not measured" : times(c.value)} ${met(c)}`;

/** The tables and budget lines for the terminal. */
export function terminalReport(run) {
  const tables = [pipelineTable(run), readersTable(run)].filter((table) => table !== null);
  return [
    `pipeline suite: median [min..max] over ${run.method.processes} processes; ratios measured side by side in each process`,
    ...tables.flatMap((table, i) => [...(i > 0 ? [""] : []), terminalTable(table)]),
    "",
    "budgets (medians of the ratios):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/** `table` with every `|` in a cell escaped, so a shell pipeline stays one markdown cell. */
const escaped = (table) => table.map((row) => row.map((text) => text.replaceAll("|", "\\|")));

/** The markdown lines between the run's header and its method: the two tables and the budget checks. */
export function markdownBody(run) {
  const pipeline = pipelineTable(run);
  const readers = readersTable(run);
  const answer = (c) => (c.met ? "yes" : c.budget ? "**no**" : "no");
  return [
    ...(pipeline
      ? [`## \`head -c ${sizeText(run.sizes.pipeline)} /dev/zero | cat | wc -c\``, "", markdownTable(escaped(pipeline), 1), ""]
      : []),
    ...(readers ? ["## Reading openProcess's stdout on Deno", "", markdownTable(escaped(readers), 1), ""] : []),
    "## Budgets",
    "",
    "| runtime | budget | value | met |",
    "| --- | --- | ---: | --- |",
    ...run.checks.map(
      (c) =>
        `| ${c.runtime} | ${c.target} | ${Number.isNaN(c.value) ? "not measured" : times(c.value)} | ${answer(c)}${c.budget ? "" : ` (${c.note})`} |`,
    ),
    "",
  ];
}
