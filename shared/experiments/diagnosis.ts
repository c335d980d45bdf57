/**
 * Live diagnosis, after Clinic Doctor: from the last few seconds of ticks (and events), name what the numbers
 * show, with the numbers, and a guess at the cause. Every threshold lives in {@link DIAGNOSIS_THRESHOLDS} with the
 * reason for its value, so the app, the CLI and the tests agree on what counts as a problem.
 */
import type { LabEvent, Tick } from '../messages';
import { ATTACHED } from '../constants';
import { median } from '../percentiles';

/** How bad a finding is: `critical` needs action now, `warning` will become a problem, `info` explains a number. */
export type Severity = 'critical' | 'warning' | 'info';

/** One thing the numbers show. */
export interface Finding {
  /** Stable id, e.g. `host-loop-blocked`: one finding of each kind at most. */
  id: string;
  severity: Severity;
  /** One sentence with the numbers, e.g. `the host's loop is blocked 48 ms at p99: CPU work on the main thread?`. */
  message: string;
}

/** The thresholds of the diagnosis, each with why it is where it is. */
export const DIAGNOSIS_THRESHOLDS = {
  /** How much history a diagnosis looks at, in ms: long enough to smooth one slow tick, short enough to follow a switch. */
  windowMs: 5_000,
  /** Fewest ticks before anything is said: one tick is a sample, not a trend. */
  minTicks: 3,
  /** Median host ELD p99 (ms) that reads as blocked: 10 ms is over half a 60 Hz frame, felt by any request or timer. */
  hostEldP99Ms: 10,
  /** Host ELD max (ms) in the window that reads as blocked: a tenth of a second without timers is a visible stall. */
  hostEldMaxMs: 100,
  /** Median host ELD p99 (ms) that is critical: past 50 ms the host misses health checks and UI updates. */
  hostEldCriticalMs: 50,
  /** Median host ELU that reads as saturated: at 95% the loop has almost no idle time left for new events. */
  hostElu: 0.95,
  /** Queue growth over the window (jobs) that reads as unbounded when it also rises in most ticks. */
  queueRise: 20,
  /** Share of tick-to-tick steps in which the queue did not shrink, for a steady rise rather than a burst. */
  queueRisingShare: 0.7,
  /** Share of settled jobs that failed (failed / (completed + failed)) worth a warning: 1 in 20 is not noise. */
  failedShare: 0.05,
  /** Crashes in the window that make a crash loop: three in a few seconds is a pattern, not an accident. */
  crashes: 3,
  /** Units started per completed job that read as "every job pays a startup": worker-per-task's signature. */
  startupsPerJob: 0.5,
  /**
   * A delayed host loop whose own thread was busy less than this share of the time (median ELU) was not held up
   * by its own work: under half, most of each delay was spent waiting, not running.
   */
  hostOwnWorkElu: 0.5,
  /**
   * The units' CPU between them (median of the ticks' sums, in cores) that makes them the likely reason a lightly
   * busy host loop waits: a whole core's worth of units competes with it for the machine's cores (16 busy pool
   * threads on 2 cores delayed the host's loop by 18 ms at p99 with its own thread 10 % busy).
   */
  unitCoresCompeting: 1,
} as const;

const T = DIAGNOSIS_THRESHOLDS;

const ms = (n: number) => `${n >= 10 ? n.toFixed(0) : n.toFixed(1)} ms`;
/** The median of the measured values, 0 for none (callers check there were some before they judge). */
const medianOr0 = (values: number[]) => median(values) ?? 0;
/** The measured values of the ticks (a tick that did not measure it, null, is skipped). */
const measured = (ticks: readonly Tick[], value: (t: Tick) => number | null | undefined): number[] =>
  ticks.flatMap((t) => {
    const v = value(t);
    return v === null || v === undefined ? [] : [v];
  });

/**
 * The words of a finding for the run the ticks are of: the lab's own (jobs, units, the host) or an attached app's
 * (its requests, its processes and threads, its first process's main thread).
 */
function wordsFor(ticks: readonly Tick[]) {
  const attached = ticks[ticks.length - 1].strategy === ATTACHED;
  return {
    attached,
    host: attached ? "the app's main thread's" : "the host's",
    jobs: attached ? 'HTTP requests' : 'jobs',
    units: attached ? 'threads or processes of the app' : 'units',
  };
}

/**
 * The units' CPU in cores (median over the ticks of their sum) when it, not the host's own work, is the likely
 * reason the host's loop is delayed: the host's thread was mostly idle (its ELU measured and low) while the units
 * kept at least a core busy. Null otherwise. Computed from the ticks' own figures, never assumed from a strategy.
 */
function waitingForACore(ticks: readonly Tick[], elus: readonly number[], elu: number): number | null {
  if (elus.length === 0 || elu >= T.hostOwnWorkElu) return null;
  const sums = ticks.flatMap((t) => {
    const cpus = t.units.flatMap((u) => (u.cpu === null ? [] : [u.cpu]));
    return cpus.length > 0 ? [cpus.reduce((a, b) => a + b, 0)] : [];
  });
  const cores = median(sums);
  return cores !== null && cores >= T.unitCoresCompeting ? cores : null;
}

function hostLoop(ticks: readonly Tick[]): Finding[] {
  const words = wordsFor(ticks);
  const found: Finding[] = [];
  const sampled = ticks.flatMap((t) => (t.host.eld ? [t.host.eld] : []));
  const p99 = medianOr0(sampled.map((eld) => eld.p99));
  const max = sampled.length > 0 ? Math.max(...sampled.map((eld) => eld.max)) : 0;
  const elus = measured(ticks, (t) => t.host.elu);
  const elu = medianOr0(elus);
  if (sampled.length > 0 && (p99 >= T.hostEldP99Ms || max >= T.hostEldMaxMs)) {
    const main = ticks[ticks.length - 1].strategy === 'main-thread' ? ' (jobs run on the main thread)' : '';
    const competing = waitingForACore(ticks, elus, elu);
    found.push({
      id: 'host-loop-blocked',
      severity: p99 >= T.hostEldCriticalMs || max >= T.hostEldMaxMs ? 'critical' : 'warning',
      message: competing
        ? `${words.host} event loop is delayed ${ms(p99)} at p99 (max ${ms(max)}) while its own thread is busy only ${(elu * 100).toFixed(0)}% of the time: ` +
          `the ${words.units} use ${competing.toFixed(1)} cores between them, and it waits for one. Fewer busy ${words.units} than cores leave it a core`
        : words.attached
          ? `the app's main thread's event loop is blocked ${ms(p99)} at p99 (max ${ms(max)}): CPU work in a request handler or a timer? Every request it serves waits behind it`
          : `the host's event loop is blocked ${ms(p99)} at p99 (max ${ms(max)}): CPU work on the main thread?${main}`,
    });
  }
  if (elus.length > 0 && elu >= T.hostElu) {
    found.push({ id: 'host-loop-saturated', severity: 'warning', message: `${words.host} event loop is busy ${(elu * 100).toFixed(0)}% of the time: little room left for new events` });
  }
  return found;
}

function queue(ticks: readonly Tick[]): Finding[] {
  const first = ticks[0].jobs;
  const last = ticks[ticks.length - 1].jobs;
  const found: Finding[] = [];
  const rise = last.queued - first.queued;
  let notShrinking = 0;
  for (let i = 1; i < ticks.length; i++) if (ticks[i].jobs.queued >= ticks[i - 1].jobs.queued) notShrinking++;
  if (rise >= T.queueRise && notShrinking / (ticks.length - 1) >= T.queueRisingShare) {
    const seconds = (ticks[ticks.length - 1].t - ticks[0].t) / 1000;
    found.push({
      id: 'queue-growing',
      severity: 'critical',
      message: `the queue grows without bound: +${rise} jobs in ${seconds.toFixed(1)} s (${last.queued} waiting); jobs arrive faster than the units finish them`,
    });
  }
  const dropped = last.dropped - first.dropped;
  if (dropped > 0) {
    found.push({ id: 'jobs-dropped', severity: 'warning', message: `${dropped} jobs dropped because the queue was full: the bound protects memory and latency, the load is too high` });
  }
  const failed = last.failed - first.failed;
  const settled = failed + (last.completed - first.completed);
  if (failed > 0 && failed / settled >= T.failedShare) {
    const words = wordsFor(ticks);
    const why = words.attached ? '5xx responses or aborted before the response finished' : "the run's summary groups the reasons";
    found.push({ id: 'jobs-failing', severity: 'warning', message: `${failed} of ${settled} ${words.jobs} failed (${((failed / settled) * 100).toFixed(0)}%); ${why}` });
  }
  return found;
}

function units(ticks: readonly Tick[], events: readonly LabEvent[]): Finding[] {
  const found: Finding[] = [];
  const words = wordsFor(ticks);
  const from = ticks[0].t;
  const crashes = events.filter((e) => e.event === 'unit-exited' && e.cause === 'crash' && e.t >= from).length;
  if (crashes >= T.crashes) {
    const seconds = ((ticks[ticks.length - 1].t - from) / 1000).toFixed(0);
    found.push({
      id: 'units-crashing',
      severity: 'critical',
      message: words.attached
        ? `${crashes} ${words.units} crashed in the last ${seconds} s; the event log has how each ended`
        : `${crashes} units crashed in the last ${seconds} s: restarts are slowed by the backoff; look at the crash details`,
    });
  }
  const last = ticks[ticks.length - 1];
  const blocked = last.units.filter((u) => u.blocked);
  if (blocked.length > 0) {
    const longest = Math.max(...blocked.map((u) => u.eld?.max ?? 0));
    found.push({
      id: 'units-blocked',
      severity: 'info',
      message: words.attached
        ? `${blocked.length} of the app's threads held by a long task for ${ms(longest)}: their loops run nothing else meanwhile`
        : `${blocked.length} unit(s) silent in a long job for ${ms(longest)}: a unit measures itself between jobs`,
    });
  }
  // Over the same intervals as `completed`: those after the first tick.
  const started = ticks.slice(1).reduce((sum, t) => sum + (t.startup?.count ?? 0), 0);
  const completed = last.jobs.completed - ticks[0].jobs.completed;
  if (completed > 0 && started / completed >= T.startupsPerJob) {
    const startupP50 = medianOr0(ticks.filter((t) => t.startup).map((t) => (t.startup as { p50: number }).p50));
    // Units started, so some tick carried their startups.
    found.push({ id: 'startup-per-job', severity: 'info', message: `${started} ${words.units} started for ${completed} ${words.jobs}, ${ms(startupP50 ?? 0)} each at p50: a pool would pay that once` });
  }
  return found;
}

const ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/**
 * What the recent ticks show, most severe first. Looks at the ticks of the last {@link DIAGNOSIS_THRESHOLDS}
 * window (ending at the newest tick) and the events in it; says nothing on fewer than its minimum of ticks.
 */
export function diagnose(ticks: readonly Tick[], events: readonly LabEvent[] = []): Finding[] {
  const newest = ticks[ticks.length - 1];
  if (!newest) return [];
  const recent = ticks.filter((t) => t.t > newest.t - T.windowMs);
  if (recent.length < T.minTicks) return [];
  return [...hostLoop(recent), ...queue(recent), ...units(recent, events)].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
