/** What every unit of a run starts with: its sampling settings, and the memory limit of threads and processes. */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { LOOP_PROBE_RESOLUTION_MS, UNIT_PROBE_MIN_RESOLUTION_MS } from '../../../shared/constants';
import type { RunConfig } from '../../../shared/run-config';
import type { UnitSettings } from '../../../shared/unit-protocol';

/**
 * What measuring costs grows with the units, not with the work: every probe turn and every report wakes a
 * thread (about 60 µs of CPU each on a busy 2-core VM), and every report is a message the host handles. So
 * the units' timers together wake each core a bounded number of times a second, whatever the pool size, and
 * beyond a few units per core each unit reports every few intervals. Measured with `npm run bench`.
 */

/**
 * How many units per core report every interval; with more, each reports every few intervals. (4 cost about
 * 1 % of the throughput at 16 processes on 2 cores, against 2, in `npm run bench`'s alternating windows.)
 */
export const FULL_RATE_UNITS_PER_CORE = 2;

/** Beyond this many units per core a unit's probe has no timer of its own: its report timer is the probe. */
export const PROBE_TIMER_UNITS_PER_CORE = 2;

/**
 * How often a unit reports its sample, in ms: every interval while at most {@link FULL_RATE_UNITS_PER_CORE} units
 * share a core, else every so many whole intervals that all reports together stay at that rate.
 */
export function reportEveryMs(units: number, cores: number, intervalMs: number): number {
  return intervalMs * Math.max(1, Math.ceil(units / (FULL_RATE_UNITS_PER_CORE * Math.max(1, cores))));
}

/**
 * Period of a unit's loop-delay timer, in ms: {@link UNIT_PROBE_MIN_RESOLUTION_MS} while the units fit the
 * cores (50 turns a second per core); beyond, it grows with units per core so all probes together still turn
 * about 50 times a second per core, up to half the report period (a report still sees turns). Past
 * {@link PROBE_TIMER_UNITS_PER_CORE} units a core it is the report period: no timer of its own, the report's
 * lateness measures the loop (workloads/metrics/loop-probe.ts). Jobs' blocks are measured at 4 ms whatever it is.
 */
export function probeResolutionMs(units: number, cores: number, reportMs: number): number {
  if (units > PROBE_TIMER_UNITS_PER_CORE * Math.max(1, cores)) return reportMs;
  const scaled = UNIT_PROBE_MIN_RESOLUTION_MS * Math.max(1, units / Math.max(1, cores));
  const cap = Math.max(UNIT_PROBE_MIN_RESOLUTION_MS, reportMs / 2);
  return Math.round(Math.min(scaled, cap));
}

/**
 * The settings every unit of a run reads at startup, from the pool size and this machine's cores; `sampling`
 * false turns their probes and reports off. The engine's unit tables use the same `intervalMs` to tell a unit
 * blocked in a job (silent for 1.5 report periods) from one that reports rarely.
 */
export function unitSettings(config: RunConfig, sampling: boolean, cores = availableParallelism()): UnitSettings {
  if (!sampling) return { intervalMs: 0, probeResolutionMs: LOOP_PROBE_RESOLUTION_MS };
  const intervalMs = reportEveryMs(config.poolSize, cores, config.intervalMs);
  return { intervalMs, probeResolutionMs: probeResolutionMs(config.poolSize, cores, intervalMs) };
}

/** resourceLimits for a worker thread, or undefined for Node's defaults. */
export function threadLimits(config: RunConfig): ResourceLimits | undefined {
  return config.memoryLimitMb > 0 ? { maxOldGenerationSizeMb: config.memoryLimitMb } : undefined;
}

/** Node flags for a child or cluster process. */
export function processExecArgv(config: RunConfig): string[] {
  return config.memoryLimitMb > 0 ? [`--max-old-space-size=${config.memoryLimitMb}`] : [];
}
