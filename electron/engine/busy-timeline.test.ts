import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Tick, UnitTick } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from './lab-engine';
import { record, waitFor } from './testing/harness';
import { assertNothingLeft } from './testing/leak-check';

after(() => assertNothingLeft());

/** Runs the engine until `seen` holds for its ticks (or fails after 30 s); returns the ticks. */
async function runUntil(config: Partial<RunConfig>, seen: (ticks: Tick[]) => boolean, what: string): Promise<Tick[]> {
  const engine = new LabEngine();
  const rec = record(engine);
  const started = await engine.start({ loadMode: 'closed', concurrency: 1, intervalMs: 100, ...config });
  assert.ok(started.ok, JSON.stringify(started));
  try {
    await waitFor(() => seen(rec.ticks), 30_000, what);
  } finally {
    await engine.stop();
  }
  return rec.ticks;
}

/** The invariants of every tick's slices: one grid, tiled without gap, each share 0..1, one length for all. */
function assertSliceShape(ticks: Tick[]): void {
  ticks.forEach((tick, i) => {
    assert.equal(tick.sliceMs, 20);
    const length = tick.host.busy?.length;
    assert.ok(length !== undefined, 'the host is always measured');
    for (const row of [tick.host, ...tick.units]) {
      if (row.busy === null) continue;
      assert.equal(row.busy.length, length, 'the host and every unit cover the same slices');
      assert.ok(row.busy.every((share) => share >= 0 && share <= 1), JSON.stringify(row.busy));
      assert.ok(row.gc !== null && row.gc.count >= 0 && row.gc.pauseMs >= row.gc.maxMs);
    }
    for (const unit of tick.units) if (unit.state === 'starting') assert.deepEqual([unit.busy, unit.gc], [null, null], 'not measured before the first report');
    const next = ticks[i + 1];
    // After the last tick (the stop's) nothing follows.
    if (next) assert.ok(Math.abs(next.sliceStart - (tick.sliceStart + length * tick.sliceMs)) < 0.01, `tick ${i + 1} starts where tick ${i} ended`);
  });
}

const allOnes = (busy: number[] | null) => busy !== null && busy.length > 0 && busy.every((share) => share === 1);
const allZeros = (busy: number[] | null) => busy !== null && busy.length > 0 && busy.every((share) => share === 0);

describe('busy slices and collections in the ticks', () => {
  it('a unit blocked in a job reads 1 in every slice; an idle one reads 0s', async () => {
    const blockedAndIdle = (tick: Tick) =>
      tick.units.some((u) => u.blocked === true && allOnes(u.busy)) && tick.units.some((u) => u.state === 'idle' && allZeros(u.busy));
    // One job at a time, and it never yields: one thread is held for good, the other has nothing to do.
    const ticks = await runUntil({ strategy: 'worker-pool', poolSize: 2, workload: 'fib', size: 20, fault: 'hang', faultEvery: 1 }, (t) => t.some(blockedAndIdle), 'a blocked and an idle unit');
    assertSliceShape(ticks);
  });

  it('a unit holding an I/O job reads busy while the job runs', async () => {
    const holding = (u: UnitTick) => u.state === 'busy' && allOnes(u.busy);
    const ticks = await runUntil({ strategy: 'child-process', poolSize: 1, workload: 'io-wait', size: 60_000 }, (t) => t.some((tick) => tick.units.some(holding)), 'a unit busy all along');
    assertSliceShape(ticks);
  });

  it("under main-thread the host's slices hold its jobs, each busy to its exact start and end", async () => {
    // fib 34 runs for tens of ms at least, so a job covers a whole slice whatever the machine's speed.
    const ticks = await runUntil({ strategy: 'main-thread', workload: 'fib', size: 34 }, (t) => t.some((tick) => tick.host.busy?.includes(1) === true), 'a host slice full of a job');
    assertSliceShape(ticks);
    assert.ok(ticks.every((tick) => tick.units.length === 0));
  });

  it('worker-per-task: each thread shows its busy slices up to its exit, though it is gone before a tick places them', async () => {
    const engine = new LabEngine();
    const rec = record(engine);
    const intervalMs = 100;
    // fib 25: a few ms of work after each thread's startup.
    const started = await engine.start({ strategy: 'worker-per-task', poolSize: 2, loadMode: 'closed', concurrency: 2, intervalMs, workload: 'fib', size: 25 });
    assert.ok(started.ok, JSON.stringify(started));
    const doneUnits = () => rec.events.filter((e) => e.event === 'unit-exited' && e.cause === 'done');
    try {
      await waitFor(() => doneUnits().length >= 10, 30_000, 'ten threads done with their job');
      // Their slices lag their exit by a report period or two: a few more ticks place them.
      const ticksBefore = rec.ticks.length;
      await waitFor(() => rec.ticks.length >= ticksBefore + 6, 30_000, 'six more ticks');
    } finally {
      await engine.stop();
    }
    assertSliceShape(rec.ticks);
    const busyIn = new Set(rec.ticks.flatMap((tick) => tick.units.filter((u) => u.busy?.some((share) => share > 0)).map((u) => u.id)));
    const exitedRows = rec.ticks.flatMap((tick) => tick.units.filter((u) => u.state === 'exited' && u.exit?.cause === 'done'));
    assert.ok(exitedRows.some((u) => u.busy?.some((share) => share > 0)), 'a thread gone after its job still has its last slices in a tick');
    const lastTick = rec.ticks.at(-1) as Tick;
    // Those that ended well before the last tick (the stop's) have had every slice placed by it.
    const settled = doneUnits().filter((e) => e.t < lastTick.t - 4 * intervalMs);
    assert.ok(settled.length >= 8, `${settled.length} threads ended before the last ticks`);
    const missing = settled.filter((e) => e.event === 'unit-exited' && !busyIn.has(e.unitId));
    assert.deepEqual(missing, [], 'every thread done with its job shows busy slices');
  });

  it('a unit allocating reports its garbage collections', async () => {
    const collected = (tick: Tick) => tick.units.some((u) => (u.gc?.count ?? 0) >= 1 && u.gc!.pauseMs > 0);
    const ticks = await runUntil({ strategy: 'worker-pool', poolSize: 1, workload: 'json', size: 1_000_000 }, (t) => t.some(collected), 'a collection on a unit');
    assertSliceShape(ticks);
  });
});
