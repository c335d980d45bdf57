/**
 * Unit startup as the engine measured it: from a thread's or process's creation to its first message, over the
 * units that became ready during one tick's interval. A one-shot strategy (worker-per-task, child-process with
 * spawn or exec) pays it on every job, so it is measured nearly every tick; a pool pays it only when units start
 * (the run's start, a switch, a crash). The view therefore keeps the latest measured value with the time it was
 * measured, and words its age, so the number stays on screen between measurements without passing for current.
 */
import type { Percentiles, Tick } from '../../../shared/messages';

/** One tick's unit startup, in ms, with how many units it covers and when (seconds since the run started). */
export interface UnitStartup extends Percentiles {
  count: number;
  t: number;
}

/** The tick's startup, or null when no unit became ready during its interval. */
export function startupOf(tick: Tick): UnitStartup | null {
  return tick.startup === null ? null : { ...tick.startup, t: tick.t / 1000 };
}

/** "4 units · now", "1 unit · 12 s ago": what the startup figure covers, and how old it is at run time `nowT` (s). */
export function startupCaption(startup: UnitStartup, nowT: number): string {
  const units = `${startup.count} unit${startup.count === 1 ? '' : 's'}`;
  const ageS = Math.max(0, nowT - startup.t);
  // Under a second old is the latest interval or the one before: as current as any number on the screen.
  return ageS < 1 ? `${units} · now` : `${units} · ${Math.round(ageS)} s ago`;
}
