/**
 * Ending units: each is asked to leave and killed if it has not after a grace, a few at a time, the counterpart
 * of the start gate (start-gate.ts): every unit leaving at once (each process tearing down its heap, each thread
 * joined by the host) competes with the host and the next strategy's units for the cores.
 */
import type { UnitHandle } from './unit-handle';

/** How long a unit asked to leave may take before it is killed. */
export const EXIT_GRACE_MS = 2_000;

/** The longest a batch of leaving units holds the next batch back. */
const STOP_BATCH_WAIT_MS = 100;

/**
 * Ends units `batch` at a time. `stop` asks one to leave and returns its exit; a batch slow to leave holds the next
 * one back only briefly, so stuck units still end within about one grace.
 */
export async function stopInBatches<T>(units: T[], batch: number, stop: (unit: T) => Promise<unknown> | undefined): Promise<void> {
  for (let i = 0; i < units.length; i += batch) {
    const exits = units.slice(i, i + batch).map(stop);
    if (i + batch < units.length) await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, STOP_BATCH_WAIT_MS))]);
  }
}

/** Asks a unit to leave, and kills it if it has not left (`exited` not settled) within `graceMs`. */
export function stopWithGrace(handle: UnitHandle, exited: Promise<unknown> | undefined, graceMs = EXIT_GRACE_MS): void {
  handle.stop();
  const kill = setTimeout(() => handle.kill(), graceMs);
  kill.unref();
  void exited?.then(() => clearTimeout(kill));
}
