// Warm-up before the baseline: a few calls of every kind, so descriptors a runtime opens lazily are open already.

const settle = (promise) =>
  promise.then(
    () => undefined,
    () => undefined,
  );

/** Runs each kind of call the phases make, a few times, and closes its pool. */
export async function warmUp(api, fixture) {
  for (let i = 0; i < 3; i++) {
    await api.runProcess(["true"]);
    await api.runProcess(["true"], { stdout: "ignore", stderr: "ignore" });
    await api.runProcess(["cat"], { input: "warm-up" });
    await api.runProcess(["cat"], { input: new Uint8Array([1, 2]), encoding: "bytes" });
    await api.runProcess(["sh", "-c", "printf a; printf b >&2"], { stderr: "stdout" });
    await settle(api.runProcess(["sh", "-c", "exit 3"]));
    await settle(api.runProcess(["sleep", "1"], { timeout: 20, forceKillAfter: 50 }));
    await settle(
      api.runProcess(["sh", "-c", "trap '' TERM; sleep 1"], { signal: AbortSignal.timeout(20), killTree: true, forceKillAfter: 20 }),
    );
  }
  await Promise.all(Array.from({ length: 20 }, () => api.runProcess(["sleep", "0.05"])));

  const pool = api.toProcess.pool({ maxWorkers: 2 });
  await pool.run(fixture, "echo", [1]);
  await settle(pool.run(fixture, "crash", [3]));
  await settle(pool.run(fixture, "spin", [200], { signal: AbortSignal.timeout(20) }));
  await Promise.all([pool.run(fixture, "echo", [2]), pool.run(fixture, "spin", [1])]);
  await pool.close();
}
