import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeRun } from '../experiments/fake-run';
import type { Tick } from '../messages';
import { defaultConfig } from '../run-config';
import { busySpans, traceOf } from './export-trace';
import { RECORDING_FORMAT, type Recording } from './format';

/** Two ticks of a worker-pool run with one thread, its slices and the host's set by hand. */
function recording(): Recording {
  const ticks = new FakeRun(200).stretch(0, 400, { units: [{ id: 'worker-pool#1/thread-7', done: 0 }] }).record().ticks;
  const slices = (tick: Tick, i: number, host: number[], unit: number[]): Tick => ({
    ...tick,
    sliceStart: 100 + i * 200,
    host: { ...tick.host, pid: 42, busy: host, gc: { count: 0, pauseMs: 0, maxMs: 0 } },
    units: tick.units.map((u) => ({ ...u, pid: 42, threadId: 7, busy: unit, gc: { count: 2, pauseMs: 1.5, maxMs: 1 } })),
  });
  const zeros = new Array<number>(10).fill(0);
  return {
    name: 'run.nclab.jsonl',
    header: { type: 'header', format: RECORDING_FORMAT, startedAt: '2026-12-01T00:00:00.000Z', config: defaultConfig(), plan: [], experiment: null, machine: { cores: 2, cpuModel: 'cpu', node: 'v20', memoryBytes: 1, os: 'linux', kernel: '6', arch: 'x64', v8: '11', electron: null, host: 'cli' } },
    // The thread's job runs from the middle of the first tick's last slice into the next tick's first two.
    ticks: [slices(ticks[0], 0, [...zeros.slice(1), 0.25], [...zeros.slice(1), 0.5]), slices(ticks[1], 1, zeros, [1, 1, 0.25, ...zeros.slice(3)])],
    events: [],
    summary: null,
    verdict: null,
    warnings: [],
  };
}

describe('trace export of the timeline', () => {
  it('busy time as complete events on each thread lane, a job across ticks as one, collections as instants', () => {
    const trace = JSON.parse(JSON.stringify(traceOf(recording()))) as ReturnType<typeof traceOf>;
    const complete = trace.traceEvents.filter((e) => e.ph === 'X');
    const unitBusy = complete.filter((e) => e.tid === 7);
    assert.deepEqual(unitBusy.map((e) => [e.ts, e.dur]), [[(280 + 10) * 1000, (10 + 40 + 5) * 1000]], 'one span from mid-slice to a quarter into the third');
    assert.ok(unitBusy.every((e) => e.pid === 42 && e.name === 'busy'));
    const hostBusy = complete.filter((e) => e.tid === 0);
    assert.deepEqual(hostBusy.map((e) => [e.ts, e.dur]), [[280 * 1000, 5 * 1000]]);
    const gc = trace.traceEvents.filter((e) => e.cat === 'gc');
    assert.equal(gc.length, 2, 'one per tick with collections');
    assert.ok(gc.every((e) => e.ph === 'i' && e.s === 't' && e.tid === 7 && e.args.count === 2));
    const names = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
    assert.deepEqual(names.sort(), ['host main thread', 'worker-pool#1/thread-7']);
  });

  it("partial slices keep their busy time: the spans add up to the slices'", () => {
    const slices: Array<[number, number]> = [[0, 0.5], [20, 1], [40, 0.3], [60, 0], [80, 0.7], [100, 1], [120, 0.2], [140, 1]];
    const spans = busySpans(slices, 20);
    const total = spans.reduce((sum, [start, end]) => sum + end - start, 0);
    assert.ok(Math.abs(total - slices.reduce((sum, [, share]) => sum + share * 20, 0)) < 1e-9);
    assert.deepEqual(spans[0], [10, 46]);
    assert.ok(spans.every(([start, end], i) => end > start && (i === 0 || start >= spans[i - 1][1])), JSON.stringify(spans));
  });

  it('ticks recorded before the slices existed give no lanes', () => {
    const old = recording();
    old.ticks = old.ticks.map(({ sliceStart: _s, sliceMs: _m, ...tick }) => tick as Tick);
    assert.equal(traceOf(old).traceEvents.filter((e) => e.ph === 'X').length, 0);
  });
});
