// Prints the matrix for a terminal and writes it as markdown: the table, per-lane totals, problems, closing lines.

const SYMBOL = { passed: "✓", failed: "✗", skipped: "skip", missing: "—" };

/** The closing line: cells of the required lanes. */
export const closingLine = (m) => `${m.required.passed} passed, ${m.required.failed} failed`;

/** The line after it: cells of the lanes that are reported but not required. */
function compatLine(m, gaps) {
  const names = m.lanes.filter((l) => !l.required).map((l) => l.name);
  if (names.length === 0) return null;
  return (
    `${names.join(", ")} (reported, not required): ${m.compat.passed} passed, ${m.compat.failed} failed` +
    ` (${gaps.known.length} known gaps, ${gaps.unexplained.length} unexplained)`
  );
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Rows of the per-lane totals table. */
function totalsRows(m) {
  return m.lanes.map((lane) => {
    const t = m.laneTotals.get(lane.name);
    return [lane.name, t.passed, t.failed, t.skipped, t.missing, seconds(lane.durationMs), lane.required ? "required" : "reported"];
  });
}
const TOTALS_HEAD = ["lane", "passed", "failed", "skipped", "missing", "time", ""];

/** Everything below the tables, as plain lines (shared by the terminal and markdown forms). */
function findings(m, gaps, resultsDir, { knownGaps = true } = {}) {
  const out = [];
  const section = (title, lines) => {
    if (lines.length) out.push("", title, ...lines.map((l) => `  ${l}`));
  };
  section(
    "Lane errors:",
    m.lanes
      .filter((lane) => lane.errors.length)
      .map(
        (lane) =>
          `${lane.name}${lane.required ? "" : " (not required)"}, log ${resultsDir}/${lane.name}.log:\n${lane.errors.map((e) => `    ${e}`).join("\n")}`,
      ),
  );
  section(
    "Notes:",
    m.lanes.flatMap((lane) => lane.notes.map((n) => `${lane.name}: ${n}`)),
  );
  section(
    "Failures in required lanes:",
    m.lanes
      .filter((l) => l.required)
      .flatMap((lane) =>
        [...lane.messages].filter(([name]) => lane.cases.has(name)).map(([name, msg]) => `${lane.name} | ${name}\n      ${indent(msg)}`),
      ),
  );
  if (knownGaps)
    section(
      "Known gaps (known-gaps.json):",
      gaps.known.map((g) => `${g.lane} | ${g.case}: ${g.reason}`),
    );
  section("Failing in a reported lane but not in known-gaps.json:", unexplainedLines(m, gaps, resultsDir));
  section(
    "Stale entries in known-gaps.json (these now pass):",
    gaps.stale.map((g) => `${g.lane} | ${g.case}`),
  );
  section(
    "Entries in known-gaps.json naming no case:",
    gaps.unknownCases.map((g) => `${g.lane} | ${g.case}`),
  );
  section(
    "Runtime-only tests (not in the table):",
    m.lanes
      .filter((l) => l.extras.size)
      .map((lane) => {
        const count = (s) => [...lane.extras.values()].filter((v) => v === s).length;
        return `${lane.name}: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`;
      }),
  );
  return out;
}

/** Above this many unexplained failures, a lane's are shown grouped by cause rather than one by one. */
const GROUP_ABOVE = 20;
/** How many of a lane's causes are shown, the most frequent first. */
const CAUSES_SHOWN = 12;

/**
 * Unexplained failures of the reported lanes, one line each; grouped by cause for a lane with many (a lane still
 * being brought up, such as a Windows lane); one line for a lane that reported nothing at all.
 */
function unexplainedLines(m, gaps, resultsDir) {
  const silent = new Set(m.lanes.filter((l) => l.cases.size === 0).map((l) => l.name));
  const lines = [...silent]
    .filter((name) => gaps.unexplained.some((g) => g.lane === name))
    .map((name) => `${name}: no result for any case (see lane errors)`);
  for (const lane of m.lanes.filter((l) => !silent.has(l.name))) {
    const failures = gaps.unexplained.filter((g) => g.lane === lane.name);
    if (failures.length > GROUP_ABOVE) {
      lines.push(...causeLines(lane.name, failures, resultsDir));
      continue;
    }
    for (const g of failures) {
      lines.push(`${g.lane} | ${g.case}${g.message ? `\n      ${indent(g.message)}` : g.status === "missing" ? " (no result)" : ""}`);
    }
  }
  return lines;
}

/** A lane's failures counted by {@link causeOf}, the most frequent first. */
function causeLines(lane, failures, resultsDir) {
  const counts = new Map();
  for (const g of failures) counts.set(causeOf(g), (counts.get(causeOf(g)) ?? 0) + 1);
  const causes = [...counts].sort((a, b) => b[1] - a[1]);
  const rest = causes.slice(CAUSES_SHOWN).reduce((n, [, count]) => n + count, 0);
  return [
    `${lane}: ${failures.length} cases, by cause (each case's message: ${resultsDir}/${lane}.log)`,
    ...causes.slice(0, CAUSES_SHOWN).map(([cause, count]) => `  ${String(count).padStart(4)} × ${cause}`),
    ...(rest ? [`  ${String(rest).padStart(4)} × other causes (${causes.length - CAUSES_SHOWN})`] : []),
  ];
}

/**
 * The first line of a failure's message with every word that holds a digit (a temporary name, a pid, an exit
 * code) masked, so that failures with one cause read the same.
 */
function causeOf(failure) {
  if (!failure.message) return `(${failure.status})`;
  return failure.message
    .split("\n")[0]
    .replace(/\w*\d\w*/g, "…")
    .slice(0, 160);
}

const indent = (text) => text.replaceAll("\n", "\n      ");

/** The terminal form. */
export function renderText(m, gaps, resultsDir) {
  const head = ["case", ...m.lanes.map((l) => l.name)];
  const rows = m.cases.map((name) => [name, ...m.lanes.map((l) => SYMBOL[m.cell(name, l.name)])]);
  return [
    `conformance matrix: ${m.cases.length} cases × ${m.lanes.length} lanes`,
    "",
    ...alignedTable(head, rows),
    "",
    ...alignedTable(TOTALS_HEAD, totalsRows(m)),
    ...findings(m, gaps, resultsDir),
    "",
    m.lanes.some((l) => l.required) ? closingLine(m) : null,
    compatLine(m, gaps),
  ]
    .filter((line) => line !== null)
    .join("\n");
}

/** The markdown form, written to results/matrix.md. */
export function renderMarkdown(m, gaps, resultsDir) {
  const cellText = (v) => String(v).replaceAll("|", "\\|");
  const table = (head, rows) => [head, head.map(() => "---"), ...rows].map((r) => `| ${r.map(cellText).join(" | ")} |`);
  const cases = m.cases.map((name) => [name, ...m.lanes.map((l) => SYMBOL[m.cell(name, l.name)])]);
  const knownGaps = gaps.known.map((g) => [g.lane, g.case, g.reason]);
  return [
    "# anyproc conformance matrix",
    "",
    `${m.cases.length} cases × ${m.lanes.length} lanes, generated ${new Date().toISOString()}.`,
    `${lanesSentence(m)} — means no result.`,
    "",
    ...table(["case", ...m.lanes.map((l) => l.name)], cases),
    "",
    ...table(TOTALS_HEAD, totalsRows(m)),
    "",
    ...(knownGaps.length ? ["## Known gaps", "", ...table(["lane", "case", "reason"], knownGaps), ""] : []),
    ...fenced(findings(m, gaps, resultsDir, { knownGaps: false }).slice(1)),
    closingLine(m),
    "",
    compatLine(m, gaps) ?? "",
    "",
  ].join("\n");
}

/** Which lanes are required and which are reported only, as their `required` marks say. */
function lanesSentence(m) {
  const names = (required) =>
    m.lanes
      .filter((l) => l.required === required)
      .map((l) => l.name)
      .join(", ");
  const [required, reported] = [names(true), names(false)];
  return [required && `Required lanes: ${required}.`, reported && `Reported only: ${reported}.`].filter(Boolean).join(" ");
}

/** Lines in a text block followed by a blank line, or nothing when there are none. */
const fenced = (lines) => (lines.length ? ["```text", ...lines, "```", ""] : []);

/** Columns padded to their widest cell; the first column left-aligned, the rest centred. */
export function alignedTable(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i]))));
  const pad = (text, i) => {
    const gap = widths[i] - width(text);
    if (i === 0) return text + " ".repeat(gap);
    const left = Math.floor(gap / 2);
    return " ".repeat(left) + text + " ".repeat(gap - left);
  };
  return all.map((r) => r.map(pad).join("  ").trimEnd());
}

/** Display width: code points, with emoji and other wide characters counted twice. */
function width(text) {
  let n = 0;
  for (const ch of text)
    n += /\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return n;
}
