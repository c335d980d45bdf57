/**
 * The baselines of `npm run bench`: what raw threads and processes cost outside the engine (their start, and a
 * closed loop on raw worker_threads), measured the same way as the engine's figures beside them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { childEnv } from '../electron/engine/child-env';
import { ENTRY_PATHS } from '../electron/engine/entry-paths';
import { HostSampler } from '../electron/engine/probes/host-sampler';
import { unitSettings } from '../electron/engine/probes/unit-options';
import { defaultConfig } from '../shared/run-config';

/** A worker that answers fib(n) and says one word when it is up. */
export const RAW_WORKER = join(__dirname, '..', 'workloads', 'raw-echo.worker.js');

/** How long `count` raw threads or forked processes take to say their first word, and what the host's loop felt. */
export async function rawStart(kind: 'thread' | 'process', count: number): Promise<{ firstMs: number; allMs: number; hostEldMax: number }> {
  const sampler = new HostSampler();
  await sleep(20);
  sampler.sample();
  const t0 = performance.now();
  const units: Array<Worker | ChildProcess> = Array.from({ length: count }, () =>
    kind === 'thread'
      ? new Worker(RAW_WORKER)
      : fork(ENTRY_PATHS.forkChild, [], { env: childEnv(unitSettings(defaultConfig(), false)), serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const firstWords = await Promise.all(
    units.map(
      (unit) =>
        new Promise<number>((resolve, reject) => {
          unit.once('message', () => resolve(performance.now() - t0));
          unit.once('exit', (code) => reject(new Error(`a raw ${kind} exited with code ${code} before its first message`)));
        }),
    ),
  );
  const hostEldMax = sampler.sample().eld?.max ?? 0;
  sampler.stop();
  await Promise.all(
    units.map((unit) => {
      if (unit instanceof Worker) return unit.terminate();
      const exited = new Promise((resolve) => unit.once('exit', resolve));
      unit.disconnect();
      return exited;
    }),
  );
  return { firstMs: Math.min(...firstWords), allMs: Math.max(...firstWords), hostEldMax };
}

/** A closed loop on raw worker_threads: `pool` workers, each always busy with fib(`n`), counted after a warm-up. */
export async function rawThroughput(pool: number, n: number, warmupMs: number, measureMs: number): Promise<number> {
  const workers = Array.from({ length: pool }, () => new Worker(RAW_WORKER));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  let done = 0;
  let counting = false;
  let running = true;
  let id = 0;
  for (const worker of workers) {
    worker.on('message', () => {
      if (counting) done++;
      if (running) worker.postMessage({ id: id++, n: n });
    });
    worker.postMessage({ id: id++, n: n });
  }
  await sleep(warmupMs);
  counting = true;
  const t0 = performance.now();
  await sleep(measureMs);
  counting = false;
  const rate = (done * 1000) / (performance.now() - t0);
  running = false;
  await Promise.all(workers.map((w) => w.terminate()));
  return rate;
}
