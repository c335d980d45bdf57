/**
 * `node out/scripts/bench-activity.js` (after `node scripts/build.mjs node`): a microbenchmark of what measuring
 * costs per job and per report, piece by piece, where `npm run bench` part 1 shows only the sum as a throughput
 * ratio. On a shared machine that ratio drowns in other tenants' bursts; these figures are CPU time of this
 * process (`process.cpuUsage`, not the wall clock), so another tenant's load slows them little, and each is the
 * median of several batches.
 *  - unit, per job: `startJob` with sampling on, less the same with it off (the bookkeeping of a job: clock
 *    reads, busy binning, probe, announcer), for a job that returns a promise as `runJob` does;
 *  - unit, per report: the probe's sample, the busy bins taken, the message cloned (its size too), for a unit
 *    running back-to-back 1.5 ms jobs over report periods of 200, 800 and 3200 ms (pool 2, 16, 64 on 2 cores);
 *  - engine, per unit per tick: a report added to the unit's bins, then its row built with its 10 slices.
 */
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { BUSY_SLICE_MS, SliceBins, sliceIndex, type UnitActivity } from '../shared/activity/busy-slices';
import type { UnitMessage } from '../shared/unit-protocol';
import { newUnitRecord, unitTick } from '../electron/engine/supervision/unit-record';
import type { UnitHandle } from '../electron/engine/supervision/unit-handle';
import { startUnitReporting } from '../workloads/unit-reporter';

/** CPU µs of this process so far. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Median over `batches` of the CPU ns one call of `op` takes, `perBatch` calls a batch. */
async function nsPerOp(perBatch: number, op: () => unknown, batches = 7): Promise<number> {
  const results: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = cpuNow();
    for (let i = 0; i < perBatch; i++) {
      const value = op();
      if (value instanceof Promise) await value;
    }
    results.push(((cpuNow() - t0) * 1000) / perBatch);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)];
}

const line = (label: string, text: string) => console.log(`${label.padEnd(48)} ${text}`);

/** The job as a pool worker's startJob sees it: a CPU-bound one whose start returns a promise (runJob is async). */
const JOB = { id: 1, workload: 'fib' as const, size: 27 };
const start = async () => ({ checksum: '196418' });

async function unitPerJob(): Promise<void> {
  const sent: UnitMessage[] = [];
  const send = (message: UnitMessage) => void sent.push(message);
  // A report period far beyond the batches: only the per-job part is measured here.
  const on = startUnitReporting(send, { intervalMs: 3_600_000, probeResolutionMs: 20 });
  const off = startUnitReporting(send, { intervalMs: 0, probeResolutionMs: 4 });
  const jobs = 100_000;
  // Warm both paths up first: the JIT, and the bins' first slices.
  await nsPerOp(jobs, () => on.startJob(JOB, start), 2);
  await nsPerOp(jobs, () => off.startJob(JOB, start), 2);
  const withSampling = await nsPerOp(jobs, () => on.startJob(JOB, start));
  const without = await nsPerOp(jobs, () => off.startJob(JOB, start));
  on.stop();
  off.stop();
  line('unit, per job: startJob on / off', `${withSampling.toFixed(0)} / ${without.toFixed(0)} ns: sampling adds ${(withSampling - without).toFixed(0)} ns a job`);
}

/** A report of a unit that ran back-to-back `jobMs` jobs for `periodMs`, as its bins would hold it. */
function reportAfter(periodMs: number, jobMs: number, t0: number): UnitActivity {
  const bins = new SliceBins(Math.ceil((2 * periodMs) / BUSY_SLICE_MS) + 2);
  bins.takeActivity(t0);
  for (let t = t0; t + jobMs <= t0 + periodMs; t += jobMs + 0.01) bins.addBusy(t, t + jobMs);
  bins.addGc(t0 + periodMs / 2, 0.3);
  return bins.takeActivity(t0 + periodMs);
}

async function unitPerReport(): Promise<void> {
  for (const periodMs of [200, 800, 3_200]) {
    // The binning of one period's jobs (what jobEnded does, summed over the period's jobs).
    const t0 = sliceIndex(Date.now()) * BUSY_SLICE_MS;
    const jobs = Math.floor(periodMs / 1.51);
    const bin = await nsPerOp(200, () => reportAfter(periodMs, 1.5, t0));
    const activity = reportAfter(periodMs, 1.5, t0);
    const message: UnitMessage = { type: 'sample', pid: process.pid, threadId: 1, sample: { eld: { p50: 0.1, p99: 1.2, max: 3.4 }, elu: 0.97, cpu: 0.95, rss: null, heapUsed: 5_000_000 }, activity };
    const clone = await nsPerOp(2_000, () => structuredClone(message));
    line(
      `unit, report every ${periodMs} ms (${jobs} jobs)`,
      `binning ${(bin / jobs).toFixed(0)} ns a job; message ${serialize(message).length} B, cloned in ${(clone / 1000).toFixed(1)} µs`,
    );
  }
  // A whole report as the unit makes it: probe sample, GC records, bins taken, sent (to a sink: no clone).
  const sent: UnitMessage[] = [];
  const reporting = startUnitReporting((message) => void sent.splice(0, sent.length, message), { intervalMs: 3_600_000, probeResolutionMs: 20 });
  for (let i = 0; i < 500; i++) await reporting.startJob(JOB, start);
  const report = await nsPerOp(2_000, () => reporting.finalSample());
  reporting.stop();
  line('unit, one report: sample + bins taken', `${(report / 1000).toFixed(1)} µs`);
}

async function enginePerUnitTick(): Promise<void> {
  for (const [units, periodMs] of [
    [2, 200],
    [16, 800],
    [64, 3_200],
  ] as const) {
    const handle: UnitHandle = { kind: 'thread', pid: process.pid, threadId: 1, stop: () => undefined, kill: () => undefined, exited: new Promise(() => undefined) };
    const records = Array.from({ length: units }, (_, i) =>
      newUnitRecord(handle, { id: `worker-pool#1/thread-${i}`, strategy: 'worker-pool', generation: 1, oneShot: false, createdAt: performance.now() }),
    );
    const first = sliceIndex(Date.now());
    const ticksPerReport = periodMs / 200;
    const reports = records.map((_, i) => reportAfter(periodMs, 1.5, (first + (i % 10)) * BUSY_SLICE_MS));
    let tick = 0;
    let base = first;
    // One tick: the units whose report is due add it (each reports every `ticksPerReport` ticks), every row is built.
    const oneTick = () => {
      const shift = base - first;
      records.forEach((unit, i) => {
        if ((tick + i) % ticksPerReport === 0) {
          const report = reports[i];
          unit.slices.addActivity({ ...report, from: report.from + shift, to: report.to + shift * BUSY_SLICE_MS });
          unit.sample = { eld: { p50: 0.1, p99: 1.2, max: 3.4 }, elu: 0.97, cpu: 0.95, rss: null, heapUsed: 5_000_000 };
          unit.sampleAt = performance.now();
        }
        unit.state = 'busy';
        unitTick(unit, performance.now(), periodMs, { first: base, end: base + 10 });
      });
      base += 10;
      tick++;
    };
    const perTick = await nsPerOp(500, oneTick);
    line(`engine, per unit per tick (${units} units)`, `${(perTick / units / 1000).toFixed(2)} µs`);
  }
}

async function main(): Promise<void> {
  console.log(`What measuring costs, piece by piece (Node ${process.version}; CPU time, medians of 7 batches)\n`);
  await unitPerJob();
  await unitPerReport();
  await enginePerUnitTick();
}

void main();
