/**
 * Part 1 of `npm run bench`: what sampling costs, in one running engine whose sampling is turned on and off in
 * alternating windows (LabEngine.setSampling): the same threads and processes throughout, so only the sampling
 * differs between neighbouring windows. Separate runs per side differed by several per cent from run to run on
 * these machines, more than the aim.
 *
 * Two figures per cell. Jobs per second, the aim's own terms. And the CPU time per job of the lab's whole
 * process tree (every thread of the host and of each unit process, from /proc): the jobs saturate the cores, so
 * what measuring adds to each job is what it takes from the throughput, and a neighbour's burst that takes a
 * core from a window moves its jobs a second but not its CPU a job. (On these shared VMs both intervals came out
 * about as wide: the scatter is also in how fast a core runs, not only in how much of it the lab gets.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabEngine } from '../electron/engine/lab-engine';
import type { ConfigPatch } from '../shared/run-config';
import { completed, isSwitch, line, nextMessage, sum } from './bench-engine';
import { alternate, pairedRatio } from './bench-ratio';
import { cpuNs } from './process-groups';

export interface OverheadOptions {
  fib: number;
  pools: number[];
  pairs: number;
  windowMs: number;
  /** The pause after each switch of sampling before a window is measured. */
  settleMs: number;
  warmupMs: number;
  /** What sampling may cost: the least on/off ratio. */
  aim: number;
}

/** One window: jobs a second, and the process tree's CPU µs per job. */
interface OverheadWindow {
  jobsPerSecond: number;
  cpuUsPerJob: number;
}

/** This process and its children (the unit processes), read from /proc/PID/task/TID/children. */
function processTree(): number[] {
  const pids = [process.pid];
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const children = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(' ').map(Number));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return pids;
}

/** CPU ns so far of each process of the tree. */
function treeCpu(): Map<number, number> {
  return new Map(processTree().map((pid) => [pid, cpuNs([pid])]));
}

/** CPU ns the processes present at both readings spent between them (one that ended or began meanwhile is left out). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ns] of after) {
    const was = before.get(pid);
    if (was !== undefined) total += ns - was;
  }
  return total;
}

async function samplingPairs(config: ConfigPatch, options: OverheadOptions): Promise<{ on: OverheadWindow[]; off: OverheadWindow[] }> {
  const engine = new LabEngine({ sampling: true });
  const ready = nextMessage(engine, isSwitch, `${config.strategy} ready`);
  await engine.start({ loadMode: 'closed', workload: 'fib', ...config });
  await ready;
  await sleep(options.warmupMs);
  const window = async (on: boolean): Promise<OverheadWindow> => {
    engine.setSampling(on);
    // Units hear the change within a message's time; their timers stop or start.
    await sleep(options.settleMs);
    const before = completed(engine);
    const cpuBefore = treeCpu();
    const t0 = performance.now();
    await sleep(options.windowMs);
    const jobs = completed(engine) - before;
    // The window ends here: reading /proc for 64 processes is not part of its time.
    const elapsedMs = performance.now() - t0;
    const cpu = cpuBetween(cpuBefore, treeCpu());
    return { jobsPerSecond: (jobs * 1000) / elapsedMs, cpuUsPerJob: jobs > 0 ? cpu / 1000 / jobs : Number.NaN };
  };
  const { a: on, b: off } = await alternate(options.pairs, () => window(true), () => window(false));
  await engine.stop();
  return { on, off };
}

/** "+1.2 %" for a without/with ratio of CPU per job (0.988: 1.2 % more with sampling). */
const addedPercent = (offOverOn: number) => {
  const added = (1 / offOverOn - 1) * 100;
  return `${added >= 0 ? '+' : ''}${added.toFixed(1)} %`;
};

/** 1. Throughput and CPU per job with sampling on / off, in alternating windows of one run, per strategy and pool size. */
export async function metricsOverhead(options: OverheadOptions): Promise<void> {
  console.log(
    `1. metrics overhead: closed loop (concurrency = pool), fib ${options.fib}, ${options.pairs} pairs of ${options.windowMs / 1000} s windows, sampling on / off alternately in one run; ` +
      `the pairs' ratio (Hodges-Lehmann) with its 95 % interval (Wilcoxon), aim >= ${options.aim}; mean = their geometric mean; ` +
      `CPU per job = the CPU time of the host and its unit processes (every thread) per completed job, aim <= +${((1 / options.aim - 1) * 100).toFixed(1)} %`,
  );
  for (const strategy of ['worker-pool', 'child-process'] as const) {
    for (const pool of options.pools) {
      const { on, off } = await samplingPairs({ strategy, childMode: 'fork', poolSize: pool, concurrency: pool, size: options.fib }, options);
      const jobs = (windows: OverheadWindow[]) => windows.map((w) => w.jobsPerSecond);
      const cpu = (windows: OverheadWindow[]) => windows.map((w) => w.cpuUsPerJob);
      const r = pairedRatio(jobs(on), jobs(off), options.aim);
      // Less CPU per job is better: off/on against the same aim is "at most 2 % more CPU per job".
      const c = pairedRatio(cpu(off), cpu(on), options.aim);
      const label = `   ${strategy === 'child-process' ? 'child-process (fork)' : strategy} pool ${pool}`;
      line(
        label,
        `on/off ${r.ratio.toFixed(3)} (95 % ${r.low.toFixed(3)}..${r.high.toFixed(3)}) ${r.verdict}   mean ${r.mean.toFixed(3)}   on ${(sum(jobs(on)) / on.length).toFixed(0)} jobs/s, off ${(sum(jobs(off)) / off.length).toFixed(0)} jobs/s`,
      );
      line(
        '',
        `CPU per job ${addedPercent(c.ratio)} (95 % ${addedPercent(c.high)}..${addedPercent(c.low)}) ${c.verdict}   on ${(sum(cpu(on)) / on.length).toFixed(0)} µs, off ${(sum(cpu(off)) / off.length).toFixed(0)} µs`,
      );
    }
  }
}
