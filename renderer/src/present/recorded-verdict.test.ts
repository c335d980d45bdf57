import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../shared/experiments/types';
import { NO_RECORDED_VERDICT, recordedVerdictLine, recordedVerdictWords } from './recorded-verdict';

/** A verdict line as the CLI records it: an earlier rehearsal of main-thread-blocks (why shortened). */
const REHEARSAL: Verdict = {
  experiment: 'main-thread-blocks',
  holds: true,
  measured: {
    main: { 'host-eld-p99.median': 48.5, 'health-p99.mean': 16.22, 'throughput.median': 5 },
    pool: { 'host-eld-p99.median': 1.48, 'health-p99.mean': 2.78, 'throughput.median': 4.99 },
  },
  expected: 'host event-loop delay p99 (ms), median of ticks in main thread >= 4x that in worker pool',
  why: 'Holds. host event-loop delay p99 (ms), median of ticks: main thread 48.5 vs worker pool 1.48, ratio 32.8 (expected >= 4x): holds.',
  machine: { cores: 2, cpuModel: 'AMD EPYC', node: 'v20.20.2' },
};

describe('the verdict line of a scene replayed from its rehearsal recording', () => {
  it('says the recorded outcome, never "measuring", with the numbers of its first check per segment', () => {
    const line = recordedVerdictLine(REHEARSAL);
    expect(line?.outcome).toBe('holds');
    expect(line?.numbers).toBe('main thread 48.5 ms vs worker pool 1.48 ms: host event-loop delay p99, median of ticks');
    expect(line?.why).toBe(REHEARSAL.why);
    expect(recordedVerdictWords(REHEARSAL)).toBe('holds (rehearsal)');
  });

  it('reads does not hold and inconclusive as such, and a segment not measured as n/a', () => {
    expect(recordedVerdictLine({ ...REHEARSAL, holds: false })?.outcome).toBe('does-not-hold');
    const inconclusive = recordedVerdictLine({ ...REHEARSAL, holds: null, measured: { main: { 'host-eld-p99.median': null } } });
    expect(inconclusive?.outcome).toBe('inconclusive');
    expect(inconclusive?.numbers).toBe('main thread n/a: host event-loop delay p99, median of ticks');
    expect(recordedVerdictLine({ ...REHEARSAL, measured: {} })?.numbers).toBeNull();
    const perTask = { ...REHEARSAL, experiment: 'worker-per-task-vs-pool', measured: { 'per-task': { 'startups-per-job': 1 }, pool: { 'startups-per-job': 0 } } };
    expect(recordedVerdictLine(perTask)?.numbers).toBe('worker per task 1 vs worker pool 0: unit startups per completed job');
  });

  it('a recording without a verdict says so in words', () => {
    expect(recordedVerdictLine(null)).toBeNull();
    expect(NO_RECORDED_VERDICT).toMatch(/^none/);
    expect(recordedVerdictWords(null)).toBe('none recorded');
  });
});
