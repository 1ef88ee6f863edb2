// The figures a measurement process can take: the warm round trip through a 1-worker pool with the
// caller and its worker on the same CPU or on two CPUs, and calls per second through a full pool.

/** Metric name → how a measurement process takes it (measure-one.mjs). */
export const METRICS = {
  rttSame: { kind: "rtt", workers: "one", placement: "same", label: "same core" },
  rttCross: { kind: "rtt", workers: "one", placement: "cross", label: "cross core" },
  tput: { kind: "tput", workers: "all", placement: null, label: "full pool" },
};

/** The round-trip metrics, in table order. */
export const ROUND_TRIPS = ["rttSame", "rttCross"];
