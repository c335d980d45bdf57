import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The launcher, in the sources: this test runs from out/scripts. */
const HOST = join(__dirname, '..', '..', 'scripts', 'host.mjs');
const CHILD_ENV = join(__dirname, '..', 'electron', 'engine', 'child-env.js');
const APP_LAUNCH = join(__dirname, '..', 'electron', 'engine', 'attach', 'app-launch.js');

/** What a host started by the launcher sees, and what it would give a unit and an attached app. */
const REPORT = `
const { childEnv } = require(${JSON.stringify(CHILD_ENV)});
const { appEnv } = require(${JSON.stringify(APP_LAUNCH)});
const unit = childEnv({ intervalMs: 200, probeResolutionMs: 20 });
const app = appEnv(process.env, { port: 1, token: 't', intervalMs: 200, agentPath: '/agent.js' });
console.log(JSON.stringify({
  host: process.env.MALLOC_ARENA_MAX ?? null,
  unit: unit.MALLOC_ARENA_MAX ?? null,
  app: app.MALLOC_ARENA_MAX ?? null,
  marks: [unit, app].filter((env) => Object.keys(env).some((name) => name.startsWith('NCL_LAUNCHER'))).length,
  other: [unit.KEPT_BY_USER, app.KEPT_BY_USER],
}));`;

async function launch(env: NodeJS.ProcessEnv): Promise<{ host: string | null; unit: string | null; app: string | null; marks: number; other: string[] }> {
  const { stdout } = await run(process.execPath, [HOST, '-e', REPORT], { env: { ...env, KEPT_BY_USER: 'yes' } });
  return JSON.parse(stdout);
}

describe('scripts/host.mjs, the launcher of the lab host', () => {
  const { MALLOC_ARENA_MAX: _unset, ...withoutArena } = process.env;

  it('starts the host with glibc held to 2 arenas, and gives units and an attached app the user environment back', { timeout: 60_000 }, async () => {
    const seen = await launch(withoutArena);
    assert.equal(seen.host, '2');
    assert.equal(seen.unit, null, 'a unit runs without the host setting');
    assert.equal(seen.app, null, 'an attached app runs without the host setting');
    assert.equal(seen.marks, 0, 'the launcher note stays with the host');
    assert.deepEqual(seen.other, ['yes', 'yes'], 'the rest of the environment is the user one');
  });

  it('keeps a value the user set, for the host and for what it starts', { timeout: 60_000 }, async () => {
    const seen = await launch({ ...withoutArena, MALLOC_ARENA_MAX: '8' });
    assert.deepEqual([seen.host, seen.unit, seen.app], ['8', '8', '8']);
  });

  it('exits with the host code, and with its signal', { timeout: 60_000 }, async () => {
    const code = await run(process.execPath, [HOST, '-e', 'process.exit(3)']).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    assert.equal(code, 3);
    const signal = await run(process.execPath, [HOST, '-e', 'process.kill(process.pid, "SIGTERM")']).then(
      () => null,
      (error: { signal: string | null }) => error.signal,
    );
    assert.equal(signal, 'SIGTERM');
  });
});
