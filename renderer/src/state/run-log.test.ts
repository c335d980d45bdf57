import { describe, expect, it } from 'vitest';
import type { LabMessage } from '../../../shared/messages';
import { syntheticRun } from '../recording/testing';
import { FakeLab } from '../testing/fake-lab';
import { MAX_KEPT_SAMPLES, MAX_KEPT_TICKS, RunLog, samplesOf } from './run-log';
import { createLabStore } from './store';

const WALL = Date.parse('2026-11-30T18:00:10.000Z');

function logOf(messages: LabMessage[], limits?: { ticks: number; messages: number; samples?: number }): RunLog {
  const log = new RunLog(() => WALL, limits);
  for (const message of messages) log.take(message);
  return log;
}

describe('the run log: the window keeps a run’s messages once', () => {
  it('keeps every message in order, and gives the ticks and the events apart for a verdict', () => {
    const messages = syntheticRun(10, 2);
    const log = logOf(messages);
    expect(log.run()!.messages).toEqual(messages);
    expect(log.ticks()).toEqual(messages.filter((m) => m.type === 'tick'));
    expect(log.events()).toEqual(messages.filter((m) => m.type === 'event'));
    expect(log.summary()).toEqual(messages.at(-1));
    expect(log.run()!.ended).toBe(true);
  });

  it('gives the newest seconds the diagnosis reads: ticks after the cut, events from it on', () => {
    const messages = syntheticRun(10, 1, 200);
    const log = logOf(messages);
    const { ticks, events } = log.since(1_500);
    expect(ticks.map((t) => t.t)).toEqual([1_600, 1_800, 2_000]);
    // Only the run-stopped event (t 2050) is that recent; the starts at 0 and 5 are not.
    expect(events.map((e) => e.t)).toEqual([2_050]);
  });

  it('drops the oldest messages first past the tick bound or the message bound, and counts them', () => {
    const byTicks = logOf(syntheticRun(100, 1), { ticks: 30, messages: 1_000 });
    expect(byTicks.tickCount()).toBe(30);
    expect(byTicks.run()!.dropped).toBeGreaterThan(0);
    const byMessages = logOf(syntheticRun(100, 1), { ticks: 1_000, messages: 40 });
    expect(byMessages.size()).toBe(40);
    // The newest survive: the run's end is still there to save.
    expect(byMessages.run()!.messages.at(-1)?.type).toBe('summary');
  });

  it('weighs a tick by its units: many units keep fewer ticks, so the heap is bounded whatever the pool size', () => {
    // 100 ticks of 64 units: 65 samples each, beyond a 1,300-sample bound after 20 ticks.
    const log = logOf(syntheticRun(100, 64), { ticks: 1_000, messages: 1_000, samples: 1_300 });
    expect(log.sampleCount()).toBeLessThanOrEqual(1_300);
    expect(log.tickCount()).toBeLessThan(21);
    expect(log.tickCount()).toBeGreaterThan(15);
    expect(log.sampleCount()).toBe(log.run()!.messages.reduce((sum, m) => sum + samplesOf(m), 0));
    expect(log.run()!.messages.at(-1)?.type).toBe('summary');
    // The same run at 2 units fits whole.
    expect(logOf(syntheticRun(100, 2), { ticks: 1_000, messages: 1_000, samples: 1_300 }).run()!.dropped).toBe(0);
  });

  it('by default keeps far fewer ticks of 64 units than of the default 2, never more than the tick bound', () => {
    expect(MAX_KEPT_SAMPLES / (1 + 2)).toBeLessThanOrEqual(MAX_KEPT_TICKS);
    // Half an hour of the default 2 units at 200 ms.
    expect(MAX_KEPT_SAMPLES / (1 + 2)).toBeGreaterThanOrEqual(9_000);
    const big = logOf(syntheticRun(1_500, 64));
    expect(big.sampleCount()).toBeLessThanOrEqual(MAX_KEPT_SAMPLES);
    expect(big.tickCount()).toBeLessThanOrEqual(Math.floor(MAX_KEPT_SAMPLES / 65));
    expect(big.tickCount()).toBeGreaterThan(Math.floor(MAX_KEPT_SAMPLES / 65) - 5);
  });

  it('dates the run from its first message as it arrives', () => {
    const log = new RunLog(() => WALL);
    log.take(syntheticRun(1, 1)[0]!);
    expect(log.run()!.startedAt).toBe('2026-11-30T18:00:10.000Z');
  });
});

describe('the store keeps the run log', () => {
  it('a page that joins a run late keeps the run whole for Save run, dated from its newest message', () => {
    const store = createLabStore({ api: new FakeLab(), now: () => 0, wallClock: () => WALL });
    const run = syntheticRun(10, 1, 200).filter((m) => m.type !== 'summary');
    store.getState().ingestRun(run);
    const kept = store.getState().keptRun()!;
    expect(kept.messages).toEqual(run);
    // The newest message (run-stopped at 2050 ms) arrived now: the run began 2.05 s before.
    expect(kept.startedAt).toBe(new Date(WALL - 2_050).toISOString());
    expect(kept.ended).toBe(false);
  });

  it('a new run starts the log over', () => {
    const store = createLabStore({ api: new FakeLab(), now: () => 0, wallClock: () => WALL });
    store.getState().ingestRun(syntheticRun(10, 1));
    const second = syntheticRun(3, 1);
    for (const message of second) {
      if (message.type === 'tick') store.getState().ingestTick(message);
      else if (message.type === 'event') store.getState().ingestEvent(message);
      else store.getState().ingestSummary(message);
    }
    expect(store.getState().keptRun()!.messages).toEqual(second);
  });
});
