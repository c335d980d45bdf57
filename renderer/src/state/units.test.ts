import { describe, expect, it } from 'vitest';
import type { UnitStartedEvent } from '../../../shared/messages';
import { exitFacts, makeUnit, unitExited } from '../testing/fake-lab';
import { UnitTracker } from './units';

const started = (unitId: string, kind: 'thread' | 'process' = 'thread'): UnitStartedEvent => ({
  type: 'event',
  t: 0,
  event: 'unit-started',
  unitId,
  kind,
  strategy: kind === 'thread' ? 'worker-pool' : 'child-process',
  pid: kind === 'thread' ? 100 : 555,
  threadId: kind === 'thread' ? 3 : null,
  generation: 1,
  startupMs: 20,
});

describe('UnitTracker', () => {
  it("reads a unit's exit from its event at once: a replacement that ends after the run's last tick does not stay alive", () => {
    const tracker = new UnitTracker();
    tracker.applyStarted(started('r'), 0);
    tracker.applyExited(unitExited(900, 'r', 'stop', { detail: 'the run stopped' }), 1_000);
    expect(tracker.snapshot()).toMatchObject([{ id: 'r', state: 'exited', exitCause: 'stop', exitDetail: 'the run stopped' }]);
  });

  it('lets a one-shot unit done with its job go when its exit event comes', () => {
    const tracker = new UnitTracker();
    tracker.applyStarted(started('once'), 0);
    tracker.applyExited(unitExited(500, 'once', 'done'), 600);
    expect(tracker.snapshot()).toEqual([]);
  });

  it('adds a row when a unit starts, before any tick lists it', () => {
    const tracker = new UnitTracker();
    tracker.applyStarted(started('a'), 0);
    expect(tracker.snapshot()).toMatchObject([{ id: 'a', state: 'starting', kind: 'thread', threadId: 3, cpu: null }]);
  });

  it('fills measures from ticks: rss for a process, heap for a thread', () => {
    const tracker = new UnitTracker();
    tracker.applyTick(
      [
        makeUnit({ id: 't', kind: 'thread', rss: null, heapUsed: 5_000_000, eld: { p50: 1, p99: 9, max: 12 } }),
        makeUnit({ id: 'p', kind: 'process', pid: 777, threadId: null, rss: 60_000_000, heapUsed: 7_000_000, done: 12 }),
      ],
      0,
    );
    const [thread, proc] = tracker.snapshot();
    expect(thread).toMatchObject({ id: 't', memory: { kind: 'heap', bytes: 5_000_000 }, eldP99: 9 });
    expect(proc).toMatchObject({ id: 'p', pid: 777, threadId: null, memory: { kind: 'rss', bytes: 60_000_000 }, done: 12 });
  });

  it('greys a unit the tick lists as exited (a long-lived unit), then drops it after the grace period', () => {
    const tracker = new UnitTracker({ keepExitedMs: 3_000 });
    tracker.applyTick([makeUnit({ id: 'a' }), makeUnit({ id: 'b' })], 0);
    tracker.applyTick([makeUnit({ id: 'a', state: 'exited' }), makeUnit({ id: 'b' })], 1_000);
    expect(tracker.snapshot().find((r) => r.id === 'a')).toMatchObject({ state: 'exited', exitedAt: 1_000 });
    tracker.applyTick([makeUnit({ id: 'b' })], 2_000);
    expect(tracker.prune(3_999)).toBe(false);
    expect(tracker.snapshot()).toHaveLength(2);
    expect(tracker.prune(4_000)).toBe(true);
    expect(tracker.snapshot().map((r) => r.id)).toEqual(['b']);
  });

  it('drops a unit that stops being listed without an exit (a one-shot unit after its job), with no greyed flash', () => {
    const tracker = new UnitTracker();
    tracker.applyTick([makeUnit({ id: 'one-shot', state: 'busy' }), makeUnit({ id: 'b' })], 0);
    tracker.applyTick([makeUnit({ id: 'b' })], 100);
    expect(tracker.snapshot().map((r) => r.id)).toEqual(['b']);
  });

  it('drops a one-shot unit that started and finished between two ticks: the next tick does not list it', () => {
    const tracker = new UnitTracker();
    tracker.applyStarted(started('w1'), 0);
    tracker.applyTick([], 100);
    expect(tracker.snapshot()).toEqual([]);
    tracker.applyStarted(started('w1'), 110);
    expect(tracker.snapshot()).toEqual([]);
  });

  it('reads how a unit ended from its exited row, and a late tick does not revive it', () => {
    const tracker = new UnitTracker();
    tracker.applyTick([makeUnit({ id: 'a', state: 'busy' })], 0);
    tracker.applyTick([makeUnit({ id: 'a', state: 'exited', exit: exitFacts('killed') })], 100);
    tracker.applyTick([makeUnit({ id: 'a', state: 'busy' })], 200);
    expect(tracker.snapshot()).toMatchObject([{ id: 'a', state: 'exited', exitedAt: 100, exitCause: 'killed', exitDetail: 'killed by the user (exited with code 1)' }]);
  });

  it('tells an injected crash from a crash of its own and from a stop, as the rows say', () => {
    const tracker = new UnitTracker();
    tracker.applyTick(['c', 'i', 's'].map((id) => makeUnit({ id })), 0);
    tracker.applyTick([makeUnit({ id: 'c', state: 'exited', exit: exitFacts('crash') }), makeUnit({ id: 'i', state: 'exited', exit: exitFacts('injected') }), makeUnit({ id: 's', state: 'exited', exit: exitFacts('stop') })], 100);
    expect(tracker.snapshot().map((r) => [r.id, r.exitCause])).toEqual([['c', 'crash'], ['i', 'injected'], ['s', 'stop']]);
  });

  it('shows a unit that crashed before any tick listed it alive, but not one that ended as planned unseen', () => {
    const tracker = new UnitTracker();
    tracker.applyTick(
      [
        makeUnit({ id: 'crashed', state: 'exited', exit: exitFacts('crash') }),
        makeUnit({ id: 'stopped', state: 'exited', exit: exitFacts('stop') }),
      ],
      50,
    );
    expect(tracker.snapshot()).toMatchObject([{ id: 'crashed', state: 'exited', exitCause: 'crash', exitDetail: 'exited with code 1' }]);
  });

  it('keeps at most maxExited greyed rows (a pool crashing on every job churns through units)', () => {
    const tracker = new UnitTracker({ maxExited: 3, keepExitedMs: 60_000 });
    for (let i = 0; i < 10; i++) tracker.applyTick([makeUnit({ id: `w${i}`, state: 'exited', exit: exitFacts('injected') })], i);
    expect(tracker.snapshot().map((r) => r.id)).toEqual(['w7', 'w8', 'w9']);
  });

  it('carries the engine’s blocked flag (a busy unit whose loop is blocked)', () => {
    const tracker = new UnitTracker();
    tracker.applyTick([makeUnit({ id: 'a', state: 'busy', blocked: true }), makeUnit({ id: 'b', state: 'busy' })], 0);
    expect(tracker.snapshot().map((r) => r.blocked)).toEqual([true, false]);
  });

  it('keeps a bounded ELU history per row for the sparkline', () => {
    const tracker = new UnitTracker({ sparkLength: 4 });
    for (let i = 0; i < 10; i++) tracker.applyTick([makeUnit({ id: 'a', elu: i / 10 })], i);
    expect(tracker.snapshot()[0]?.spark).toEqual([0.6, 0.7, 0.8, 0.9]);
  });

  it('keeps rows in the order units were first seen', () => {
    const tracker = new UnitTracker();
    tracker.applyTick([makeUnit({ id: 'b' }), makeUnit({ id: 'a' })], 0);
    tracker.applyTick([makeUnit({ id: 'a' }), makeUnit({ id: 'b' }), makeUnit({ id: 'c' })], 1);
    expect(tracker.snapshot().map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
});
