import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, formatErrors, mergeConfig } from '../../shared/run-config';
import { HELP, parseCli } from './cli-args';

const errorsOf = (patch: unknown) => {
  const merged = mergeConfig(defaultConfig(), patch);
  return merged.ok ? '' : formatErrors(merged.errors);
};

describe('run settings of the lab\'s own claims', () => {
  it('sab-counter runs on worker threads only; elsewhere the error names the strategy and the allowed ones', () => {
    assert.equal(errorsOf({ strategy: 'worker-pool', workload: 'sab-counter', counterMode: 'plain' }), '');
    assert.equal(errorsOf({ strategy: 'worker-per-task', workload: 'sab-counter' }), '');
    assert.match(errorsOf({ strategy: 'cluster', workload: 'sab-counter' }), /^strategy: must be one of worker-pool, worker-per-task when workload is sab-counter/);
    assert.match(errorsOf({ strategy: 'main-thread', workload: 'sab-counter' }), /^strategy: /);
  });

  it('counterMode and clusterScheduling take only their values, named in the error', () => {
    assert.equal(defaultConfig().counterMode, 'atomics');
    assert.equal(defaultConfig().clusterScheduling, 'rr');
    assert.equal(errorsOf({ counterMode: 'racy' }), 'counterMode: must be one of plain, atomics');
    assert.equal(errorsOf({ clusterScheduling: 'os' }), 'clusterScheduling: must be one of rr, none');
    assert.equal(errorsOf({ strategy: 'cluster', clusterScheduling: 'none' }), '');
  });

  it('clusterConnection keeps connections alive by default and takes only its values, named in the error', () => {
    assert.equal(defaultConfig().clusterConnection, 'keep-alive');
    assert.equal(errorsOf({ strategy: 'cluster', clusterConnection: 'new-per-request' }), '');
    assert.equal(errorsOf({ clusterConnection: 'close' }), 'clusterConnection: must be one of keep-alive, new-per-request');
    assert.equal(errorsOf({ clusterConnection: true }), 'clusterConnection: must be one of keep-alive, new-per-request');
  });

  it('hash-async takes the iterations of hash', () => {
    const merged = mergeConfig(defaultConfig(), { workload: 'hash-async' });
    assert.ok(merged.ok);
    assert.equal(merged.value.size, 50_000);
    assert.match(errorsOf({ workload: 'hash-async', size: 0 }), /size: for hash-async must be an integer between 1 and 2000000 \(pbkdf2 iterations\)/);
  });

  it('the CLI takes --counter-mode and --cluster-scheduling, and names the option and its values when wrong', () => {
    const run = parseCli(['--workload', 'sab-counter', '--counter-mode', 'plain', '--strategy', 'cluster', '--cluster-scheduling', 'none', '--duration', '1']);
    assert.equal(run.kind, 'error');
    assert.match((run as { message: string }).message, /strategy.*must be one of worker-pool, worker-per-task when workload is sab-counter/);
    const ok = parseCli(['--strategy', 'cluster', '--cluster-scheduling', 'none']);
    assert.equal(ok.kind === 'run' && ok.config.clusterScheduling, 'none');
    const bad = parseCli(['--cluster-scheduling', 'os']);
    assert.match(bad.kind === 'error' ? bad.message : '', /cluster-scheduling.*must be one of rr, none/);
  });

  it('the CLI takes --cluster-connection, lists it in the help with its default, and names its values when wrong', () => {
    const ok = parseCli(['--strategy', 'cluster', '--cluster-connection', 'new-per-request']);
    assert.equal(ok.kind === 'run' && ok.config.clusterConnection, 'new-per-request');
    const bad = parseCli(['--cluster-connection', 'close']);
    assert.match(bad.kind === 'error' ? bad.message : '', /cluster-connection.*must be one of keep-alive, new-per-request/);
    assert.match(HELP, /--cluster-connection <c>\s+whether cluster's load generator keeps its connections open .*: keep-alive \| new-per-request \(default keep-alive\)/s);
  });
});
