/**
 * The advisor's recommendation: a pure function of one run's cell measurements and the machine, so it is computed
 * afresh every time, from the numbers it shows, and tested with made-up ones. It says "inconclusive", and why,
 * whenever the run could not show the effect (too noisy, one core, a cell that failed) rather than guess.
 */
import type { MachineFacts } from '../machine-facts';
import type { RunConfig } from '../run-config';
import type { Advice, AdvisorCell, CellMeasurement } from './types';
import { OPEN_LOAD_SHARE } from './types';
import { cellName, mib, ms, percent, rate, times } from './words';

/** The thresholds, with why they are what they are (see {@link ADVISOR_THRESHOLDS_WHY}). */
export const ADVISOR_THRESHOLDS = {
  /** Largest repeat-to-repeat spread (|a - b| / mean of a cell's two half-window throughputs) still worth judging. */
  maxSpread: 0.25,
  /** Least throughput gain over main-thread that counts, and at least twice the spread measured. */
  minGain: 1.2,
  /** Below this host loop utilisation at saturation on main-thread, the job is not keeping the loop busy: it waits. */
  ioElu: 0.5,
  /** A host event-loop delay p99 under this (ms) keeps a server responsive: the main thread is then good enough. */
  eldTargetMs: 10,
  /** Least CPU (in cores) main-thread's host must get while its loop is busy (ELU over 80%) for a fair comparison. */
  minBusyCpu: 0.6,
  /**
   * Cells within this share of the best throughput are ties, decided by the memory they add (threads share one
   * process; a single run's latency p99 at 70% load is the noisier figure), then by latency p99.
   */
  tie: 0.1,
} as const;

/** Why the thresholds are what they are, in words, for the docs and the output. */
export const ADVISOR_THRESHOLDS_WHY =
  `a gain counts from ${ADVISOR_THRESHOLDS.minGain}x and twice the run's own spread; a spread over ${percent(ADVISOR_THRESHOLDS.maxSpread)} between the halves of a measurement is too noisy to judge; ` +
  `a host loop busy under ${percent(ADVISOR_THRESHOLDS.ioElu)} at saturation means the job waits rather than computes; a host ELD p99 under ${ADVISOR_THRESHOLDS.eldTargetMs} ms is responsive enough; a busy main-thread that gets under ${ADVISOR_THRESHOLDS.minBusyCpu} of a core means other programs take the CPU`;

/** How far a cell's two half-window throughputs are apart, as a share of their mean (Infinity when both are 0). */
export function spread(cell: CellMeasurement): number {
  const [a, b] = cell.halves;
  const mean = (a + b) / 2;
  return mean > 0 ? Math.abs(a - b) / mean : Infinity;
}

/** The best offloaded cell: the highest throughput, near-ties going to the least memory added, then the lowest latency p99. */
export function bestOffload(cells: readonly CellMeasurement[]): CellMeasurement | null {
  const candidates = cells.filter((cell) => cell.strategy !== 'main-thread' && cell.problem === null);
  if (candidates.length === 0) return null;
  const top = Math.max(...candidates.map((cell) => cell.throughput));
  const near = candidates.filter((cell) => cell.throughput >= top * (1 - ADVISOR_THRESHOLDS.tie));
  const memory = (cell: CellMeasurement) => (cell.memoryPerUnit ?? 0) * cell.poolSize;
  return near.sort((a, b) => memory(a) - memory(b) || a.latencyP99 - b.latencyP99)[0];
}

/** What a job costs on the main thread (ms): one runs at a time there, so the inverse of its saturation throughput. */
const jobMs = (main: CellMeasurement) => 1000 / main.throughput;

/** The per-unit costs of the best cell of each kind (threads, processes): memory and startup, in a sentence. */
function unitCosts(cells: readonly CellMeasurement[], size: number): string | null {
  const parts: string[] = [];
  for (const [noun, strategies] of [['thread', ['worker-pool']], ['process', ['child-process', 'cluster']]] as const) {
    const cell = cells.find((c) => (strategies as readonly string[]).includes(c.strategy) && c.poolSize === size && c.problem === null);
    if (!cell) continue;
    const memory = cell.memoryPerUnit === null ? 'memory not measured' : `${mib(cell.memoryPerUnit)} each`;
    const startup = cell.startupMs === null ? '' : `, ${ms(cell.startupMs)} to start`;
    parts.push(`${noun === 'thread' ? 'worker threads' : `${cell.strategy} processes`} add ${memory}${startup}`);
  }
  return parts.length > 0 ? `${parts.join('; ')}.` : null;
}

/** The extra time a job spends getting to a unit and back (ms): its latency in the open loop beyond its own run time. */
function hopMs(cell: CellMeasurement, main: CellMeasurement): number {
  return Math.max(0, cell.latencyP50 - jobMs(main));
}

function inconclusive(reasons: string[]): Pick<Advice, 'kind' | 'recommended' | 'headline' | 'reasons'> {
  return { kind: 'inconclusive', recommended: null, headline: 'Inconclusive: this run cannot tell which strategy is better.', reasons };
}

/** The advice for `cells`, measured on `machine` with `config`. */
export function recommend(cells: readonly CellMeasurement[], machine: MachineFacts, config: RunConfig, run: Pick<Advice, 'tookS' | 'budgetS' | 'baselineRepeat'>): Advice {
  return { ...decide(cells, machine, run.baselineRepeat), cells: [...cells], config, machine, ...run };
}

/** How far main-thread's repeat at the end is from its first measurement, as a share of their mean (0 without one). */
export function drift(main: CellMeasurement, repeat: number | null): number {
  if (repeat === null) return 0;
  const mean = (main.throughput + repeat) / 2;
  return mean > 0 ? Math.abs(main.throughput - repeat) / mean : Infinity;
}

function decide(cells: readonly CellMeasurement[], machine: MachineFacts, repeat: number | null): Pick<Advice, 'kind' | 'recommended' | 'headline' | 'reasons'> {
  const main = cells.find((cell) => cell.strategy === 'main-thread');
  if (!main || main.problem !== null) return inconclusive([`main-thread, the baseline, could not be measured: ${main?.problem ?? 'it did not run'}.`]);
  const best = bestOffload(cells);
  if (!best) return inconclusive(['no offloaded strategy could be measured: ' + cells.filter((c) => c.problem).map((c) => `${cellName(c)}: ${c.problem}`).join('; ')]);

  const moved = drift(main, repeat);
  if (moved > ADVISOR_THRESHOLDS.maxSpread) {
    return inconclusive([
      `main-thread ran ${rate(main.throughput)} first and ${rate(repeat as number)} when measured again at the end: the machine changed by ${percent(Math.min(moved, 9.99))} during the run (over the ${percent(ADVISOR_THRESHOLDS.maxSpread)} this judges), so its strategies were not measured alike. Run it again on a quieter machine.`,
    ]);
  }
  const noise = Math.max(spread(main), spread(best), moved);
  if (noise > ADVISOR_THRESHOLDS.maxSpread) {
    const worst = spread(main) >= spread(best) ? main : best;
    return inconclusive([
      `the repeat-to-repeat spread was ${percent(Math.min(noise, 9.99))} (${cellName(worst)}: ${rate(worst.halves[0])} then ${rate(worst.halves[1])}), over the ${percent(ADVISOR_THRESHOLDS.maxSpread)} this judges: the machine was too busy, or the budget too small, to tell. Run it again on a quieter machine or with a larger budget.`,
    ]);
  }
  if (main.hostElu >= 0.8 && main.hostCpu < ADVISOR_THRESHOLDS.minBusyCpu) {
    return inconclusive([
      `main-thread's loop was busy ${percent(main.hostElu)} of the time but the process got only ${main.hostCpu.toFixed(2)} of a core (under ${ADVISOR_THRESHOLDS.minBusyCpu}): other programs were taking the CPU, so what threads or processes gain cannot show fairly. Run it again on a quieter machine.`,
    ]);
  }
  const gain = best.throughput / main.throughput;
  const significant = gain >= Math.max(ADVISOR_THRESHOLDS.minGain, 1 + 2 * noise);
  const throughputLine = `${cellName(best)}: ${times(gain)} main-thread throughput (${rate(best.throughput)} against ${rate(main.throughput)} at saturation).`;
  const eldLine = `host ELD p99 ${ms(best.hostEldP99)} against ${ms(main.hostEldP99)} on main-thread at ${percent(OPEN_LOAD_SHARE)} load.`;

  if (main.hostElu < ADVISOR_THRESHOLDS.ioElu && !significant) {
    return {
      kind: 'io-bound',
      recommended: null,
      headline: 'This is I/O-bound: offloading will not help. Keep the jobs on the main thread and let them overlap.',
      reasons: [
        `the host's loop was busy ${percent(main.hostElu)} of the time while main-thread ran ${rate(main.throughput)} at saturation: the jobs wait (for I/O, or for libuv's thread pool), they do not run on the loop.`,
        `the best offload, ${throughputLine}`,
        `${eldLine} Threads and processes would only add their cost: ${unitCosts(cells, best.poolSize) ?? 'not measured'}`,
      ],
    };
  }
  if (machine.cores < 2) {
    return inconclusive([`this machine has ${machine.cores} core: threads and processes cannot run jobs in parallel, so what offloading gains cannot show here (measured: ${times(gain)}).`]);
  }
  const costs = unitCosts(cells, best.poolSize);
  const hop = `a job takes ~${ms(jobMs(main))} on the main thread; ${cellName(best)} adds ~${ms(hopMs(best, main))} per job to get it there and back.`;
  if (significant) {
    const perTask = cells.find((c) => c.strategy === 'worker-per-task' && c.poolSize === best.poolSize && c.problem === null);
    const reasons = [throughputLine, eldLine, hop];
    if (costs) reasons.push(costs);
    if (perTask && perTask !== best && perTask.startupMs !== null) {
      reasons.push(`worker-per-task pays a ${ms(perTask.startupMs)} thread start per job: ${times(perTask.throughput / best.throughput)} of this throughput.`);
    }
    return { kind: 'offload', recommended: pick(best), headline: `Use ${cellName(best)}.`, reasons };
  }
  if (main.hostEldP99 <= ADVISOR_THRESHOLDS.eldTargetMs) {
    return {
      kind: 'main-thread',
      recommended: { strategy: 'main-thread', poolSize: 1 },
      headline: 'Keep it on the main thread: the work is too small to pay for a hop.',
      reasons: [`the best offload, ${throughputLine}`, hop, `host ELD p99 on main-thread is only ${ms(main.hostEldP99)} at ${percent(OPEN_LOAD_SHARE)} load (under ${ms(ADVISOR_THRESHOLDS.eldTargetMs)}).`],
    };
  }
  if (best.hostEldP99 * 2 < main.hostEldP99) {
    return {
      kind: 'offload',
      recommended: pick(best),
      headline: `Use ${cellName(best)}: no more throughput here, but the host's loop stays free.`,
      reasons: [throughputLine, eldLine, ...(costs ? [costs] : [])],
    };
  }
  return inconclusive([`no strategy beat main-thread clearly (best ${times(gain)}, noise ${percent(noise)}), and main-thread's host ELD p99 (${ms(main.hostEldP99)}) is over ${ms(ADVISOR_THRESHOLDS.eldTargetMs)} without an offload doing much better (${ms(best.hostEldP99)}).`]);
}

const pick = (cell: CellMeasurement): AdvisorCell => ({ strategy: cell.strategy, poolSize: cell.poolSize });

