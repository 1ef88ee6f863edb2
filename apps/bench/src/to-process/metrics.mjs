// The figures a measurement process can take: the warm round trip through a 1-worker pool with the
// caller and its worker on the same CPU or on two CPUs, calls per second through a full pool, and (Node only)
// what a call that starts a worker costs with a small heap and with ~1 GB of it, its workers started by the
// caller itself or by a spawn helper started while the caller was small.

/**
 * Metric name → how a measurement process takes it (measure-one.mjs). `subjects` and `runtimes` (runtime kinds,
 * as `kindOf` gives them), when given, limit where it is taken; `helper` starts the spawn helper first.
 */
export const METRICS = {
  rttSame: { kind: "rtt", workers: "one", placement: "same", label: "same core" },
  rttCross: { kind: "rtt", workers: "one", placement: "cross", label: "cross core" },
  tput: { kind: "tput", workers: "all", placement: null, label: "full pool" },
  start: {
    kind: "start",
    workers: "one",
    placement: null,
    helper: false,
    label: "the caller (no spawn helper)",
    subjects: ["anyproc"],
    runtimes: ["node"],
  },
  startHelper: {
    kind: "start",
    workers: "one",
    placement: null,
    helper: true,
    label: "the spawn helper, started while small",
    subjects: ["anyproc"],
    runtimes: ["node"],
  },
};

/** The round-trip metrics, in table order. */
export const ROUND_TRIPS = ["rttSame", "rttCross"];

/** The worker-start metrics, in table order. */
export const WORKER_STARTS = ["start", "startHelper"];
