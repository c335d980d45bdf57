import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { exitFacts, FakeLab, fakeClock, makeSummary, makeTick, makeUnit, switched, unitExited, unitStarted } from '../testing/fake-lab';
import { MAX_DRAWN_POINTS } from './slices/ingest';
import { createLabStore, EXIT_MARKER_CAPACITY, LOG_CAPACITY, SERIES_CAPACITY } from './store';
import { WORKLOAD_SIZES } from '../../../shared/constants';
import { TEST_MACHINE } from '../../../shared/experiments/scenario';

function setup() {
  const lab = new FakeLab();
  const clock = fakeClock();
  const store = createLabStore({ api: lab, now: clock.now });
  store.getState().setConnection('open');
  return { lab, clock, store };
}

const runStarted = (): LabEvent => ({ type: 'event', t: 0, event: 'run-started', config: defaultConfig() });

describe('store: live series', () => {
  it('does not publish ticks to React until flush (the throttle)', () => {
    let renders = 0;
    const { store } = setup();
    store.subscribe(() => renders++);
    for (let i = 1; i <= 5; i++) store.getState().ingestTick(makeTick(i * 200));
    expect(renders).toBe(0);
    expect(store.getState().points).toHaveLength(0);
    store.getState().flush();
    expect(renders).toBe(1);
    expect(store.getState().points.map((p) => p.t)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(store.getState().tickCount).toBe(5);
  });

  it('publishes nothing when nothing changed', () => {
    const { store } = setup();
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    let renders = 0;
    store.subscribe(() => renders++);
    store.getState().flush();
    expect(renders).toBe(0);
  });

  it('keeps memory and drawing bounded over a long run', () => {
    const { store } = setup();
    for (let i = 1; i <= SERIES_CAPACITY * 3; i++) store.getState().ingestTick(makeTick(i * 50));
    store.getState().flush();
    const { points, domain } = store.getState();
    expect(points.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS + 1);
    expect(points[0]!.t).toBeGreaterThanOrEqual(domain[0]);
    expect(points[points.length - 1]!.t).toBe(domain[1]);
    expect(domain[1] - domain[0]).toBe(60);
  });

  it("spans an experiment's planned length from its start, and the timeline shows the same window", () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestEvent({ type: 'event', t: 3, event: 'experiment-started', id: 'main-thread-blocks', segments: [], endMs: 12_000, machine: TEST_MACHINE });
    store.getState().ingestTick(makeTick(1_000));
    store.getState().flush();
    expect(store.getState().domain).toEqual([0, 12]);
    expect(store.getState().timeline).toMatchObject({ fromMs: 0, toMs: 12_000 });
    // The next run is a plain one: its plan is forgotten, and it spans what it has lasted (in steps of 10 s).
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(5_000));
    store.getState().flush();
    expect(store.getState().domain).toEqual([0, 10]);
    expect(store.getState().timeline).toMatchObject({ fromMs: 0, toMs: 10_000 });
  });

  it("spans a length the viewer knows (a recording's) from the first flush", () => {
    const store = createLabStore({ api: new FakeLab(), now: fakeClock().now, runLengthMs: 25_400 });
    expect(store.getState().domain).toEqual([0, 25.4]);
    expect(store.getState().timeline.toMs).toBe(25_400);
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(1_000));
    store.getState().flush();
    expect(store.getState().domain).toEqual([0, 25.4]);
  });

  it('adds a switch marker per strategy-switched event and follows its config', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(1_000));
    store.getState().ingestEvent(switched(1_500, 'worker-pool', 'cluster'));
    store.getState().flush();
    expect(store.getState().markers).toEqual([{ t: 1.5, from: 'worker-pool', to: 'cluster', readyMs: 12, label: null }]);
    expect(store.getState().config.strategy).toBe('cluster');
  });

  it('starts the charts over on run-started, or when run time goes backwards', () => {
    const { store } = setup();
    store.getState().ingestTick(makeTick(5_000));
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    expect(store.getState().points.map((p) => p.t)).toEqual([0.2]);
    store.getState().ingestTick(makeTick(100));
    store.getState().flush();
    expect(store.getState().points.map((p) => p.t)).toEqual([0.1]);
    expect(store.getState().tickCount).toBe(1);
  });

  it('freezes charts and units while paused, and catches up on resume', () => {
    const { store } = setup();
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    store.getState().setPaused(true);
    store.getState().ingestTick(makeTick(400, { units: [makeUnit({ id: 'u' })] }));
    store.getState().flush();
    expect(store.getState().points).toHaveLength(1);
    expect(store.getState().units).toHaveLength(0);
    store.getState().setPaused(false);
    store.getState().flush();
    expect(store.getState().points).toHaveLength(2);
    expect(store.getState().units).toHaveLength(1);
  });
});

describe('store: unit startup', () => {
  it('keeps the newest measured startup through ticks that measured none, and publishes it with the view', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(200, { startup: { p50: 30, p99: 41, max: 42, count: 4 } }));
    expect(store.getState().startup).toBeNull();
    store.getState().ingestTick(makeTick(400));
    store.getState().ingestTick(makeTick(600));
    store.getState().flush();
    expect(store.getState().startup).toEqual({ p50: 30, p99: 41, max: 42, count: 4, t: 0.2 });
    // The chart's series holds it per tick: only where units became ready.
    expect(store.getState().points.map((p) => p.startupP50)).toEqual([30, null, null]);
    store.getState().ingestTick(makeTick(800, { startup: { p50: 35, p99: 35, max: 35, count: 1 } }));
    store.getState().flush();
    expect(store.getState().startup).toMatchObject({ p50: 35, count: 1, t: 0.8 });
  });

  it('forgets the last run’s startup when a new run starts', () => {
    const { store } = setup();
    store.getState().ingestTick(makeTick(200, { startup: { p50: 30, p99: 41, max: 42, count: 4 } }));
    store.getState().flush();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    expect(store.getState().startup).toBeNull();
  });
});

describe('store: heartbeat', () => {
  it('goes silent when ticks stop during a run, even while the view is paused', async () => {
    const { store, clock } = setup();
    await store.getState().start();
    store.getState().ingestTick(makeTick(200));
    store.getState().setPaused(true);
    clock.advance(300);
    store.getState().flush();
    expect(store.getState().heartbeat).toEqual({ status: 'alive' });
    clock.advance(1_250);
    store.getState().flush();
    expect(store.getState().heartbeat).toEqual({ status: 'silent', silentS: 1.5 });
  });

  it('counts silence from the start of a run before its first tick', async () => {
    const { store, clock } = setup();
    clock.advance(60_000);
    await store.getState().start();
    clock.advance(100);
    store.getState().flush();
    expect(store.getState().heartbeat.status).toBe('alive');
  });
});

describe('store: units', () => {
  it('publishes unit rows and drops exited ones after a while', () => {
    const { store, clock } = setup();
    store.getState().ingestTick(makeTick(200, { units: [makeUnit({ id: 'a' }), makeUnit({ id: 'b' })] }));
    store.getState().flush();
    expect(store.getState().units.map((u) => u.id)).toEqual(['a', 'b']);
    clock.advance(100);
    store.getState().ingestTick(makeTick(400, { units: [makeUnit({ id: 'a', state: 'exited' }), makeUnit({ id: 'b' })] }));
    store.getState().flush();
    expect(store.getState().units.find((u) => u.id === 'a')?.state).toBe('exited');
    clock.advance(10_000);
    store.getState().flush();
    expect(store.getState().units.map((u) => u.id)).toEqual(['b']);
  });

  it('lets worker-per-task threads come and go without greyed rows, except the one that crashed', () => {
    const { store, clock } = setup();
    const id = (i: number) => `worker-per-task#1/thread-${i}`;
    store.getState().ingestEvent(runStarted());
    for (let i = 1; i <= 40; i++) {
      store.getState().ingestEvent(unitStarted(i * 20, id(i), { strategy: 'worker-per-task' }));
      // Most finish between ticks (the next tick does not list them); the crashed one is listed with its exit.
      const units = i === 30 ? [makeUnit({ id: id(i), strategy: 'worker-per-task', state: 'exited', exit: exitFacts('crash') })] : [];
      store.getState().ingestTick(makeTick(i * 20 + 10, { units }));
      clock.advance(20);
    }
    store.getState().ingestTick(makeTick(900));
    store.getState().flush();
    expect(store.getState().units.map((u) => [u.id, u.state, u.exitCause])).toEqual([[id(30), 'exited', 'crash']]);
  });
});

describe('store: commands and messages', () => {
  it('shows a rejected command as a readable message and keeps the settings', async () => {
    const { store } = setup();
    const result = await store.getState().configure({ size: 99 });
    expect(result.ok).toBe(false);
    expect(store.getState().messages.map((m) => m.text)).toEqual(['size: for fib must be an integer between 1 and 40 (n)']);
    expect(store.getState().config.size).toBe(WORKLOAD_SIZES.fib.default);
  });

  it('applies what the engine confirmed and clears earlier rejections', async () => {
    const { store, lab } = setup();
    await store.getState().configure({ size: 99 });
    await store.getState().configure({ size: 25, strategy: 'cluster' });
    expect(lab.calls.at(-1)).toEqual({ command: 'configure', payload: { size: 25, strategy: 'cluster' } });
    expect(store.getState().config).toMatchObject({ size: 25, strategy: 'cluster' });
    expect(store.getState().messages).toEqual([]);
  });

  it('counts the same error arriving repeatedly instead of stacking it', () => {
    const { store } = setup();
    const error: LabEvent = { type: 'event', t: 1, event: 'error', message: 'exited with code 1', source: 'cluster#1/process-2' };
    store.getState().ingestEvent(error);
    store.getState().ingestEvent(error);
    expect(store.getState().messages).toMatchObject([{ origin: 'engine', text: 'cluster#1/process-2: exited with code 1', count: 2 }]);
  });

  it('names a rejected field by its label, and the newest error of a field replaces its older one', async () => {
    const { store } = setup();
    await store.getState().configure({ poolSize: 0 });
    await store.getState().configure({ poolSize: 99 });
    await store.getState().configure({ rate: 'abc' });
    const texts = store.getState().messages.map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^pool size: /);
    expect(texts.at(-1)).toMatch(/^rate: /);
    expect(texts.join(' ')).not.toMatch(/poolSize/);
  });

  it("clears a field's error when that field is accepted, or set back to the value the engine has", async () => {
    const { store } = setup();
    await store.getState().configure({ poolSize: 0 });
    await store.getState().configure({ rate: 'abc' });
    await store.getState().configure({ rate: 5 });
    expect(store.getState().messages.map((m) => m.text)).toEqual([expect.stringMatching(/^pool size: /)]);
    // pool 0 was refused, so the engine still has 2: typing 2 again sends nothing, and the error no longer applies.
    store.getState().clearFieldError('poolSize');
    expect(store.getState().messages).toEqual([]);
  });

  it('reports nothing the user did not ask for: a background question refused is silent', async () => {
    const { store, lab } = setup();
    lab.getState = async () => ({ ok: false, errors: [{ field: 'replay', message: 'this window shows a recording' }] });
    await store.getState().listWorkloads();
    expect(store.getState().messages).toEqual([]);
  });

  it('reports a transport failure as a message, not an exception', async () => {
    const { store, lab } = setup();
    lab.configure = () => Promise.reject(new Error('socket closed'));
    const result = await store.getState().configure({ size: 20 });
    expect(result.ok).toBe(false);
    expect(store.getState().messages[0]?.text).toBe('(connection): socket closed');
    expect(store.getState().pending).toBe(0);
  });
});

describe('store: crash markers and the event log', () => {
  it('turns abnormal unit exits into chart markers on flush, and leaves planned exits out', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestTick(makeTick(1_000, { units: [makeUnit({ id: 'worker-pool#1/thread-3', threadId: 3 })] }));
    store.getState().ingestEvent(unitExited(1_100, 'worker-pool#1/thread-3', 'crash'));
    store.getState().ingestEvent(unitExited(1_150, 'worker-pool#1/thread-4', 'stop'));
    store.getState().ingestEvent(unitExited(1_180, 'worker-pool#1/thread-5', 'timeout'));
    expect(store.getState().exitMarkers).toEqual([]);
    // The tick after the exit lists the unit once more, exited, with the same facts as the event.
    store.getState().ingestTick(makeTick(1_200, { units: [makeUnit({ id: 'worker-pool#1/thread-3', threadId: 3, state: 'exited', exit: exitFacts('crash') })] }));
    store.getState().flush();
    expect(store.getState().exitMarkers.map((m) => [m.t, m.cause, m.text])).toEqual([
      [1.1, 'crash', 'thread 3 crashed: exited with code 1'],
      [1.18, 'timeout', 'thread 5 timed out: ended to cancel a job that ran past the job timeout'],
    ]);
    // The unit table reads the same exit, with its detail.
    expect(store.getState().units.find((u) => u.id === 'worker-pool#1/thread-3')).toMatchObject({ state: 'exited', exitCause: 'crash', exitDetail: 'exited with code 1' });
  });

  it('keeps markers bounded and inside the chart window over a long, crashing run', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    for (let i = 1; i <= EXIT_MARKER_CAPACITY * 3; i++) {
      store.getState().ingestEvent(unitExited(i * 100, `worker-pool#1/thread-${i}`, 'crash'));
      store.getState().ingestTick(makeTick(i * 100));
    }
    store.getState().flush();
    const { exitMarkers, domain } = store.getState();
    expect(exitMarkers.length).toBeLessThanOrEqual(EXIT_MARKER_CAPACITY);
    expect(exitMarkers.every((m) => m.t >= domain[0] && m.t <= domain[1])).toBe(true);
    expect(exitMarkers.at(-1)?.t).toBe(domain[1]);
  });

  it('publishes a bounded log, newest first, and starts it over with the next run', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    for (let i = 1; i <= LOG_CAPACITY + 50; i++) store.getState().ingestEvent(unitExited(i * 10, `worker-pool#1/thread-${i}`, 'crash'));
    store.getState().flush();
    const { events } = store.getState();
    expect(events).toHaveLength(LOG_CAPACITY);
    expect(events[0]).toMatchObject({ kind: 'crash', unit: `thread ${LOG_CAPACITY + 50}` });
    store.getState().ingestEvent(runStarted());
    store.getState().flush();
    expect(store.getState().events.map((e) => e.kind)).toEqual(['run']);
    expect(store.getState().exitMarkers).toEqual([]);
  });

  it('logs the unit that replaces a crashed one', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestEvent(unitExited(1_000, 'worker-pool#1/thread-2', 'crash'));
    store.getState().ingestEvent(unitStarted(1_200, 'worker-pool#1/thread-8', { replaces: 'worker-pool#1/thread-2' }));
    store.getState().flush();
    expect(store.getState().events.slice(0, 2).map((e) => `${e.kind} ${e.unit}: ${e.text}`)).toEqual(['replaced thread 8: replaces thread 2, up in 25 ms', 'crash thread 2: exited with code 1']);
  });

  it('does not republish an unchanged log (no re-render of the list per tick)', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().flush();
    const events = store.getState().events;
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    expect(store.getState().events).toBe(events);
  });

  it('freezes the log with the view while paused', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().flush();
    store.getState().setPaused(true);
    store.getState().ingestEvent(unitExited(1_000, 'worker-pool#1/thread-2', 'injected'));
    store.getState().flush();
    expect(store.getState().events).toHaveLength(1);
    store.getState().setPaused(false);
    store.getState().flush();
    expect(store.getState().events).toHaveLength(2);
  });

  it('shows a crash injected by a fault as the engine says (marker and log), with no banner: the engine sends no error for it', () => {
    const { store } = setup();
    store.getState().ingestEvent({ type: 'event', t: 0, event: 'run-started', config: { ...defaultConfig(), fault: 'exit', faultEvery: 5 } });
    store.getState().ingestEvent(unitExited(1_000, 'worker-pool#1/thread-2', 'injected'));
    store.getState().ingestTick(makeTick(1_200));
    store.getState().flush();
    expect(store.getState().exitMarkers.map((m) => m.cause)).toEqual(['injected']);
    expect(store.getState().events[0]).toMatchObject({ kind: 'injected', unit: 'thread 2' });
    expect(store.getState().messages).toEqual([]);
  });
});

describe('store: run summary', () => {
  it('shows the summary when the run ends, until the next run starts', () => {
    const { store, lab } = setup();
    // Wired as connectStore wires the transport.
    const unsubscribe = lab.onSummary((summary) => store.getState().ingestSummary(summary));
    store.getState().ingestEvent(runStarted());
    store.getState().ingestEvent({ type: 'event', t: 12_000, event: 'run-stopped', config: defaultConfig() });
    const summary = makeSummary();
    lab.emitSummary(summary);
    unsubscribe();
    // Published at once, not at the next flush: one message per run.
    expect(store.getState().summary).toBe(summary);
    expect(store.getState().running).toBe(false);
    store.getState().ingestEvent(runStarted());
    expect(store.getState().summary).toBeNull();
  });

  it('can be dismissed', () => {
    const { store } = setup();
    store.getState().ingestSummary(makeSummary());
    store.getState().dismissSummary();
    expect(store.getState().summary).toBeNull();
  });
});
