// The bench's one report writer: table rendering for the terminal and markdown, the interference sentence,
// and the results files of a suite run (results/<name>.json, results/<name>.md, and any files the suite
// adds, such as the spawn suite's SVG chart). Each suite supplies its own tables and sections.
import { writeFileSync } from "node:fs";

const percent = (share) => `${(share * 100).toFixed(1)} %`;

/** One sentence on how much other processes disturbed the run. */
export function interferenceLine(summary, retries) {
  const worst = summary.worst ? ` (${summary.worst})` : "";
  const again = retries ? `; ${retries} disturbed measurement(s) were repeated` : "";
  return `other processes took ${percent(summary.median)} of the CPUs during a median measurement, at most ${percent(summary.max)}${worst}${again}`;
}

/** A table (header row first, every cell a string) as padded columns for the terminal. */
export function terminalTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) =>
    row
      .map((text, i) => text.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return lines.map((l) => `  ${l}`).join("\n");
}

/** A markdown table whose first `labels` columns are left-aligned and the rest right-aligned. */
export function markdownTable(table, labels = 2) {
  const line = (row) => `| ${row.join(" | ")} |`;
  return [line(table[0]), line(table[0].map((_, i) => (i < labels ? "---" : "---:"))), ...table.slice(1).map(line)].join("\n");
}

/**
 * A run as commit-friendly markdown: `title`, when and how it was measured (machine, versions, commit,
 * interference), the suite's `body` lines, then the method notes.
 */
export function markdownReport(run, title, body) {
  const { machine } = run;
  const versions = Object.entries(machine.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const git = machine.git.commit
    ? `${machine.git.commit}${machine.git.packagesDirty ? " with uncommitted changes in packages/" : ""}`
    : "unknown";
  return [
    `# ${title}`,
    "",
    `Measured ${run.date} with \`${run.command}\` in ${run.durationS.toFixed(0)} s${run.quick ? " (**--quick**: smoke run, not comparable)" : ""}.`,
    "",
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, ${machine.kernel}; 1-minute load average ${run.load.start} at the start.`,
    `- Versions: ${versions}.`,
    `- Commit: ${git}.`,
    `- Interference: ${interferenceLine(run.interference, run.retried.length)}.`,
    "",
    ...body,
    "## Method",
    "",
    ...run.method.notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}

/**
 * Writes `run` to `<dir>results/<base>.json` and `<base>.md` (from `suite.title` and `suite.markdownBody(run,
 * base)`), plus one file per entry of `suite.extraFiles?.(run)` (extension → text). Returns the names written.
 */
export function writeReport(dir, base, run, suite) {
  const files = {
    json: `${JSON.stringify(run, null, 2)}\n`,
    md: markdownReport(run, suite.title, suite.markdownBody(run, base)),
    ...suite.extraFiles?.(run),
  };
  for (const [ext, text] of Object.entries(files)) writeFileSync(`${dir}results/${base}.${ext}`, text);
  return Object.keys(files).map((ext) => `results/${base}.${ext}`);
}
