// The spawn suite's chart as a self-contained SVG (no chart library): per runtime, one horizontal bar per
// subject and scenario giving its speed relative to the native API measured in the same run (native = 1,
// longer is faster), with the native line and each scenario's budget line.
import { MAX_SPAWN_RATIO, MIN_TPUT_RATIO } from "./budgets.mjs";
import { nativeApi } from "./tables.mjs";

/**
 * Scenario groups drawn: `[scenario, metric, title, keys, budget line, higher is better, base]`; each bar is
 * the key's speed relative to `base` (the native API unless named).
 */
const GROUPS = [
  ["seq", "time", "sequential spawn", ["anyproc", "helper", "execa", "tinyexec", "nano-spawn"], 1 / MAX_SPAWN_RATIO, false],
  ["conc", "time", "200 concurrent spawns", ["anyproc", "helper", "execa", "tinyexec", "nano-spawn"], 1 / MAX_SPAWN_RATIO, false],
  ["capture", "time", "run capturing output", ["anyproc", "anyproc-reuse-read-buffer", "execa", "tinyexec", "nano-spawn"], null, false],
  ["read", "tput", "1 GiB stdout, read", ["anyproc", "anyproc-reuse-read-buffer", "native-alt"], MIN_TPUT_RATIO, true],
  ["stdout", "tput", "1 GiB stdout, collected (vs native collecting)", ["anyproc-bytes"], MIN_TPUT_RATIO, true, "native-bytes"],
  ["stdin", "tput", "256 MiB stdin", ["anyproc", "anyproc-input", "native-alt"], MIN_TPUT_RATIO, true],
];

const LABELS = {
  anyproc: "anyproc",
  helper: "anyproc + spawn helper",
  "anyproc-reuse-read-buffer": "anyproc, reuseReadBuffer",
  execa: "execa",
  tinyexec: "tinyexec",
  "nano-spawn": "nano-spawn",
  "anyproc-bytes": 'runProcess "bytes"',
  "native-alt": "native, other reader or writer",
  "native-bytes": "native, collected",
  "anyproc-input": "runProcess input",
};
const COLORS = {
  anyproc: "#2563eb",
  helper: "#1e3a8a",
  "anyproc-reuse-read-buffer": "#1e3a8a",
  "anyproc-bytes": "#1d4ed8",
  "anyproc-input": "#1d4ed8",
  execa: "#f59e0b",
  tinyexec: "#10b981",
  "nano-spawn": "#a855f7",
  "native-alt": "#9ca3af",
  "native-bytes": "#6b7280",
};

const xml = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The bars of one runtime: `{ group, label, key, speed, budget }`. */
function bars(results) {
  const out = [];
  for (const [scenario, metric, title, keys, budget, higher, baseKey = "native"] of GROUPS) {
    const base = results[scenario]?.[baseKey]?.[metric]?.median;
    if (base === undefined) continue;
    for (const key of keys) {
      const v = results[scenario]?.[key]?.[metric]?.median;
      if (v === undefined) continue;
      // A ratio the processes measured side by side is the figure itself (a time ratio inverted into speed).
      const paired = baseKey === "native" ? results[scenario][key].ratio?.median : undefined;
      const speed = paired !== undefined ? (higher ? paired : 1 / paired) : higher ? v / base : base / v;
      out.push({
        group: title,
        key,
        label: LABELS[key],
        speed,
        budget: key.startsWith("anyproc") || key === "helper" ? budget : null,
      });
    }
  }
  return out;
}

/** The SVG document for `run` (a spawn-suite run). */
export function renderChart(run) {
  const row = 16;
  const left = 330;
  const plot = 520;
  const width = left + plot + 80;
  const panels = Object.entries(run.results).map(([runtime, results]) => ({ runtime, bars: bars(results) }));
  const max = Math.max(1.5, ...panels.flatMap((p) => p.bars.map((b) => b.speed))) * 1.05;
  const x = (speed) => left + (speed / max) * plot;
  const parts = [];
  let y = 40;
  parts.push(
    `<text x="12" y="22" font-size="15" font-weight="bold">Speed relative to each runtime's native API (native = 1; longer is faster). ${xml(run.quick ? "--quick smoke run" : run.date.slice(0, 10))}</text>`,
  );
  for (const { runtime, bars: list } of panels) {
    parts.push(`<text x="12" y="${y + 14}" font-size="14" font-weight="bold">${xml(`${runtime} (native: ${nativeApi(runtime)})`)}</text>`);
    y += 24;
    const top = y;
    let group = null;
    for (const b of list) {
      if (b.group !== group) {
        group = b.group;
        parts.push(`<text x="12" y="${y + 12}" font-size="12" fill="#374151">${xml(group)}</text>`);
      }
      parts.push(`<text x="${left - 8}" y="${y + 12}" font-size="12" text-anchor="end">${xml(b.label)}</text>`);
      parts.push(
        `<rect x="${left}" y="${y + 2}" width="${Math.max(1, x(b.speed) - left).toFixed(1)}" height="${row - 4}" fill="${COLORS[b.key] ?? "#6b7280"}"/>`,
      );
      parts.push(`<text x="${(x(b.speed) + 4).toFixed(1)}" y="${y + 12}" font-size="11">${b.speed.toFixed(2)}</text>`);
      if (b.budget !== null)
        parts.push(
          `<line x1="${x(b.budget).toFixed(1)}" x2="${x(b.budget).toFixed(1)}" y1="${y + 1}" y2="${y + row - 1}" stroke="#dc2626" stroke-width="2"/>`,
        );
      y += row;
    }
    parts.push(`<line x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="${top}" y2="${y}" stroke="#111827" stroke-dasharray="4 3"/>`);
    y += 14;
  }
  parts.push(
    `<text x="12" y="${y + 4}" font-size="11" fill="#374151">Dashed: the native API (1.0). Red tick: anyproc's budget (spawn ≤ ${MAX_SPAWN_RATIO}× native time; throughput ≥ ${MIN_TPUT_RATIO}× native).</text>`,
  );
  const height = y + 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
