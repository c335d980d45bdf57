/** A comparison names each run by what it ran: its strategies in order, its workload and size, then its file. */
import { describe, expect, it } from 'vitest';
import type { StrategyName } from '../../../shared/constants';
import type { Recording } from '../../../shared/recording/format';
import { defaultConfig } from '../../../shared/run-config';
import { makeTick } from '../testing/fake-lab';
import { compareLabels, runWords } from './compare';
import { MACHINE } from './testing';

function recordingOf(name: string, strategies: readonly StrategyName[]): Recording {
  const config = { ...defaultConfig(), strategy: strategies[0]!, workload: 'fib' as const, size: 34 };
  return {
    name,
    header: { type: 'header', format: 'nclab/2', startedAt: '2026-12-07T06:00:00.000Z', config, plan: [], experiment: null, machine: MACHINE },
    ticks: strategies.flatMap((strategy, i) => [0, 1].map((k) => ({ ...makeTick(200 * (2 * i + k + 1)), strategy }))),
    events: [],
    summary: null,
    verdict: null,
    warnings: [],
  };
}

describe('the names of compared runs', () => {
  it('a run that switched is named by its strategies in order, not by the one it started on', () => {
    expect(runWords(recordingOf('a.nclab.jsonl', ['main-thread', 'worker-pool']))).toBe('main-thread → worker-pool · fib 34');
    expect(runWords(recordingOf('b.nclab.jsonl', ['worker-pool']))).toBe('worker-pool · fib 34');
  });

  it('past three stretches, the first and the last and how many', () => {
    const tour = recordingOf('c.nclab.jsonl', ['main-thread', 'worker-pool', 'child-process', 'cluster', 'worker-pool']);
    expect(runWords(tour)).toBe('main-thread → … → worker-pool (5 stretches) · fib 34');
  });

  it('two runs that ran the same are told apart by their files', () => {
    const [a, b] = compareLabels(recordingOf('a.nclab.jsonl', ['worker-pool']), recordingOf('b.nclab.jsonl', ['worker-pool']));
    expect([a, b]).toEqual(['worker-pool · fib 34 (a.nclab.jsonl)', 'worker-pool · fib 34 (b.nclab.jsonl)']);
  });
});
