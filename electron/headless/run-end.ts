/**
 * When a headless run ends: its duration is up, the caller's signal aborts (Ctrl-C, SIGTERM), or, for an attached
 * run, the app ended it (`ended`), whichever comes first.
 */

/**
 * Resolves at the first of: `durationS` seconds (never when null), `signal` aborting, `ended` settling. The
 * caller's signal outlives the run (the experiments script passes one signal to every run in turn): whichever way
 * the run ends, its listener comes off, or the 11th run would warn of a leak, rightly.
 */
export function runEnd(durationS: number | null, signal: AbortSignal | undefined, ended?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const end = () => {
      if (deadline) clearTimeout(deadline);
      signal?.removeEventListener('abort', end);
      resolve();
    };
    const deadline = durationS === null ? null : setTimeout(end, durationS * 1000);
    void ended?.then(end);
    if (signal?.aborted) end();
    else signal?.addEventListener('abort', end, { once: true });
  });
}
