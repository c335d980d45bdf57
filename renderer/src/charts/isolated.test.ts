import { describe, expect, it } from 'vitest';
import { isIsolated } from './isolated';

describe('isIsolated', () => {
  const values = [null, 5, null, 6, 7, null, 8].map((value) => ({ value }));
  it('is true for a value with no value beside it, which a line alone would not draw', () => {
    expect(values.map((_, i) => isIsolated(values, i))).toEqual([false, true, false, false, false, false, true]);
  });
});
