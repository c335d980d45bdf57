/**
 * The agent in one thread of the app (a process's main thread, or a worker thread built from a file): it says
 * hello, then reports every interval what the lab's own units report of themselves (loop delay, utilisation,
 * CPU, memory, busy slices, collections), plus the thread's HTTP and the workers it created (shared/attach.ts,
 * AgentMessage). Until the lab is gone: then it stops everything it started, and the app never hears of it.
 *
 * One timer per thread, unref'd. Each turn is the loop-delay probe and a utilisation reading for the busy
 * slices, and the turn that falls due after an interval also reports: ~20 wakeups a second in all (a separate
 * report timer would add 1000 / interval more). The period is the host's 50 ms (HOST_PROBE_RESOLUTION_MS says
 * why: each wake of a busy loop costs throughput, and the attached app's HTTP may lose at most 2 % to the
 * agent), shortened to divide the interval evenly when it is not a multiple of 50 ms. An app has no jobs for
 * the probe to time exactly, so its busy slices are its utilisation between turns, as the host's are between
 * its own jobs (workloads/metrics/utilisation-slices.ts), and its loop delay is the timer's lateness.
 *
 * Measuring starts at the loop's first turn (an unref'd immediate): the app's main module runs before it, and a
 * timer set before that would read the whole startup as one late turn of the loop. The startup is there all
 * the same, as busy slices from the thread's own start. What can happen during the main module (a `new Worker`,
 * a server that listens) is watched from the preload on.
 */
import { createHistogram, performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { BUSY_SLICE_MS } from '../../shared/activity/busy-slices';
import type { AgentMessage } from '../../shared/attach';
import type { AgentSettings } from '../../shared/attach/agent-env';
import { HOST_PROBE_RESOLUTION_MS } from '../../shared/constants';
import { LoopDelayMeter } from '../../shared/loop-delay';
import { toEpoch } from '../metrics/activity-recorder';
import { ThreadUsage } from '../metrics/thread-usage';
import { UtilisationSlices } from '../metrics/utilisation-slices';
import { HttpFigures } from './http-figures';
import { LabLink } from './lab-link';
import { osThreadId } from './os-thread-id';
import { SeenWorkers } from './seen-workers';

/** The probe's period for a report interval: at most the host's 50 ms, and a whole fraction of the interval. */
export function probePeriodMs(intervalMs: number): number {
  return Math.floor(intervalMs / Math.ceil(intervalMs / HOST_PROBE_RESOLUTION_MS));
}

/** The loop measures of one thread, from the loop's first turn on. */
class LoopMeasures {
  private readonly meter: LoopDelayMeter;
  private readonly usage = new ThreadUsage();
  private readonly slices: UtilisationSlices;

  constructor(periodMs: number, intervalMs: number, now: number) {
    // Two significant figures, as a unit's probe (loop-probe.ts): read and emptied every report in every thread.
    this.meter = new LoopDelayMeter(periodMs, createHistogram({ figures: 2 }), now);
    // What a report holds is bounded to two of its periods, as a unit's (activity-recorder.ts).
    this.slices = new UtilisationSlices(Math.ceil((2 * intervalMs) / BUSY_SLICE_MS) + 2);
    // The thread's startup (its bootstrap and main module, the app's own code included) kept it busy.
    this.slices.bins.addBusy(toEpoch(0), toEpoch(now));
    this.slices.start(now);
  }

  turn(now: number): void {
    this.meter.turn(now);
    this.slices.read(now);
  }

  /** Everything since the previous take. */
  take(now: number): Pick<Extract<AgentMessage, { type: 'sample' }>, 'sample' | 'activity'> {
    this.slices.flush(now);
    return { sample: { eld: this.meter.take(now), ...this.usage.take(now) }, activity: this.slices.bins.takeActivity(toEpoch(now)) };
  }

  stop(): void {
    this.slices.stop();
  }
}

/** Starts the agent in the calling thread; it runs until the lab's connection closes. */
export function startThreadAgent(settings: AgentSettings): void {
  const periodMs = probePeriodMs(settings.intervalMs);
  const http = new HttpFigures();
  const workers = new SeenWorkers();
  let loop: LoopMeasures | null = null;
  let firstTurn: NodeJS.Immediate | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastReportAt = 0;
  let stopped = false;

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    if (firstTurn) clearImmediate(firstTurn);
    if (timer) clearInterval(timer);
    loop?.stop();
    http.stop();
    workers.stop();
  };
  const link = new LabLink(settings.port, stop);
  /** Anything the agent fails at ends it, quietly: a broken agent must not go on costing the app. */
  const guarded = (run: () => void) => () => {
    try {
      run();
    } catch {
      stop();
      link.close();
    }
  };

  const report = (now: number): void => {
    if (!loop) return;
    lastReportAt = now;
    link.send({ type: 'sample', ...loop.take(now), http: http.take(), workers: workers.take() } satisfies AgentMessage);
  };

  const turn = guarded(() => {
    const now = performance.now();
    loop?.turn(now);
    // The turn due after an interval reports (half a period early at most, so a report is never a turn late).
    if (now - lastReportAt >= settings.intervalMs - periodMs / 2) report(now);
  });

  const begin = guarded(() => {
    const now = performance.now();
    loop = new LoopMeasures(periodMs, settings.intervalMs, now);
    lastReportAt = now;
    timer = setInterval(turn, periodMs);
    // The agent must never keep the app alive.
    timer.unref();
  });

  guarded(() => {
    link.send({
      type: 'hello',
      token: settings.token,
      pid: process.pid,
      ppid: process.ppid,
      threadId,
      argv: process.argv,
      node: process.version,
      startedAt: toEpoch(performance.now()),
      tid: osThreadId(),
    } satisfies AgentMessage);
    http.start();
    workers.start();
    firstTurn = setImmediate(begin);
    firstTurn.unref();
  })();
}
