/**
 * The run loop the background's workers share (the code-link enrichment here, the watch of saved papers in
 * lib/watch): one run at a time; a call during a run makes it go around once more, so nothing that became
 * due meanwhile waits for the next alarm; `kick` runs without waiting, `poke` at most once per interval
 * (activity on the pages wakes the worker often). The state is only in memory: a stopped background loses
 * nothing but the "once more", and the alarm each run sets brings it back.
 */

/** A worker's loop around its `runOnce`. */
export interface Runner<Report> {
  /** Runs what is due now; a call during a run makes the run go around once more. */
  run(): Promise<Report>;
  /** Starts a run without waiting for it (errors are logged with `label`). */
  kick(): void;
  /** Like {@link Runner.kick}, at most once per `pokeIntervalMs`. */
  poke(): void;
}

/** The loop around `runOnce`; `now` is the worker's clock (tests control it). */
export function createRunner<Report>(
  runOnce: () => Promise<Report>,
  options: { label: string; pokeIntervalMs: number; now: () => number },
): Runner<Report> {
  let running: Promise<Report> | undefined;
  let again = false;
  let lastPoke = Number.NEGATIVE_INFINITY;
  const loop = async (): Promise<Report> => {
    let report: Report;
    do {
      again = false;
      report = await runOnce();
    } while (again);
    return report;
  };
  const runner: Runner<Report> = {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = undefined;
      });
      return running;
    },
    kick() {
      runner
        .run()
        .catch((err: unknown) => console.warn(`Daily Papers Companion: ${options.label} failed`, err));
    },
    poke() {
      const now = options.now();
      if (now - lastPoke < options.pokeIntervalMs) return;
      lastPoke = now;
      runner.kick();
    },
  };
  return runner;
}
