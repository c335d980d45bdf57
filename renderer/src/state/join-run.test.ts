import { describe, expect, it } from 'vitest';
import type { LabMessage } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { FakeLab, fakeClock, makeSummary, makeTick } from '../testing/fake-lab';
import { createLabStore } from './store';

const config = { ...defaultConfig(), strategy: 'main-thread' as const, workload: 'fib' as const, size: 34 };
const MACHINE = { cores: 2, cpuModel: 'Fake CPU', node: 'v20.18.0' };

/** The first `seconds` of main-thread-blocks (segments main 0-6 s, pool 6-12 s), as the engine sent them. */
function experimentRun(seconds: number): LabMessage[] {
  const messages: LabMessage[] = [
    { type: 'event', t: 0, event: 'run-started', config },
    {
      type: 'event',
      t: 5,
      event: 'experiment-started',
      id: 'main-thread-blocks',
      segments: [
        { id: 'main', label: 'main thread', startMs: 0, endMs: 6000 },
        { id: 'pool', label: 'worker pool', startMs: 6000, endMs: 12000 },
      ],
      endMs: 12_000,
      machine: MACHINE,
    },
  ];
  for (let t = 200; t <= seconds * 1000; t += 200) messages.push(makeTick(t, { strategy: t < 6000 ? 'main-thread' : 'worker-pool', eldP99: t < 6000 ? 300 : 3 }));
  return messages;
}

/** A page that had been showing something else, then (re)connects to an engine whose experiment is running. */
function joinedPage(run: LabMessage[], running: boolean) {
  const lab = new FakeLab();
  lab.config = config;
  lab.running = running;
  lab.run = run;
  const store = createLabStore({ api: lab, now: fakeClock().now });
  store.getState().setConnection('open');
  store.getState().ingestTick(makeTick(40_000));
  return store;
}

describe('a page that joins an experiment run late (reloaded, a second tab)', () => {
  it('rebuilds the experiment, its segment bands and the run so far from the engine, replacing what it had', async () => {
    const store = joinedPage(experimentRun(8), true);
    await store.getState().refresh();
    const state = store.getState();
    expect(state.activeExperiment?.id).toBe('main-thread-blocks');
    expect(state.activeExperiment?.segments.map((s) => s.id)).toEqual(['main', 'pool']);
    expect(state.running).toBe(true);
    expect(state.points.map((p) => p.t)).toEqual(Array.from({ length: 40 }, (_, i) => Number(((i + 1) * 0.2).toFixed(1))));
    // The first segment ended before the page joined: its numbers are on the card already, the run is not over.
    expect(state.verdictCard?.outcome).toBe('pending');
    expect(state.verdictCard?.segments.map((s) => s.state)).toEqual(['done', 'running']);
    expect(state.verdictCard?.measured.find((row) => row.segment === 'main thread')?.value).not.toBe('…');
  });

  it('goes on from the live stream after joining, to the verdict on the whole run', async () => {
    const store = joinedPage(experimentRun(8), true);
    await store.getState().refresh();
    const rest = experimentRun(12).filter((m) => m.type === 'tick' && m.t > 8000);
    for (const tick of rest) if (tick.type === 'tick') store.getState().ingestTick(tick);
    store.getState().ingestEvent({ type: 'event', t: 12_010, event: 'run-stopped', config });
    store.getState().ingestSummary(makeSummary({ t: 12_020, config }));
    store.getState().flush();
    const state = store.getState();
    expect(state.running).toBe(false);
    expect(state.tickCount).toBe(60);
    expect(state.verdictCard?.outcome).toMatch(/^(holds|does-not-hold|inconclusive)$/);
    expect(state.verdictCard?.segments.every((s) => s.state === 'done')).toBe(true);
    // Judged on the whole run: the first segment's ticks, from before the page joined, are measured.
    const main = state.verdictCard?.verdict?.measured.main;
    expect(main && Object.values(main).some((v) => v !== null)).toBe(true);
  });

  it('a run that is not an experiment\'s changes nothing on refresh beyond the settings', async () => {
    const lab = new FakeLab();
    const plain = createLabStore({ api: lab, now: fakeClock().now });
    plain.getState().ingestTick(makeTick(200));
    plain.getState().flush();
    await plain.getState().refresh();
    expect(plain.getState().points).toHaveLength(1);
    expect(plain.getState().activeExperiment).toBeNull();
  });
});
