/**
 * The oldest runtime version a feature works on, as the adapter's package.json `engines` declares it, and the
 * error for a runtime older than that: it names the feature, the runtime and both versions, and what to do,
 * instead of the failure deep inside that an older runtime would give.
 */

/** A runtime's version against the range its adapter supports. */
export interface RuntimeFloor {
  /** The runtime's name as users know it: "Bun", "Deno". */
  readonly runtime: string;
  /** The running version, e.g. `Bun.version`. */
  readonly version: string;
  /** The supported range from `engines`: `>=1.4.0`. */
  readonly range: string;
  /** What goes wrong on an older version, for the error message. */
  readonly why: string;
}

/** The error for `feature` on a runtime older than `floor.range`, or null when the runtime is recent enough. */
export function floorError(feature: string, floor: RuntimeFloor): Error | null {
  const minimum = /^>=\s*(\d+(?:\.\d+)*)$/.exec(floor.range.trim())?.[1];
  if (minimum === undefined || compareVersions(floor.version, minimum) >= 0) return null;
  return new Error(
    `${feature} needs ${floor.runtime} ${minimum} or newer, and this is ${floor.runtime} ${floor.version}: ${floor.why}. ` +
      `Upgrade ${floor.runtime} (anyproc supports ${floor.runtime} ${floor.range})`,
  );
}

/** Compares two dotted versions by their numeric parts (a pre-release suffix is ignored); <0, 0 or >0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]
      ?.split(".")
      .map((n) => Number.parseInt(n, 10) || 0) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
