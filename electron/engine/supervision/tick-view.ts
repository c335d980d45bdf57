/**
 * What a tick lists beyond the live units: each unit that exited since the last tick, with its exit's facts,
 * and the startup times of the units that became ready.
 * An exited unit's last slices lag its exit: it told of them in its last report (a one-shot unit with its
 * result), and a tick places slices about one report period back (tick-sampler.ts). So an exited unit stays
 * listed, each tick taking its window, until the window has passed everything it told; gone at once, a
 * worker-per-task thread's whole life (its startup and its job) would never reach a tick.
 * A one-shot unit that ended quietly (done with its job, or stopped) is listed only for those slices, in the
 * ticks whose window reaches them: its end itself is no news (at 50 jobs/s rows saying only that would say
 * nothing; the summary keeps the counts), and its lane is.
 */
import { performance } from 'node:perf_hooks';
import { BUSY_SLICE_MS, type SliceWindow } from '../../../shared/activity/busy-slices';
import type { UnitTick } from '../../../shared/messages';
import { unitTick, type UnitRecord } from './unit-record';

/** Exited units kept for the next ticks; beyond this (no ticks: sampling off) the oldest are forgotten. */
const MAX_EXITED_SHOWN = 256;
/** Startup times kept until the next tick takes them. */
const MAX_STARTUPS_KEPT = 4_096;

/** A one-shot unit's end that is no news by itself. */
const endsQuietly = (unit: UnitRecord) => unit.oneShot && (unit.exit?.cause === 'done' || unit.exit?.cause === 'stop');

export class TickView {
  private readonly exited: UnitRecord[] = [];
  private readonly startups: number[] = [];

  unitReady(startupMs: number): void {
    if (this.startups.length < MAX_STARTUPS_KEPT) this.startups.push(startupMs);
  }

  /**
   * `unit` exited just now. One that died inside a job was busy until then: its slices say so up to its exit,
   * as they did while it lived (past its last report, a unit in a job reads busy).
   */
  unitExited(unit: UnitRecord, inJob: boolean): void {
    const exitedAt = performance.timeOrigin + performance.now();
    if (inJob && unit.sample !== null && Number.isFinite(unit.slices.coveredTo)) {
      unit.slices.addBusy(unit.slices.coveredTo, exitedAt);
      unit.slices.coveredTo = exitedAt;
    }
    // Quiet and never measured (sampling off): there is nothing to show of it.
    if (endsQuietly(unit) && unit.sample === null) return;
    this.exited.push(unit);
    if (this.exited.length > MAX_EXITED_SHOWN) this.exited.shift();
  }

  /**
   * The live units and the exited ones still to show, as a tick lists them; with a `window`, their busy slices
   * and collections over it (taken), and an exited unit stays for the next tick while it told of slices past it.
   * Without one (a caller that only lists the units) the exited ones are listed once, and the quiet ones not.
   */
  snapshot(live: Iterable<UnitRecord>, intervalMs: number, now: number, window?: SliceWindow): UnitTick[] {
    const rows: UnitTick[] = [];
    for (const unit of live) rows.push(unitTick(unit, now, intervalMs, window));
    let kept = 0;
    for (const unit of this.exited) {
      const quiet = endsQuietly(unit);
      // A quiet one's row before the window reaches its life would only read idle.
      const reached = window !== undefined && unit.slices.heldFrom() < window.end;
      if (!quiet || reached) rows.push(unitTick(unit, now, intervalMs, window));
      if (window && unit.sample !== null && unit.slices.coveredTo > window.end * BUSY_SLICE_MS) this.exited[kept++] = unit;
    }
    this.exited.length = kept;
    return rows;
  }

  takeStartups(): number[] {
    return this.startups.splice(0);
  }
}
