import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitFacts } from './exit-facts';

describe("how an attached app's process ended", () => {
  it('the lab ending it is a stop, whatever the code or signal', () => {
    assert.equal(exitFacts({ code: null, signal: 'SIGTERM' }, true).cause, 'stop');
  });

  it('code 0 is done, another code a crash', () => {
    assert.equal(exitFacts({ code: 0, signal: null }, false).cause, 'done');
    assert.deepEqual(exitFacts({ code: 3, signal: null }, false), { cause: 'crash', code: 3, signal: null, detail: 'exited with code 3' });
  });

  it('a signal it was sent (the lab sent none) is external; one it raised itself, a fault, is a crash', () => {
    assert.equal(exitFacts({ code: null, signal: 'SIGKILL' }, false).cause, 'external');
    assert.equal(exitFacts({ code: null, signal: 'SIGTERM' }, false).cause, 'external');
    assert.equal(exitFacts({ code: null, signal: 'SIGSEGV' }, false).cause, 'crash');
    assert.equal(exitFacts({ code: null, signal: 'SIGABRT' }, false).cause, 'crash');
  });
});
