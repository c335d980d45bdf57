import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TEST_MACHINE } from '../../../shared/experiments/scenario';
import type { VerdictCard as Card } from './experiment-run';
import { VerdictCard } from './VerdictCard';

const card: Card = {
  id: 'transfer-vs-clone',
  title: 'Transfer, do not clone',
  outcome: 'holds',
  segments: [],
  measured: [{ segment: 'transfer', label: 'throughput (jobs/s), median of ticks', value: '60.1' }],
  verdict: {
    experiment: 'transfer-vs-clone',
    holds: true,
    measured: {},
    deciding: 'transfer 60.1 jobs/s vs clone 47.9 jobs/s = 1.25x ≥ 1.2x',
    expected: 'throughput in transfer >= 1.2x clone',
    why: 'Holds. throughput (jobs/s): transfer 60.1 vs clone 47.9, ratio 1.25 (expected >= 1.2x): holds. Thresholds: a long story',
    machine: TEST_MACHINE,
  },
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('verdict card', () => {
  it('reads the verdict and its deciding numbers first, and keeps the rest behind "Why / all numbers"', () => {
    const html = renderToStaticMarkup(createElement(VerdictCard, { card }));
    const [head, details] = html.split('<details');
    expect(text(head!)).toBe('Verdict holds · transfer 60.1 jobs/s vs clone 47.9 jobs/s = 1.25x ≥ 1.2x');
    expect(details).toMatch(/<summary[^>]*>Why \/ all numbers<\/summary>/);
    expect(text(details!)).toContain('Thresholds: a long story');
    expect(text(details!)).toContain('Measured on this machine');
  });
});
