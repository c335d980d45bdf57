import { describe, expect, it } from 'vitest';
import { findExperiment } from '../../../shared/experiments/catalog';
import { scenario, TEST_MACHINE } from '../../../shared/experiments/scenario';
import type { Experiment, RunRecord } from '../../../shared/experiments/types';
import type { ExperimentStartedEvent, LabEvent } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { FakeLab, fakeClock, makeTick } from '../testing/fake-lab';
import { activeExperimentOf, claimsText, segmentAt, segmentBands, segmentStates, verdictCard, type ActiveExperiment } from './experiment-run';
import { createLabStore } from '../state/store';

const experiment = findExperiment('main-thread-blocks') as Experiment;

/** The event the engine sends for a run of main-thread-blocks (segments at 0-6 s and 6-12 s). */
function started(t = 5): ExperimentStartedEvent {
  return {
    type: 'event',
    t,
    event: 'experiment-started',
    id: experiment.id,
    segments: [
      { id: 'main', label: 'main thread', startMs: 0, endMs: 6000 },
      { id: 'pool', label: 'worker pool', startMs: 6000, endMs: 12000 },
    ],
    endMs: 12000,
    machine: TEST_MACHINE,
  };
}

const active = activeExperimentOf(started()) as ActiveExperiment;

/** A run where the claim holds, cut at `stopAtMs`. */
function holdingRun(stopAtMs?: number, withSummary = false): RunRecord {
  const run = scenario(experiment, { main: { hostEldP99: 40, healthP99: 45 }, pool: { hostEldP99: 0.4 } }, { stopAtMs });
  return withSummary ? run.record({}) : run.record();
}

describe('segment at a time', () => {
  it('names the segment running at a run time, none before the first or after the end', () => {
    expect(segmentAt(active.segments, 0)).toBe(0);
    expect(segmentAt(active.segments, 5_999)).toBe(0);
    expect(segmentAt(active.segments, 6_000)).toBe(1);
    expect(segmentAt(active.segments, 12_000)).toBeNull();
    expect(segmentAt(active.segments, -1)).toBeNull();
  });

  it('marks segments done, running or pending, and all done once the run ended', () => {
    expect(segmentStates(active.segments, 3_000, false)).toEqual(['running', 'pending']);
    expect(segmentStates(active.segments, 7_000, false)).toEqual(['done', 'running']);
    expect(segmentStates(active.segments, 7_000, true)).toEqual(['done', 'done']);
  });

  it('draws the whole plan as bands clipped to the chart window, in seconds', () => {
    expect(segmentBands(active.segments, [0, 60])).toEqual([
      { id: 'main', label: 'main thread', from: 0, to: 6, index: 0 },
      { id: 'pool', label: 'worker pool', from: 6, to: 12, index: 1 },
    ]);
    expect(segmentBands(active.segments, [8, 68])).toEqual([{ id: 'pool', label: 'worker pool', from: 8, to: 12, index: 1 }]);
    expect(segmentBands(active.segments, [20, 80])).toEqual([]);
  });

  it('says which claims an experiment covers', () => {
    expect(claimsText([1, 2])).toBe('claims 1 and 2');
    expect(claimsText([3])).toBe('claim 3');
  });

  it('knows no experiment for an id the catalog lacks', () => {
    expect(activeExperimentOf({ ...started(), id: 'not-in-this-build' })).toBeNull();
  });
});

describe('verdict card', () => {
  it('has no verdict before the first segment ended', () => {
    const card = verdictCard(active, () => holdingRun(3_000), 3_000, false);
    expect(card.outcome).toBe('pending');
    expect(card.verdict).toBeNull();
    expect(card.measured).toEqual([]);
    expect(card.segments.map((s) => s.state)).toEqual(['running', 'pending']);
  });

  it('fills in the numbers of a segment once it ended, and not those of the one still running', () => {
    const card = verdictCard(active, () => holdingRun(8_000), 8_000, false);
    expect(card.outcome).toBe('pending');
    const main = card.measured.filter((row) => row.segment === 'main thread');
    expect(main.find((row) => row.label.startsWith('host event-loop delay p99 (ms)'))?.value).toBe('40');
    expect(card.measured.filter((row) => row.segment === 'worker pool').every((row) => row.value === '…')).toBe(true);
  });

  it('holds once the run ended with the claim shown, with the expectation, the why and the machine', () => {
    const card = verdictCard(active, () => holdingRun(undefined, true), 12_000, true);
    expect(card.outcome).toBe('holds');
    expect(card.verdict?.why).toMatch(/^Holds\./);
    expect(card.verdict?.expected).toContain('host event-loop delay p99');
    expect(card.verdict?.machine).toEqual(TEST_MACHINE);
    expect(card.measured.find((row) => row.segment === 'worker pool' && row.label.startsWith('host event-loop delay p99'))?.value).toBe('0.400');
  });

  it('does not hold when the pool leaves the loop as blocked', () => {
    const run = scenario(experiment, { main: { hostEldP99: 40, healthP99: 45 }, pool: { hostEldP99: 38, healthP99: 45 } }).record({});
    expect(verdictCard(active, () => run, 12_000, true).outcome).toBe('does-not-hold');
  });

  it('is inconclusive when the run was stopped before its last segment', () => {
    const card = verdictCard(active, () => holdingRun(4_000, true), 4_000, true);
    expect(card.outcome).toBe('inconclusive');
    expect(card.verdict?.why).toMatch(/never ran|Inconclusive/);
  });

  it('evaluates once per segment end, not on every frame', () => {
    let reads = 0;
    const run = () => (reads++, holdingRun(8_000));
    const first = verdictCard(active, run, 7_000, false);
    const again = verdictCard(active, run, 8_000, false, first);
    expect(reads).toBe(1);
    expect(again.verdict).toBe(first.verdict);
    verdictCard(active, () => holdingRun(undefined, true), 12_000, true, again);
    expect(reads).toBe(1);
  });
});

describe('store: experiments and diagnosis', () => {
  function setup() {
    const lab = new FakeLab();
    const clock = fakeClock();
    const store = createLabStore({ api: lab, now: clock.now });
    store.getState().setConnection('open');
    return { lab, store };
  }
  const runStarted = (): LabEvent => ({ type: 'event', t: 0, event: 'run-started', config: defaultConfig() });

  it('selects a known experiment, and reports an unknown id with the known ones', () => {
    const { store } = setup();
    expect(store.getState().selectExperiment('main-thread-blocks')).toBe(true);
    expect(store.getState().selectedExperiment).toBe('main-thread-blocks');
    expect(store.getState().selectExperiment('nope')).toBe(false);
    expect(store.getState().selectedExperiment).toBe('main-thread-blocks');
    expect(store.getState().messages.at(-1)?.text).toMatch(/no experiment "nope"; known: main-thread-blocks, /);
  });

  it('sends the experiment command with the id', async () => {
    const { lab, store } = setup();
    await store.getState().runExperiment('main-thread-blocks');
    expect(lab.calls.at(-1)).toEqual({ command: 'experiment', payload: { id: 'main-thread-blocks' } });
  });

  it('learns the run is an experiment from the engine, builds its card from the run, and forgets it at the next run', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    store.getState().ingestEvent(started());
    expect(store.getState().activeExperiment?.id).toBe('main-thread-blocks');
    expect(store.getState().selectedExperiment).toBe('main-thread-blocks');
    const run = holdingRun(undefined, true);
    for (const event of run.events) store.getState().ingestEvent(event);
    for (const tick of run.ticks.filter((t) => t.t <= 10_000)) store.getState().ingestTick(tick);
    store.getState().flush();
    expect(store.getState().verdictCard?.outcome).toBe('pending');
    expect(store.getState().verdictCard?.segments.map((s) => s.state)).toEqual(['done', 'running']);
    for (const tick of run.ticks.filter((t) => t.t > 10_000)) store.getState().ingestTick(tick);
    store.getState().ingestSummary(run.summary!);
    store.getState().flush();
    expect(store.getState().verdictCard?.outcome).toBe('holds');
    store.getState().ingestEvent(runStarted());
    expect(store.getState().activeExperiment).toBeNull();
    expect(store.getState().verdictCard).toBeNull();
  });

  it('diagnoses every run from its recent ticks: a blocked host loop, in words with the numbers', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    for (let i = 1; i <= 10; i++) store.getState().ingestTick(makeTick(i * 200, { eldP99: 48, strategy: 'main-thread' }));
    store.getState().flush();
    const findings = store.getState().findings;
    expect(findings[0]?.id).toBe('host-loop-blocked');
    expect(findings[0]?.message).toMatch(/blocked 48 ms at p99/);
    expect(store.getState().activeExperiment).toBeNull();
  });

  it('says nothing about a calm run', () => {
    const { store } = setup();
    store.getState().ingestEvent(runStarted());
    for (let i = 1; i <= 10; i++) store.getState().ingestTick(makeTick(i * 200));
    store.getState().flush();
    expect(store.getState().findings).toEqual([]);
  });
});
