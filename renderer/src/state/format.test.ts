import { describe, expect, it } from 'vitest';
import { formatBytes, formatCores, formatMs, parseNumberInput } from './format';

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
    expect(formatMs(null)).toBe('–');
    expect(formatCores(1.5)).toBe('150%');
    expect(formatBytes(52_428_800)).toBe('50.0 MB');
  });
});
