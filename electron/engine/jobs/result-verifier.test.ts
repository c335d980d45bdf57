import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ResultVerifier } from './result-verifier';

it('known answers are checked, and the first answer becomes the reference for the others', () => {
  const verifier = new ResultVerifier();
  assert.equal(verifier.check('fib', 10, '55'), null);
  assert.match(verifier.check('fib', 10, '56') ?? '', /wrong result for fib\(10\): got 56, expected 55/);
  assert.equal(verifier.check('hash', 5, 'abc'), null);
  assert.match(verifier.check('hash', 5, 'abd') ?? '', /expected abc/);
  assert.match(verifier.check('io-wait', 5, 'waited:6') ?? '', /wrong result/);
});

it('an answer with no checksum is wrong, and never becomes the reference the next ones are held to', () => {
  const verifier = new ResultVerifier();
  assert.match(verifier.check('pixels', 4, undefined) ?? '', /no result came back for pixels\(4\)/);
  assert.match(verifier.check('pixels', 4, undefined) ?? '', /no result came back/);
  assert.equal(verifier.check('pixels', 4, 'c0ffee'), null);
});
