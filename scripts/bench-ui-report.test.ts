import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile } from '../shared/percentiles';
import { formatTable, summarise, type PageSample } from './bench-ui-report';

const sample = (overrides: Partial<PageSample> = {}): PageSample => ({
  tickToPaint: [],
  frames: [],
  longFrames: [],
  ticks: 0,
  commits: 0,
  loafSupported: true,
  ...overrides,
});

describe('bench:ui figures', () => {
  it('percentiles are nearest-rank: p50 of 1..10 is 5, p95 is 10, none of nothing', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 95), 10);
    assert.equal(percentile([], 95), null);
  });

  it('a cell sums up its frames, its long frames and its CPU', () => {
    const frames = [...Array(19).fill(16.7), 83.3];
    const cell = summarise('', 'light', 64, 64, sample({ frames, tickToPaint: [20, 30, 40], ticks: 50, longFrames: [{ duration: 83.3, script: 60 }] }), 250);
    assert.equal(cell.frameP50, 16.7);
    assert.equal(cell.frameP95, 16.7);
    assert.equal(cell.tickToPaintP50, 30);
    assert.equal(cell.longFrames, 1);
    assert.equal(cell.longestFrame, 83.3);
    assert.equal(cell.cpuMsPerS, 250);
  });

  it('without long-animation-frame support the long frames read n/a, not 0', () => {
    const cell = summarise('', 'light', 2, 2, sample({ loafSupported: false, frames: [16.7] }), null);
    assert.equal(cell.longFrames, null);
    assert.match(formatTable([cell]), /n\/a/);
  });

  it('the table marks a frame p95 over one 60 Hz frame', () => {
    const slow = summarise('', 'medium', 16, 16, sample({ frames: Array(20).fill(33.4) }), null);
    const fast = summarise('', 'medium', 2, 2, sample({ frames: Array(20).fill(16.6) }), null);
    const [, , slowLine, fastLine] = formatTable([slow, fast]).split('\n');
    assert.match(slowLine, /33\.4 !/);
    assert.doesNotMatch(fastLine, /!/);
  });
});
