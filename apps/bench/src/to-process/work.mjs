// The trivial task every subject runs: echo its argument back, so a call measures only the round trip.
export function echo(value) {
  return value;
}
