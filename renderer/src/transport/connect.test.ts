import { describe, expect, it } from 'vitest';
import { frameBatcher, type FlushScheduler } from './connect';

/** A scheduler whose frames run when the test says. */
function manualFrames() {
  const frames: Array<() => void> = [];
  const scheduler: FlushScheduler = { nextFrame: (run) => void frames.push(run), every: () => () => undefined };
  return { scheduler, runFrame: () => frames.splice(0).forEach((run) => run()), pending: () => frames.length };
}

describe('frame batcher', () => {
  it('flushes on the frame after a message, once however many messages came', () => {
    const frames = manualFrames();
    let flushes = 0;
    const batcher = frameBatcher(() => flushes++, frames.scheduler);
    batcher.messageArrived();
    batcher.messageArrived();
    batcher.messageArrived();
    expect(frames.pending()).toBe(1);
    expect(flushes).toBe(0);
    frames.runFrame();
    expect(flushes).toBe(1);
  });

  it('asks for a new frame for the next message, and a fallback flush cancels the pending one', () => {
    const frames = manualFrames();
    let flushes = 0;
    const batcher = frameBatcher(() => flushes++, frames.scheduler);
    batcher.messageArrived();
    frames.runFrame();
    batcher.messageArrived();
    batcher.flushNow();
    frames.runFrame();
    expect(flushes).toBe(2);
  });
});
