import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/messages';
import { defaultConfig, type RunConfig } from '../../../shared/run-config';
import { switched, unitExited, unitStarted } from '../testing/fake-lab';
import { EventLog, exitMarker, failureRows, loggedChanges } from './events-log';
import { WORKLOAD_SIZES } from '../../../shared/constants';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({ ...defaultConfig(), ...patch });
const runStarted = (c: RunConfig = config()): LabEvent => ({ type: 'event', t: 0, event: 'run-started', config: c });

describe('exitMarker', () => {
  it('marks a crash with the engine’s words', () => {
    expect(exitMarker(unitExited(4_200, 'worker-pool#1/thread-7', 'crash'))).toEqual({
      t: 4.2,
      cause: 'crash',
      unitId: 'worker-pool#1/thread-7',
      text: 'thread 7 crashed: exited with code 1',
    });
  });

  it('reads the cause and the words of every exit from the event: a timeout, a kill, an injected fault', () => {
    const proc = { kind: 'process' as const, pid: 4242, threadId: null };
    expect(exitMarker(unitExited(1_000, 'cluster#2/process-1', 'timeout', proc))?.text).toBe('pid 4242 timed out: ended to cancel a job that ran past the job timeout');
    expect(exitMarker(unitExited(1_000, 'child-process#1/process-2', 'killed', { ...proc, code: null, signal: 'SIGKILL', detail: 'killed by the user (SIGKILL)' }))).toMatchObject({
      cause: 'killed',
      text: 'pid 4242 killed: killed by the user (SIGKILL)',
    });
    expect(exitMarker(unitExited(1_000, 'worker-pool#1/thread-6', 'injected'))).toMatchObject({
      cause: 'injected',
      text: 'thread 6 crashed (injected): exited with code 1 (injected fault: exit)',
    });
  });

  it('words an exit without detail (an older recording) from its code or signal', () => {
    const event = unitExited(1_000, 'worker-pool#1/thread-3', 'crash', { detail: undefined, code: null, signal: 'SIGKILL' });
    expect(exitMarker(event)?.text).toBe('thread 3 crashed: killed by SIGKILL');
  });

  it('does not mark the exits the lab planned (stop, a one-shot unit done)', () => {
    expect(exitMarker(unitExited(1_000, 'worker-pool#1/thread-7', 'stop'))).toBeNull();
    expect(exitMarker(unitExited(1_000, 'worker-per-task#1/thread-9', 'done'))).toBeNull();
  });
});

describe('EventLog', () => {
  it('lists crashes, injected crashes, timeouts and kills newest first, as the engine names them, not planned exits', () => {
    const log = new EventLog();
    log.apply(runStarted());
    log.apply(unitExited(1_000, 'worker-pool#1/thread-3', 'crash'));
    log.apply(unitExited(2_000, 'worker-pool#1/thread-4', 'stop'));
    log.apply(unitExited(3_000, 'worker-pool#1/thread-5', 'timeout'));
    log.apply(unitExited(4_000, 'worker-pool#1/thread-6', 'killed'));
    log.apply(unitExited(5_000, 'worker-pool#1/thread-7', 'injected'));
    expect(log.newestFirst().map((e) => [e.t, e.kind, e.unit, e.text])).toEqual([
      [5, 'injected', 'thread 7', 'exited with code 1 (injected fault: exit)'],
      [4, 'killed', 'thread 6', 'killed by the user (exited with code 1)'],
      [3, 'timeout', 'thread 5', 'ended to cancel a job that ran past the job timeout'],
      [1, 'crash', 'thread 3', 'exited with code 1'],
      [0, 'run', null, `run started: worker-pool, fib ${WORKLOAD_SIZES.fib.default}`],
    ]);
  });

  it('stays bounded: the oldest lines go first', () => {
    const log = new EventLog({ capacity: 5 });
    for (let i = 1; i <= 50; i++) log.apply(unitExited(i * 100, `worker-pool#1/thread-${i}`, 'crash'));
    expect(log.size).toBe(5);
    expect(log.newestFirst().map((e) => e.unit)).toEqual(['thread 50', 'thread 49', 'thread 48', 'thread 47', 'thread 46']);
    const ids = log.newestFirst().map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
  });

  it('starts over on run-started', () => {
    const log = new EventLog();
    log.apply(unitExited(1_000, 'worker-pool#1/thread-3', 'crash'));
    log.apply(runStarted());
    expect(log.newestFirst().map((e) => e.kind)).toEqual(['run']);
  });

  it('names the unit a replacement stands in for, as the engine says, with its startup', () => {
    const log = new EventLog();
    const c = config();
    log.apply(runStarted(c));
    log.apply(unitExited(1_000, 'worker-pool#1/thread-2', 'crash'));
    log.apply(unitStarted(1_150, 'worker-pool#1/thread-9', { startupMs: 31.4, replaces: 'worker-pool#1/thread-2' }));
    expect(log.newestFirst()[0]).toMatchObject({ kind: 'replaced', unit: 'thread 9', text: 'replaces thread 2, up in 31 ms' });
  });

  it('pairs replacements by the engine’s word, not by order: two lost, replaced in the other order', () => {
    const log = new EventLog();
    const c = config({ strategy: 'child-process', childMode: 'fork' });
    const proc = (pid: number) => ({ kind: 'process' as const, strategy: 'child-process' as const, pid, threadId: null });
    log.apply(runStarted(c));
    log.apply(unitExited(1_000, 'child-process#1/pid-41', 'killed', proc(41)));
    log.apply(unitExited(1_010, 'child-process#1/pid-42', 'timeout', proc(42)));
    log.apply(unitStarted(1_100, 'child-process#1/pid-50', { ...proc(50), replaces: 'child-process#1/pid-42' }));
    log.apply(unitStarted(1_120, 'child-process#1/pid-51', { ...proc(51), replaces: 'child-process#1/pid-41' }));
    expect(log.newestFirst().slice(0, 2).map((e) => `${e.unit} ${e.text}`)).toEqual(['pid 51 replaces pid 41, up in 25 ms', 'pid 50 replaces pid 42, up in 25 ms']);
  });

  it('names a replaced unit by its id when its exit was not seen (connected mid-run)', () => {
    const log = new EventLog();
    log.apply(unitStarted(1_150, 'worker-pool#3/thread-9', { replaces: 'worker-pool#3/thread-4' }));
    expect(log.newestFirst()[0]?.text).toBe('replaces worker-pool#3/thread-4, up in 25 ms');
  });

  it('does not log units started for any other reason (a run, a switch, a one-shot job)', () => {
    const log = new EventLog();
    const c = config({ strategy: 'worker-per-task' });
    log.apply(runStarted(c));
    log.apply(unitStarted(100, 'worker-per-task#1/thread-2'));
    log.apply(unitExited(1_000, 'worker-per-task#1/thread-2', 'crash'));
    log.apply(unitStarted(1_200, 'worker-per-task#1/thread-3'));
    expect(log.newestFirst().map((e) => e.kind)).toEqual(['crash', 'run']);
  });

  it('names the settings a config-changed event says it changed, and the switches', () => {
    const log = new EventLog();
    const before = config();
    log.apply(runStarted(before));
    log.apply({ type: 'event', t: 1_000, event: 'config-changed', changed: ['fault', 'faultEvery'], config: { ...before, fault: 'exit', faultEvery: 5 } });
    // The same settings again: the engine names nothing, so there is nothing to log.
    log.apply({ type: 'event', t: 1_500, event: 'config-changed', changed: [], config: { ...before, fault: 'exit', faultEvery: 5 } });
    log.apply(switched(2_000, 'worker-pool', 'cluster'));
    expect(log.newestFirst().map((e) => e.text)).toEqual(['worker-pool → cluster, first job after 8 ms, all ready in 12 ms', 'set fault exit, faultEvery 5', `run started: worker-pool, fib ${WORKLOAD_SIZES.fib.default}`]);
  });

  it('names the settings that needed new units of the same strategy, as the switch event lists them', () => {
    const log = new EventLog();
    log.apply({ ...switched(2_000, 'worker-pool', 'worker-pool', config({ poolSize: 4 })), changed: ['poolSize'] } as LabEvent);
    expect(log.newestFirst()[0]?.text).toBe('new worker-pool units (poolSize 4) first job after 8 ms, all ready in 12 ms');
  });

  it('does not diff configs itself: a change without the engine’s list (an older recording) names nothing', () => {
    const log = new EventLog();
    log.apply(runStarted());
    log.apply({ type: 'event', t: 1_000, event: 'config-changed', config: config({ rate: 99 }) });
    expect(log.newestFirst().map((e) => e.kind)).toEqual(['run']);
  });

  it('merges settings changed in a quick burst into one line, each with its last value', () => {
    const log = new EventLog();
    const c0 = config();
    const c1 = { ...c0, rate: 10 };
    const c2 = { ...c1, maxQueue: 5 };
    const c3 = { ...c2, rate: 20 };
    const c4 = { ...c3, retry: true };
    log.apply(runStarted(c0));
    log.apply({ type: 'event', t: 1_000, event: 'config-changed', changed: ['rate'], config: c1 });
    log.apply({ type: 'event', t: 1_500, event: 'config-changed', changed: ['maxQueue'], config: c2 });
    log.apply({ type: 'event', t: 2_500, event: 'config-changed', changed: ['rate'], config: c3 });
    log.apply({ type: 'event', t: 9_000, event: 'config-changed', changed: ['retry'], config: c4 });
    const lines = log.newestFirst();
    expect(lines.map((e) => e.text)).toEqual(['set retry true', 'set maxQueue 5, rate 20', `run started: worker-pool, fib ${WORKLOAD_SIZES.fib.default}`]);
    expect(new Set(lines.map((e) => e.id)).size).toBe(3);
  });

  it("says the user's settings were given back after an experiment, naming every setting it changed by its label", () => {
    const log = new EventLog();
    log.apply(runStarted(config({ strategy: 'main-thread' })));
    log.apply({ type: 'event', t: 20_000, event: 'run-stopped', config: config({ strategy: 'main-thread' }) });
    const mine = config({ strategy: 'worker-pool', poolSize: 3, intervalMs: 200 });
    log.apply({ type: 'event', t: 20_100, event: 'config-changed', changed: ['strategy', 'poolSize', 'intervalMs'], config: mine, givenBack: 'experiment exec-vs-spawn' });
    expect(log.newestFirst()[0]).toMatchObject({ kind: 'config', text: 'settings given back after experiment exec-vs-spawn: strategy worker-pool, pool size 3, interval 200' });
  });
});

describe('loggedChanges', () => {
  it('reads the settings the event names, with their new values, and only those worth logging', () => {
    const after = config({ retry: true, maxQueue: 5 });
    expect([...loggedChanges({ changed: ['retry', 'maxQueue', 'intervalMs'], config: after })]).toEqual([
      ['retry', 'true'],
      ['maxQueue', '5'],
    ]);
    expect(loggedChanges({ config: after }).size).toBe(0);
  });
});

describe('failureRows', () => {
  it('groups reasons, most frequent first', () => {
    expect(failureRows({ b: 2, a: 7, c: 2, zero: 0 })).toEqual([
      { reason: 'a', count: 7 },
      { reason: 'b', count: 2 },
      { reason: 'c', count: 2 },
    ]);
  });

  it('folds the rare reasons into one row past the limit', () => {
    const rows = failureRows({ a: 50, b: 40, c: 3, d: 2, e: 1 }, 3);
    expect(rows).toEqual([
      { reason: 'a', count: 50 },
      { reason: 'b', count: 40 },
      { reason: '3 other reasons', count: 6 },
    ]);
  });
});
