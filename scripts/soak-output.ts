/**
 * What the soak says at its end, kept pure so it is tested without a soak: jobs lost per run, the one JSON line
 * of `--json` (`{"type":"soak",...}`) with the verdict, and the human table (kills by kind, jobs by outcome, heap
 * and RSS at every rest between runs, descriptors and threads before and after).
 */
import type { ExitCause, Summary } from '../shared/messages';
import { CHAOS_KINDS, type ChaosKind } from './chaos-plan';
import type { ChaosVerdict } from './chaos-report';
import { GROWTH_LIMIT, RSS_GROWTH_LIMIT, type Rest, type RestVerdict } from './soak-report';

/** One run of the soak: its summary (null if it never came) and the jobs it lost. */
export interface RunTotals {
  run: number;
  summary: Summary | null;
  /** Null when the run has no summary: nothing tells where its jobs went. */
  lost: number | null;
}

/**
 * Jobs of a stopped run that did not end as completed, failed with a reason, dropped or cancelled: those
 * submitted beyond these four (still queued or in flight after the stop counts as lost), plus failures no reason
 * was counted for. Null without a summary.
 */
export function jobsLost(summary: Summary | null): number | null {
  if (!summary) return null;
  const { submitted, completed, failed, dropped, cancelled } = summary.jobs;
  const reasons = Object.values(summary.failures).reduce((a, b) => a + b, 0);
  return Math.max(0, submitted - (completed + failed + dropped + cancelled)) + Math.max(0, failed - reasons);
}

export interface SoakResult {
  minutes: number;
  /** The monkey's seed with --chaos, else null. */
  seed: number | null;
  runs: readonly RunTotals[];
  /** Ticks that broke the accounting invariant. */
  brokenTicks: number;
  /** Exits the lab did not plan, by cause. */
  exits: Partial<Record<ExitCause, number>>;
  /** Crashes by kind and detail ("process exited with code 1"). */
  crashes: Record<string, number>;
  /** At the end: units the engine still has, child processes of the host (the monkey's left out), OS threads above the level. */
  unitsAlive: number;
  processesLeft: number;
  threadsLeft: number | null;
  /** The host's descriptors and OS threads before the first run. */
  level: { fds: number | null; threads: number | null };
  rests: readonly Rest[];
  restVerdict: RestVerdict;
  chaos: (ChaosVerdict & { idle: number }) | null;
  /** Lines on memory during runs (not judged). */
  runMemory: readonly string[];
}

const JOB_OUTCOMES = ['submitted', 'completed', 'failed', 'dropped', 'cancelled', 'retried'] as const;
type JobOutcome = (typeof JOB_OUTCOMES)[number];

function jobTotals(runs: readonly RunTotals[]): Record<JobOutcome | 'lost', number> {
  const totals = { submitted: 0, completed: 0, failed: 0, dropped: 0, cancelled: 0, retried: 0, lost: 0 };
  for (const { summary, lost } of runs) {
    for (const outcome of JOB_OUTCOMES) totals[outcome] += summary?.jobs[outcome] ?? 0;
    totals.lost += lost ?? 0;
  }
  return totals;
}

const round1 = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 1000) / 10);

/** The `--json` line. `ok` is the verdict: the exit code is 0 only with it. */
export function soakLine(result: SoakResult) {
  const jobs = jobTotals(result.runs);
  const brokenSummaries = result.runs.filter((r) => r.summary !== null && !summaryHolds(r.summary)).length;
  const missingSummaries = result.runs.filter((r) => r.summary === null).length;
  const { restVerdict: rest, chaos } = result;
  const failures = [
    ...(result.brokenTicks > 0 ? [`the accounting invariant broke in ${result.brokenTicks} ticks`] : []),
    ...(brokenSummaries > 0 ? [`the accounting invariant broke in ${brokenSummaries} run summaries`] : []),
    ...(missingSummaries > 0 ? [`${missingSummaries} runs ended without a summary`] : []),
    ...(jobs.lost > 0 ? [`${jobs.lost} jobs lost`] : []),
    ...(result.unitsAlive > 0 ? [`${result.unitsAlive} units still alive in the engine`] : []),
    ...(result.processesLeft > 0 ? [`${result.processesLeft} child processes left`] : []),
    ...((result.threadsLeft ?? 0) > 0 ? [`${result.threadsLeft} OS threads left`] : []),
    ...(rest.heapFails ? [`the heap after GC (without V8's code) grew ${round1(rest.heapGrowth)}% between runs (limit ${GROWTH_LIMIT * 100}%)`] : []),
    ...(rest.rssFails ? [`rss grew ${round1(rest.rssGrowth)}% between runs (limit ${RSS_GROWTH_LIMIT * 100}%)`] : []),
    ...rest.leaks,
    ...(chaos?.failures ?? []),
  ];
  return {
    type: 'soak' as const,
    ok: failures.length === 0,
    minutes: result.minutes,
    seed: result.seed,
    runs: result.runs.length,
    kills: chaos
      ? { ...chaos.struck, total: CHAOS_KINDS.reduce((sum, kind) => sum + chaos.struck[kind], 0), missed: chaos.missed, duringSwitch: chaos.duringSwitch, duringStop: chaos.duringStop }
      : null,
    jobs,
    jobsLost: jobs.lost,
    invariant: { brokenTicks: result.brokenTicks, brokenSummaries, missingSummaries },
    unitsLeftAlive: result.unitsAlive + result.processesLeft,
    threadsLeft: result.threadsLeft,
    exits: result.exits,
    crashes: result.crashes,
    memoryJudged: !rest.tooShort,
    heapGrowthPct: round1(rest.heapGrowth),
    heapWithCodeGrowthPct: round1(rest.heapWithCodeGrowth),
    rssGrowthPct: round1(rest.rssGrowth),
    rests: result.rests.map((r) => ({
      atS: Math.round(r.atMs / 1000),
      heapMiB: mib(r.heapUsed),
      ...(r.code !== undefined ? { codeMiB: mib(r.code) } : {}),
      rssMiB: mib(r.rss),
      ...(r.parts ? { anonMiB: mib(r.parts.anon), v8HeapMiB: mib(r.parts.v8Heap), nativeMiB: mib(r.parts.native), fileMiB: mib(r.parts.file) } : {}),
      fds: r.fds,
      threads: r.threads,
    })),
    fds: { before: result.level.fds, afterStops: result.rests.map((r) => r.fds) },
    threads: { before: result.level.threads, afterStops: result.rests.map((r) => r.threads) },
    chaos: chaos
      ? {
          sigkillCauses: chaos.sigkillCauses,
          threadKillCauses: chaos.threadKillCauses,
          replacements: chaos.replacements,
          freezes: chaos.freezes,
          idle: chaos.idle,
        }
      : null,
    failures,
  };
}

export type SoakLine = ReturnType<typeof soakLine>;

function summaryHolds(summary: Summary): boolean {
  const j = summary.jobs;
  return j.submitted === j.completed + j.failed + j.dropped + j.cancelled + j.queued + j.inFlight;
}

const mib = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const pad = (text: string | number, width: number) => String(text).padStart(width);
const counts = (record: Partial<Record<string, number>>) =>
  Object.entries(record)
    .map(([key, n]) => `${n} ${key}`)
    .join(', ') || 'none';

/** The human table, ending with the verdict. */
export function soakTable(result: SoakResult, line: SoakLine): string {
  const out: string[] = [''];
  const { chaos } = result;
  if (chaos && line.kills) {
    const k = line.kills;
    out.push(`kills from outside (seed ${result.seed}): ${k.total} struck, ${k.missed} missed (their unit had ended), ${k.duringSwitch} during a switch, ${k.duringStop} during a stop`);
    for (const kind of CHAOS_KINDS) out.push(`  ${pad(chaos.struck[kind as ChaosKind], 5)}  ${KIND_WORDS[kind as ChaosKind]}`);
    out.push(`  SIGKILLed units read: ${counts(chaos.sigkillCauses)}; threads given the user's kill read: ${counts(chaos.threadKillCauses)}`);
    const r = chaos.replacements;
    out.push(
      `  replacements due ${r.due}: ${r.replaced} in time (median ${r.medianMs === null ? '-' : `${(r.medianMs / 1000).toFixed(1)} s`}, slowest ${r.slowestMs === null ? '-' : `${(r.slowestMs / 1000).toFixed(1)} s`}), ` +
        `${r.excused} not due (their strategy was switched away or the run stopped), ${r.missing.length} missing`,
    );
    const f = chaos.freezes;
    out.push(
      `  freezes ${f.total}: ${f.seenBlocked} read blocked while frozen, ${f.unseen.length} never did; ${f.inJob} held a job; ` +
        `ended while frozen: ${counts(f.endedWhileFrozen)}`,
    );
  }
  out.push(`jobs by outcome over ${result.runs.length} runs:`);
  for (const outcome of [...JOB_OUTCOMES, 'lost'] as const) out.push(`  ${pad(line.jobs[outcome], 8)}  ${outcome}`);
  out.push(`unplanned exits by cause: ${counts(result.exits)}`);
  if (Object.keys(result.crashes).length > 0) out.push(`  crashes: ${counts(result.crashes)}`);
  out.push(
    `accounting invariant: ${line.invariant.brokenTicks === 0 && line.invariant.brokenSummaries === 0 ? 'held in every tick and every summary' : `broken in ${line.invariant.brokenTicks} ticks and ${line.invariant.brokenSummaries} summaries`}`,
  );
  out.push('the host at rest after every stop (forced GC):');
  out.push('   at min    heap MiB  (code)    rss MiB  (V8 heap   native)   descriptors   OS threads');
  out.push(`   before           -                -                        ${pad(result.level.fds ?? '-', 11)}   ${pad(result.level.threads ?? '-', 10)}`);
  for (const r of result.rests) {
    const parts = r.parts ? `${pad(mib(r.parts.v8Heap).toFixed(1), 9)} ${pad(mib(r.parts.native).toFixed(1), 8)} ` : `${pad('-', 9)} ${pad('-', 8)} `;
    out.push(
      `   ${pad((r.atMs / 60_000).toFixed(1), 6)}   ${pad(mib(r.heapUsed).toFixed(1), 9)}  ${pad(r.code === undefined ? '-' : mib(r.code).toFixed(1), 6)}  ${pad(mib(r.rss).toFixed(1), 9)}  ${parts}   ${pad(r.fds ?? '-', 11)}   ${pad(r.threads ?? '-', 10)}`,
    );
  }
  out.push(...result.restVerdict.lines);
  out.push(...result.runMemory);
  out.push(`alive at the end: ${result.unitsAlive} units of the engine, ${result.processesLeft} child processes, ${result.threadsLeft ?? '-'} OS threads above the level`);
  out.push(line.ok ? 'verdict: OK' : `verdict: FAIL\n${line.failures.map((f) => `  - ${f}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}

const KIND_WORDS: Readonly<Record<ChaosKind, string>> = {
  sigkill: 'SIGKILL to a unit process',
  freeze: 'SIGSTOP, SIGCONT a few seconds later (a frozen process)',
  'thread-kill': "the user's kill of a thread (the crash command: no process can signal another's thread)",
};
