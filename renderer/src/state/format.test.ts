import { describe, expect, it } from 'vitest';
import { formatBytes, formatCores, formatMs, formatMsPair, formatUnitCpu, parseNumberInput } from './format';

describe('parseNumberInput', () => {
  it('sends numbers as numbers and anything else as text, for the engine to judge', () => {
    expect(parseNumberInput(' 30 ')).toBe(30);
    expect(parseNumberInput('2.5')).toBe(2.5);
    expect(parseNumberInput('abc')).toBe('abc');
    expect(parseNumberInput('')).toBe('');
  });
});

describe('formatters', () => {
  it('print units', () => {
    expect(formatMs(3.456)).toBe('3.46 ms');
    expect(formatMs(123.4)).toBe('123 ms');
    expect(formatMs(0.005), 'a few µs is not "0.00 ms"').toBe('0.005 ms');
    expect(formatMs(0)).toBe('0.00 ms');
    expect(formatMs(null)).toBe('–');
    expect(formatCores(1.5)).toBe('150%');
    expect(formatBytes(52_428_800)).toBe('50.0 MB');
  });
});

describe('formatUnitCpu', () => {
  it('says n/a, never 0%, when a unit reported but its CPU could not be measured', () => {
    expect(formatUnitCpu(null, true)).toBe('n/a');
    expect(formatUnitCpu(null, false)).toBe('–');
    expect(formatUnitCpu(0, true)).toBe('0%');
    expect(formatUnitCpu(0.42, true)).toBe('42%');
  });
});

describe('formatMsPair', () => {
  it('names the unit once when both times are in ms, each its own otherwise', () => {
    expect(formatMsPair(33.12, 48)).toBe('33.1 / 48.0 ms');
    expect(formatMsPair(683, 12_500)).toBe('683 ms / 12.5 s');
    expect(formatMsPair(null, 3)).toBe('– / 3.00 ms');
  });
});
