import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Tick } from '../messages';
import { FakeRun, type TickShape } from './fake-run';
import { quantityKey, quantityLabel, readQuantity } from './quantities';
import type { SegmentWindow } from './timeline';
import type { Quantity, RunRecord } from './types';

/** A window over the whole of a run that lasted `toMs`, measured from its start. */
const wholeRun = (toMs: number): SegmentWindow => ({ id: 's', label: 'S', plannedStartMs: 0, endMs: toMs, readyAtMs: 0, steadyStartMs: 0, ran: true });

/** Ticks every 200 ms for 2 s, each with `shape`. */
function run(shape: TickShape): RunRecord {
  return new FakeRun(200).stretch(0, 2_000, shape).record();
}

const read = (quantity: Quantity, record: RunRecord, toMs = 2_000) => readQuantity(quantity, { run: record, window: wholeRun(toMs), intervalMs: 200 });

const cpuPerJob: Quantity = { kind: 'host-per-job', measure: 'cpu' };
const gcPerJob: Quantity = { kind: 'host-per-job', measure: 'gc-pause' };

describe("the host's cost per job", () => {
  it('is the main thread\'s CPU time over the ticks divided by the jobs they completed', () => {
    // Half a core for 200 ms is 100 ms of CPU, over 10 jobs: 10 ms each.
    const reading = read(cpuPerJob, run({ hostCpu: 0.5, completed: 10 }));
    assert.equal(reading.value, 10);
    assert.equal(reading.ticks, 10);
    assert.equal(reading.spread, null);
  });

  it('weighs each tick by the time since the tick before, so a late tick counts for its whole window', () => {
    const record = run({ hostCpu: 0.5, completed: 10 });
    // The 6th tick came 200 ms late: its 0.5 of a core is over 400 ms (200 ms of CPU), the others' over 200 ms.
    const ticks = record.ticks.map((tick, i): Tick => (i >= 5 ? { ...tick, t: tick.t + 200 } : tick));
    const reading = read(cpuPerJob, { ...record, ticks }, 2_200);
    assert.equal(reading.value, (9 * 100 + 200) / 100);
  });

  it('leaves out a tick whose CPU was not measured, with its jobs', () => {
    // Every other tick has no CPU reading and 90 jobs: counting those jobs would read 1.8 ms a job instead of 10.
    const reading = read(cpuPerJob, run({ hostCpu: (i) => (i % 2 === 0 ? 0.5 : NaN), completed: (i) => (i % 2 === 0 ? 10 : 90) }));
    assert.equal(reading.value, 10);
    assert.equal(reading.ticks, 5);
  });

  it('reads the GC pauses per job the same way, and nothing where they were not measured', () => {
    assert.equal(read(gcPerJob, run({ hostGcPauseMs: 4, completed: 2 })).value, 2);
    assert.equal(read(gcPerJob, run({ completed: 2 })).value, null);
  });

  it('has no value when no job completed: a cost per job needs jobs', () => {
    assert.equal(read(cpuPerJob, run({ hostCpu: 0.5, completed: 0 })).value, null);
  });

  it('has its own key and a label with its unit', () => {
    assert.equal(quantityKey(cpuPerJob), 'host-cpu-per-job');
    assert.equal(quantityKey(gcPerJob), 'host-gc-pause-per-job');
    assert.match(quantityLabel(cpuPerJob), /CPU per completed job \(ms\)$/);
    assert.match(quantityLabel(gcPerJob), /GC pause per completed job \(ms\)$/);
  });
});

const spread: Quantity = { kind: 'busiest-over-least' };
/** Units that each complete `perTick[k]` jobs a tick. */
const units = (...perTick: number[]) => perTick.map((n, k) => ({ id: `w${k}`, done: (i: number) => i * n }));

describe("the busiest unit's jobs over the least busy one's", () => {
  it('is 1 when every unit did as many, and the ratio of the extremes otherwise', () => {
    assert.equal(read(spread, run({ units: units(10, 10, 10, 10) })).value, 1);
    assert.equal(read(spread, run({ units: units(30, 20, 10, 15) })).value, 3);
  });

  it('counts a unit that did nothing as one job, so the number stays finite', () => {
    assert.equal(read(spread, run({ units: units(5, 0) })).value, 45);
  });

  it('leaves out a unit that had already exited when the segment began, and one that started during it', () => {
    const record = run({ units: [...units(10, 10), { id: 'gone', done: 3 }, { id: 'late', done: (i) => i * 50 }] });
    // `gone` is listed exited in every tick (it did nothing more); `late` appears only from the 4th tick on.
    const ticks = record.ticks.map((tick, i): Tick => ({
      ...tick,
      units: tick.units.filter((u) => u.id !== 'late' || i >= 3).map((u) => (u.id === 'gone' ? { ...u, state: 'exited' } : u)),
    }));
    assert.equal(read(spread, { ...record, ticks }).value, 1);
  });

  it('has no value with one unit, or when no unit did anything', () => {
    assert.equal(read(spread, run({ units: units(10) })).value, null);
    assert.equal(read(spread, run({ units: units(0, 0) })).value, null);
  });
});
