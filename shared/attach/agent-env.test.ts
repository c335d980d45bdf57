import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ATTACH_ENV } from '../attach';
import { DEFAULTS } from '../constants';
import { readAgentSettings } from './agent-env';

const env = (port?: string, token?: string, interval?: string) => ({ [ATTACH_ENV.port]: port, [ATTACH_ENV.token]: token, [ATTACH_ENV.intervalMs]: interval });

it('reads the port, the token and the interval the lab put in the environment', () => {
  assert.deepEqual(readAgentSettings(env('4567', 'ab12', '100')), { port: 4567, token: 'ab12', intervalMs: 100 });
});

it('without a valid port or a token the agent is not attached: null', () => {
  assert.equal(readAgentSettings({}), null);
  assert.equal(readAgentSettings(env('4567')), null);
  assert.equal(readAgentSettings(env(undefined, 'ab12')), null);
  for (const port of ['', ' 80', '0', '65536', '12.5', '-1', 'x']) assert.equal(readAgentSettings(env(port, 'ab12')), null, `port ${JSON.stringify(port)}`);
  for (const token of ['', 'a b', 'a\nb', 'x'.repeat(257)]) assert.equal(readAgentSettings(env('80', token)), null, `token ${JSON.stringify(token)}`);
});

it("an interval missing or outside the lab's limits is the lab's default", () => {
  for (const interval of [undefined, '', '10', '99999', 'fast', '1e3']) assert.equal(readAgentSettings(env('80', 't', interval))?.intervalMs, DEFAULTS.intervalMs, `interval ${JSON.stringify(interval)}`);
});
