// The spawn suite's scenarios: what each measures, with which subjects (a subject's operation), in which
// unit, and whether every subject shares one measurement process (`grouped`: measured side by side, ratios
// from one process) or each gets its own (peak memory while streaming, which must be the subject's alone).

/** argv of the commands the scenarios run. */
export const COMMANDS = {
  true: ["/bin/true"],
  echo: ["/bin/echo", "hello"],
  zeros: (bytes) => ["head", "-c", String(bytes), "/dev/zero"],
  sink: ["cat"],
};

/** Output and input sizes, full and `--quick`. */
export const SIZES = {
  stdout: { full: 1024 ** 3, quick: 256 * 1024 ** 2 },
  stdin: { full: 256 * 1024 ** 2, quick: 64 * 1024 ** 2 },
};
/** Concurrent spawns per batch. */
export const CONCURRENCY = 200;

const LIBS = ["execa", "tinyexec", "nano-spawn"];
const entry = (key, subject = key, op) => ({ key, subject, op });

/**
 * Scenario name → `{ label, unit, better, grouped, entries }`; an entry `{ key, subject, op }` is one column:
 * `subject` (src/spawn/subjects.mjs) doing operation `op`.
 */
export const SCENARIOS = {
  seq: {
    label: "sequential spawn of /bin/true, stdio ignored",
    unit: "µs",
    better: "lower",
    grouped: true,
    entries: ["native", "anyproc", "helper", ...LIBS].map((k) => entry(k, k, "spawn")),
  },
  conc: {
    label: `${CONCURRENCY} concurrent spawns of /bin/true, stdio ignored`,
    unit: "ms",
    better: "lower",
    grouped: true,
    entries: ["native", "anyproc", "helper", ...LIBS].map((k) => entry(k, k, "spawn")),
  },
  capture: {
    label: "run /bin/echo capturing stdout and stderr",
    unit: "µs",
    better: "lower",
    grouped: true,
    entries: ["native", "anyproc", "anyproc-reuse-read-buffer", ...LIBS].map((k) => entry(k, k, "capture")),
  },
  read: {
    label: "1 GiB of stdout read as it arrives, side by side",
    unit: "MB/s",
    better: "higher",
    grouped: true,
    entries: [
      entry("native", "native", "read"),
      entry("native-alt", "native-alt", "read"),
      entry("anyproc", "anyproc", "read"),
      entry("anyproc-reuse-read-buffer", "anyproc-reuse-read-buffer", "read"),
    ],
  },
  stdout: {
    label: "1 GiB of stdout read or collected, one subject per process: peak memory, and collecting's throughput",
    unit: "MB/s",
    better: "higher",
    grouped: false,
    entries: [
      entry("native", "native", "read"),
      entry("native-reuse", "native-reuse", "read"),
      entry("anyproc", "anyproc", "read"),
      entry("anyproc-reuse-read-buffer", "anyproc-reuse-read-buffer", "read"),
      entry("native-bytes", "native", "collect"),
      entry("anyproc-bytes", "anyproc", "collect"),
    ],
  },
  stdin: {
    label: "256 MiB written to stdin of cat, 1 MiB per write or as one input, side by side",
    unit: "MB/s",
    better: "higher",
    grouped: true,
    entries: [
      entry("native", "native", "write"),
      entry("native-alt", "native-alt", "write"),
      entry("anyproc", "anyproc", "write"),
      entry("anyproc-input", "anyproc", "input"),
    ],
  },
  heap: {
    label: "sequential spawn of /bin/true with a small heap and with ~1 GB of live heap",
    unit: "µs",
    better: "lower",
    grouped: true,
    entries: ["native", "anyproc", "helper"].map((k) => entry(k, k, "spawn")),
  },
};
