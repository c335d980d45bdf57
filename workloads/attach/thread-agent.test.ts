import assert from 'node:assert/strict';
import { it } from 'node:test';
import { HOST_PROBE_RESOLUTION_MS } from '../../shared/constants';
import { probePeriodMs } from './thread-agent';

it("the probe turns at the host's 50 ms at most, a whole fraction of the report interval", () => {
  for (const intervalMs of [50, 75, 100, 120, 200, 333, 1_000, 10_000]) {
    const period = probePeriodMs(intervalMs);
    assert.ok(period <= HOST_PROBE_RESOLUTION_MS && period > HOST_PROBE_RESOLUTION_MS / 2, `${intervalMs} ms: ${period}`);
    assert.equal(Math.round(intervalMs / period), Math.ceil(intervalMs / HOST_PROBE_RESOLUTION_MS), `${intervalMs} ms: a whole number of turns`);
  }
  assert.equal(probePeriodMs(200), 50);
  assert.equal(probePeriodMs(75), 37);
});
