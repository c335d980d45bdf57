import { describe, expect, it } from 'vitest';
import type { Tick, UnitTick } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { makeTick, makeUnit, switched, unitExited, unitStarted } from '../testing/fake-lab';
import { SliceRing } from './slice-ring';
import { COLUMN_ALIVE, COLUMN_BLOCKED, COLUMN_MEASURED, COLUMN_STARTING, hoverAt, laneColumns, layoutLanes, recentHostBusy } from './timeline-layout';
import { HOST_TRACK, TimelineModel } from './timeline-model';

/** A tick at `t` whose ten slices begin at `sliceStart`, the host busy `hostBusy` in each. */
function tick(t: number, sliceStart: number, hostBusy: number[] | null, units: UnitTick[] = []): Tick {
  const base = makeTick(t, { units });
  return { ...base, sliceStart, host: { ...base.host, busy: hostBusy } };
}

const tenOf = (value: number): number[] => new Array<number>(10).fill(value);
const unit = (id: string, threadId: number, busy: number[] | null, extra: Partial<UnitTick> = {}): UnitTick => makeUnit({ id, pid: 42, threadId, busy, ...extra });

describe('SliceRing', () => {
  it('reads a slice never written as not measured, and keeps only its bound', () => {
    const ring = new SliceRing(8);
    ring.set(10, 0.5);
    ring.set(13, 1);
    expect(ring.get(10)).toBe(0.5);
    expect(ring.get(11)).toBeNaN();
    expect(ring.get(13)).toBe(1);
    ring.set(20, 0.25);
    expect(ring.start).toBe(13);
    expect(ring.get(10)).toBeNaN();
    expect(ring.get(13)).toBe(1);
    expect(ring.get(20)).toBe(0.25);
  });

  it('starts small and grows up to its bound as a thread lives on', () => {
    const ring = new SliceRing(1000);
    ring.set(0, 1);
    expect(ring.capacity).toBe(64);
    for (let k = 1; k < 300; k++) ring.set(k, k % 2);
    expect(ring.capacity).toBe(512);
    expect(ring.get(0)).toBe(1);
    expect(ring.get(299)).toBe(1);
  });
});

describe('TimelineModel', () => {
  it('places each slice by sliceStart and sliceMs, ticks tiling the run', () => {
    const model = new TimelineModel();
    model.ingestTick(tick(400, 20, tenOf(1)));
    model.ingestTick(tick(600, 220, tenOf(0)));
    const host = model.tracks.get(HOST_TRACK)!;
    expect(model.sliceMs).toBe(20);
    expect(model.offsetMs).toBe(0);
    expect(host.busy.get(model.sliceAt(20))).toBe(1);
    expect(host.busy.get(model.sliceAt(219))).toBe(1);
    expect(host.busy.get(model.sliceAt(220))).toBe(0);
    expect(host.busy.get(model.sliceAt(419))).toBe(0);
    expect(host.busy.get(model.sliceAt(420))).toBeNaN();
  });

  it('keeps the grid off the run start where the slices lie (epoch grid)', () => {
    const model = new TimelineModel();
    model.ingestTick(tick(400, 7, tenOf(0.5)));
    expect(model.offsetMs).toBe(7);
    expect(model.sliceStartMs(model.sliceAt(27))).toBe(27);
  });

  it('leaves a gap where busy is null: a unit before its first report, or slices never sent', () => {
    const model = new TimelineModel();
    model.ingestTick(tick(400, 0, tenOf(1), [unit('w1', 1, null, { state: 'starting' })]));
    model.ingestTick(tick(600, 200, null, [unit('w1', 1, tenOf(1))]));
    // Sampling off for a while: the next slices come later.
    model.ingestTick(tick(1200, 800, tenOf(0), [unit('w1', 1, tenOf(0))]));
    const w1 = model.tracks.get('w1')!;
    expect(w1.busy.get(model.sliceAt(100))).toBeNaN();
    expect(w1.busy.get(model.sliceAt(300))).toBe(1);
    expect(w1.busy.get(model.sliceAt(500))).toBeNaN();
    expect(w1.busy.get(model.sliceAt(900))).toBe(0);
    const host = model.tracks.get(HOST_TRACK)!;
    expect(host.busy.get(model.sliceAt(300))).toBeNaN();
  });

  it('dates a unit from its unit-started event less its startup, and ends it with its exit cause', () => {
    const model = new TimelineModel();
    model.ingestEvent(unitStarted(1000, 'w-3', { pid: 42, threadId: 3, startupMs: 30 }));
    model.ingestEvent(unitExited(1500, 'w-3', 'crash', { pid: 42, threadId: 3 }));
    const track = model.tracks.get('w-3')!;
    expect(track).toMatchObject({ bornMs: 970, readyMs: 1000, endMs: 1500, exitCause: 'crash', state: 'exited' });
  });

  it('places the last slices of a unit that has exited: a one-shot thread\'s job comes in a tick after its exit', () => {
    const model = new TimelineModel();
    model.ingestEvent(unitStarted(1000, 'w-3', { pid: 42, threadId: 3, startupMs: 30 }));
    model.ingestEvent(unitExited(1150, 'w-3', 'done', { pid: 42, threadId: 3 }));
    // The engine still lists it, exited, in the tick whose slices (from 1000 on) hold its job.
    model.ingestTick(tick(1400, 1000, tenOf(0), [unit('w-3', 3, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0], { state: 'exited' })]));
    const track = model.tracks.get('w-3')!;
    expect(track.endMs).toBe(1150);
    expect(track.busy.get(model.sliceAt(1000))).toBe(1);
    expect(track.busy.get(model.sliceAt(1100))).toBe(1);
  });

  it('notes strategy switches and garbage collections', () => {
    const model = new TimelineModel();
    model.ingestEvent(switched(500, 'main-thread', 'worker-pool'));
    const base = tick(600, 200, tenOf(0.2));
    model.ingestTick({ ...base, host: { ...base.host, gc: { count: 2, pauseMs: 3, maxMs: 2 } } });
    expect(model.switches).toEqual([{ ms: 500, from: 'main-thread', to: 'worker-pool', label: null, fromMs: null }]);
    // A switch that says how long it took since its request: the stretch starts at the request.
    const slow = switched(4_000, 'worker-pool', 'child-process');
    model.ingestEvent({ ...slow, tookMs: 1_500 } as typeof slow);
    expect(model.switches.at(-1)).toMatchObject({ ms: 4_000, fromMs: 2_500 });
    expect(model.tracks.get(HOST_TRACK)!.gc).toEqual([{ ms: 300, count: 2, pauseMs: 3, maxMs: 2 }]);
  });

  it('gives a new thread the row of one that has ended (a thread per job), and a new row beside a live one', () => {
    const model = new TimelineModel();
    model.ingestEvent(unitStarted(100, 'a-1', { pid: 42, threadId: 1, strategy: 'worker-per-task' }));
    model.ingestEvent(unitStarted(110, 'b-2', { pid: 42, threadId: 2, strategy: 'worker-per-task' }));
    model.ingestEvent(unitExited(150, 'a-1', 'done', { pid: 42, threadId: 1 }));
    model.ingestEvent(unitStarted(200, 'c-3', { pid: 42, threadId: 3, strategy: 'worker-per-task', startupMs: 20 }));
    expect(model.tracks.get('a-1')!.row).toBe(0);
    expect(model.tracks.get('b-2')!.row).toBe(1);
    expect(model.tracks.get('c-3')!.row).toBe(0);
  });

  it('forgets tracks that ended before the kept span, and starts afresh on run-started', () => {
    const model = new TimelineModel(10_000);
    model.ingestEvent(unitStarted(100, 'a-1', { pid: 42 }));
    model.ingestEvent(unitExited(200, 'a-1', 'stop', { pid: 42 }));
    model.ingestTick(tick(20_000, 19_800, tenOf(0)));
    expect(model.tracks.has('a-1')).toBe(false);
    expect(model.tracks.has(HOST_TRACK)).toBe(true);
    model.ingestEvent({ type: 'event', t: 0, event: 'run-started', config: defaultConfig() });
    expect(model.tracks.size).toBe(0);
  });

  it('forgets the rows of processes gone before the kept span: a page switching 64 processes a minute stays bounded', () => {
    const model = new TimelineModel(10_000);
    // A process with threads every second for a minute, each gone after 500 ms (cluster-pool's workers, switched).
    for (let second = 0; second < 60; second++) {
      const t = second * 1000;
      const pid = 1000 + second;
      model.ingestEvent(unitStarted(t, `p${pid}-1`, { pid, threadId: 1, startupMs: 0 }));
      model.ingestEvent(unitExited(t + 500, `p${pid}-1`, 'stop', { pid, threadId: 1 }));
      model.ingestTick(tick(t + 600, t + 400, tenOf(0)));
    }
    // The host's class and the ~10 s of processes still in the kept span, not 60.
    expect(model.rowClassCount).toBeLessThanOrEqual(13);
    expect(model.rowClassCount).toBeGreaterThanOrEqual(10);
    // A class with a live track stays, however long ago it began.
    model.ingestEvent(unitStarted(61_000, 'live-1', { pid: 7, threadId: 1, startupMs: 0 }));
    model.ingestTick(tick(200_000, 199_800, tenOf(0), [makeUnit({ id: 'live-1', pid: 7, threadId: 1 })]));
    expect(model.tracks.has('live-1')).toBe(true);
    expect(model.rowClassCount).toBe(2);
    // Its next thread takes a new row beside it, not its row.
    model.ingestEvent(unitStarted(200_100, 'live-2', { pid: 7, threadId: 2, startupMs: 0 }));
    expect(model.tracks.get('live-2')!.row).toBe(1);
  });
});

describe('layoutLanes', () => {
  function poolModel(threads: number, busyOf: (i: number) => number): TimelineModel {
    const model = new TimelineModel();
    const units = Array.from({ length: threads }, (_, i) => unit(`w-${i + 1}`, i + 1, tenOf(busyOf(i))));
    model.ingestTick(tick(400, 0, tenOf(0.1), units));
    return model;
  }

  it('puts the host first, then the threads of its process, then the processes', () => {
    const model = new TimelineModel();
    model.ingestTick(
      tick(400, 0, tenOf(1), [
        makeUnit({ id: 'p-900', kind: 'process', pid: 900, threadId: null, busy: tenOf(0) }),
        unit('w-7', 7, tenOf(1)),
        makeUnit({ id: 'p-901', kind: 'process', pid: 901, threadId: null, busy: tenOf(0) }),
      ]),
    );
    const layout = layoutLanes(model, 0, 60_000, 20);
    expect(layout.lanes.map((lane) => lane.label)).toEqual(['main', 't#7', 'pid 900', 'pid 901']);
    expect(layout.lanes.map((lane) => lane.group)).toEqual(['host pid 42', null, 'processes', null]);
  });

  it('shows a row only while one of its tracks lies in the window', () => {
    const model = poolModel(2, () => 1);
    model.ingestEvent(unitExited(500, 'w-2', 'stop', { pid: 42, threadId: 2 }));
    expect(layoutLanes(model, 0, 60_000, 20).lanes).toHaveLength(3);
    expect(layoutLanes(model, 1000, 61_000, 20).lanes.map((lane) => lane.label)).toEqual(['main', 't#1']);
  });

  it('beyond the limit keeps the host and the busiest, and sums the rest into one lane that says so', () => {
    const model = poolModel(64, (i) => (i < 10 ? 1 : 0.1));
    const layout = layoutLanes(model, 0, 60_000, 12);
    expect(layout.rows).toBe(65);
    expect(layout.lanes).toHaveLength(12);
    expect(layout.lanes[0]!.label).toBe('main');
    expect(layout.lanes.slice(1, 11).map((lane) => lane.label)).toEqual(Array.from({ length: 10 }, (_, i) => `t#${i + 1}`));
    const summed = layout.lanes[11]!;
    expect(summed).toMatchObject({ kind: 'summed', label: '54 more threads (summed)', summed: 54 });
    const columns = laneColumns(model, summed, 0, 200, 1);
    expect(columns.busy[0]).toBeCloseTo(0.1, 5);
  });

  it('reads each column as the mean of its slices, alive and starting where the unit was, blocked where a tick said', () => {
    const model = new TimelineModel();
    model.ingestEvent(unitStarted(100, 'w-1', { pid: 42, threadId: 1, startupMs: 60 }));
    model.ingestTick(tick(400, 0, tenOf(0), [unit('w-1', 1, [0, 0, 0, 0, 0, 1, 1, 0, 0, 0])]));
    model.ingestTick(tick(600, 200, tenOf(0), [unit('w-1', 1, tenOf(1), { state: 'busy', blocked: true })]));
    const lane = layoutLanes(model, 0, 400, 10).lanes.find((l) => l.label === 't#1')!;
    // Ten columns of 40 ms: two slices each.
    const { busy, state } = laneColumns(model, lane, 0, 400, 10);
    expect(state[0]! & COLUMN_ALIVE).toBe(0);
    expect(state[1]! & COLUMN_STARTING).toBeTruthy();
    expect(state[3]! & COLUMN_STARTING).toBe(0);
    expect(busy[2]).toBe(0.5);
    expect(busy[3]).toBe(0.5);
    expect(busy[4]).toBe(0);
    expect(state[6]! & COLUMN_BLOCKED).toBeTruthy();
    expect(state[6]! & COLUMN_MEASURED).toBeTruthy();
    expect(busy[6]).toBe(1);
  });

  it('draws a unit still starting up to the newest tick, not on to the end of the window', () => {
    const model = new TimelineModel();
    model.ingestTick(tick(400, 200, tenOf(0), [unit('w-1', 1, null, { state: 'starting' })]));
    const lane = layoutLanes(model, 0, 1000, 10).lanes.find((l) => l.label === 't#1')!;
    // Ten columns of 100 ms; the newest tick told of 400 ms.
    const { state } = laneColumns(model, lane, 0, 1000, 10);
    expect(state[3]! & COLUMN_STARTING).toBeTruthy();
    expect(state[4]).toBe(0);
    expect(state[9]).toBe(0);
  });

  it('tells what the pointer is over: the unit, its state and the busy run around it', () => {
    const model = new TimelineModel();
    model.ingestEvent(unitStarted(0, 'w-1', { pid: 42, threadId: 1, startupMs: 0 }));
    model.ingestTick(tick(400, 0, tenOf(0), [unit('w-1', 1, [0, 1, 1, 0.5, 0, 0, 0, 0, 0, 0], { done: 3 })]));
    const lane = layoutLanes(model, 0, 400, 10).lanes.find((l) => l.label === 't#1')!;
    const hover = hoverAt(model, lane, 50);
    expect(hover).toMatchObject({ state: 'busy', runMs: 60, runBusyMs: 50 });
    expect(hover.track?.done).toBe(3);
    expect(hoverAt(model, lane, 150).state).toBe('idle');
  });

  it('reads the host as busy from its newest slices', () => {
    const model = new TimelineModel();
    model.ingestTick(tick(400, 0, tenOf(0)));
    model.ingestTick(tick(600, 200, tenOf(1)));
    expect(recentHostBusy(model, 200)).toBe(1);
    expect(recentHostBusy(model, 400)).toBe(0.5);
  });
});
