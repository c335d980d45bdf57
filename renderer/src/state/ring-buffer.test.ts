import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps items in order until full', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.size).toBe(2);
    expect(buffer.last()).toBe(2);
  });

  it('overwrites the oldest item once full, so memory stays bounded', () => {
    const buffer = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i++) buffer.push(i);
    expect(buffer.size).toBe(3);
    expect(buffer.toArray()).toEqual([8, 9, 10]);
    expect(buffer.last()).toBe(10);
  });

  it('returns a fresh array each time (a snapshot React can keep)', () => {
    const buffer = new RingBuffer<number>(2);
    buffer.push(1);
    const snapshot = buffer.toArray();
    buffer.push(2);
    expect(snapshot).toEqual([1]);
    expect(buffer.toArray()).not.toBe(snapshot);
  });

  it('replaces the newest item in place', () => {
    const buffer = new RingBuffer<number>(2);
    buffer.replaceLast(1);
    expect(buffer.toArray()).toEqual([1]);
    buffer.push(2);
    buffer.push(3);
    buffer.replaceLast(30);
    expect(buffer.toArray()).toEqual([2, 30]);
  });

  it('clears', () => {
    const buffer = new RingBuffer<number>(2);
    buffer.push(1);
    buffer.push(2);
    buffer.push(3);
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.last()).toBeUndefined();
    buffer.push(4);
    expect(buffer.toArray()).toEqual([4]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });

  it('gives the newest items while a condition holds, oldest first, across the wrap', () => {
    const buffer = new RingBuffer<number>(4);
    for (let i = 1; i <= 6; i++) buffer.push(i);
    expect(buffer.tail((n) => n > 4)).toEqual([5, 6]);
    expect(buffer.tail(() => true)).toEqual([3, 4, 5, 6]);
    expect(buffer.tail((n) => n > 6)).toEqual([]);
  });
});
