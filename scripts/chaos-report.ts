/**
 * What the soak checks of the lab under chaos, kept pure so it is tested without a soak: each blow of the chaos
 * monkey against what the engine said of it (the unit's exit and its cause, its replacement, its rows while
 * frozen). All times are ms on the soak's clock (the engine's messages arrive in the soak's own process, as they
 * are sent).
 *
 * The facts judged:
 * - a unit SIGKILLed from outside reads `external` (the lab may have ended it itself in the same moment: then
 *   its own cause); never `crash` or `injected`, and it does exit;
 * - no `external` exit that no blow explains (the lab's own kills must never read so);
 * - a thread given the user's kill reads `killed` (or the lab's own cause in the same moment);
 * - a long-lived unit that ended without the lab asking is replaced within the longest backoff and a start
 *   allowance, unless its strategy was switched away or the run stopped by then (no replacement is due);
 * - a frozen process reads `blocked` while frozen (once it has been for a while, had reported before, and its
 *   run was still watched by ticks), and a job it held meets its
 *   timeout: the lab ends the unit before the freeze ends when the timeout passed well within it.
 */
import type { ExitCause } from '../shared/messages';
import { CHAOS_KINDS, type ChaosAction, type ChaosKind } from './chaos-plan';

/** One blow of the monkey as the soak saw it. */
export interface Blow {
  at: number;
  action: ChaosAction;
  /** The signal reached the process, or the engine's crash command killed the thread. */
  ok: boolean;
  /** Within a strategy switch (new strategy in charge, the old one draining) or a stop's drain. */
  during: 'switch' | 'stop' | null;
}

/** A unit's end, as its `unit-exited` event said. */
export interface ExitRecord {
  at: number;
  unitId: string;
  kind: 'thread' | 'process';
  cause: ExitCause;
  /** The run (0 for the soak's first) and the strategy instance within it. */
  run: number;
  generation: number;
}

/** A unit's start, as its `unit-started` event said. */
export interface StartRecord {
  at: number;
  unitId: string;
  replaces?: string;
}

/** One strategy instance of one run: when it was put in charge and when it was switched away (or the run stopped). */
export interface GenerationRecord {
  run: number;
  generation: number;
  /** Its units run one job each (worker-per-task, child-process spawn/exec): they are not replaced. */
  oneShot: boolean;
  installedAt: number;
  /** When the next strategy was asked for or the run's stop was; null while it is in charge. */
  supersededAt: number | null;
}

/** A freeze, and what the ticks and events said of the frozen unit meanwhile. */
export interface FreezeRecord {
  unitId: string;
  from: number;
  /** When SIGCONT was sent; null if never (the monkey thaws everything when it ends: then at its end). */
  to: number | null;
  /**
   * The unit had reported before it was frozen (its last row idle or busy, not starting): only then can its
   * silence read blocked (a unit that never reported has no report period to be late by).
   */
  reported: boolean;
  /** When the run it belonged to was asked to stop while it was frozen: no tick watches it after that. */
  watchedUntil: number | null;
  /** A tick showed the unit blocked while it was frozen. */
  seenBlockedAt: number | null;
  /** The first tick that showed it blocked inside a job the engine knows of (busy, utilisation 1). */
  inJobAt: number | null;
  /** It exited while frozen. */
  exit: { at: number; cause: ExitCause } | null;
}

/** Restart backoff at its longest, ms (DEFAULTS.restartBackoffMs.max). */
export const BACKOFF_MAX_MS = 5_000;
/** Beyond the backoff, what a replacement may take to start and say ready on a loaded machine, ms. */
export const START_ALLOWANCE_MS = 10_000;
/** A freeze must have lasted this long, with the unit alive, before its rows must read blocked, ms (3 silent report periods of 500 ms and a tick). */
export const FREEZE_VISIBLE_MS = 2_500;
/** What ending a unit whose job timed out may take beyond the timeout (the kill, its exit read), ms. */
export const TIMEOUT_SLACK_MS = 2_000;

/** Causes of an exit the lab did not choose: a replacement is due. */
const REPLACED: ReadonlySet<ExitCause> = new Set(['crash', 'injected', 'external', 'timeout', 'killed']);
/** Causes the lab's own ending gives a unit: what a blow's unit may read when the lab ended it in the same moment. */
const LABS_OWN: ReadonlySet<ExitCause> = new Set(['stop', 'timeout', 'killed', 'done']);

export interface ChaosVerdict {
  /** Blows struck (reached their unit) by kind, and blows that found their unit already gone. */
  struck: Record<ChaosKind, number>;
  missed: number;
  /** Blows struck during a switch or a stop's drain. */
  duringSwitch: number;
  duringStop: number;
  /** SIGKILLed units by the cause their exit read. */
  sigkillCauses: Partial<Record<ExitCause, number>>;
  /** Threads given the user's kill, by the cause their exit read. */
  threadKillCauses: Partial<Record<ExitCause, number>>;
  /** Blows whose unit never exited (a SIGKILL, a thread kill), by id. */
  neverExited: string[];
  /** SIGKILLed units that read crash or injected. */
  misread: string[];
  /** `external` exits no blow explains. */
  unexplained: string[];
  replacements: { due: number; replaced: number; excused: number; missing: string[]; slowestMs: number | null; medianMs: number | null };
  freezes: { total: number; seenBlocked: number; unseen: string[]; endedWhileFrozen: Partial<Record<ExitCause, number>>; inJob: number; pastTimeout: string[] };
  ok: boolean;
  /** Each failed check, in words. */
  failures: string[];
}

const countBy = <T extends string>(values: readonly T[]) => {
  const counts: Partial<Record<T, number>> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Replacements: every long-lived unit that ended without the lab asking stands replaced in time, or its strategy had gone. */
function judgeReplacements(exits: readonly ExitRecord[], starts: readonly StartRecord[], generations: readonly GenerationRecord[]): ChaosVerdict['replacements'] {
  const startOf = new Map<string, StartRecord>();
  for (const start of starts) if (start.replaces) startOf.set(start.replaces, start);
  const generationOf = (exit: ExitRecord) => generations.find((g) => g.run === exit.run && g.generation === exit.generation);
  const delays: number[] = [];
  const missing: string[] = [];
  let due = 0;
  let excused = 0;
  for (const exit of exits) {
    const generation = generationOf(exit);
    if (!REPLACED.has(exit.cause) || !generation || generation.oneShot) continue;
    due++;
    const deadline = exit.at + BACKOFF_MAX_MS + START_ALLOWANCE_MS;
    const start = startOf.get(exit.unitId);
    if (start && start.at <= deadline) delays.push(start.at - exit.at);
    else if (generation.supersededAt !== null && generation.supersededAt <= deadline) excused++;
    else missing.push(`${exit.unitId} (${exit.cause}) ${start ? `replaced only after ${((start.at - exit.at) / 1000).toFixed(1)} s` : 'never replaced'}`);
  }
  return { due, replaced: delays.length, excused, missing, slowestMs: delays.length > 0 ? Math.max(...delays) : null, medianMs: median(delays) };
}

/** Freezes: seen unresponsive while frozen, and a job held through one meets its timeout. */
function judgeFreezes(freezes: readonly FreezeRecord[], endedAt: number, jobTimeoutMs: number): ChaosVerdict['freezes'] {
  const unseen: string[] = [];
  const pastTimeout: string[] = [];
  let inJob = 0;
  for (const f of freezes) {
    const to = f.to ?? endedAt;
    const aliveUntil = Math.min(f.exit?.at ?? to, to, f.watchedUntil ?? to);
    if (f.reported && aliveUntil - f.from >= FREEZE_VISIBLE_MS && f.seenBlockedAt === null) unseen.push(`${f.unitId} frozen ${((to - f.from) / 1000).toFixed(1)} s`);
    if (f.inJobAt === null || jobTimeoutMs <= 0) continue;
    inJob++;
    // The job began at or before the tick that showed it, so its timeout passed by then + the timeout.
    if (to - f.inJobAt > jobTimeoutMs + TIMEOUT_SLACK_MS && (f.exit === null || f.exit.at > to)) pastTimeout.push(`${f.unitId} held a job frozen for ${((to - f.inJobAt) / 1000).toFixed(1)} s`);
  }
  const ended = freezes.filter((f) => f.exit !== null).map((f) => (f.exit as { cause: ExitCause }).cause);
  return { total: freezes.length, seenBlocked: freezes.filter((f) => f.seenBlockedAt !== null).length, unseen, endedWhileFrozen: countBy(ended), inJob, pastTimeout };
}

export interface ChaosFacts {
  blows: readonly Blow[];
  exits: readonly ExitRecord[];
  starts: readonly StartRecord[];
  generations: readonly GenerationRecord[];
  freezes: readonly FreezeRecord[];
  /** When the soak ended (the monkey thawed what it still held). */
  endedAt: number;
  /** The job timeout of the soak's runs, ms (0: none). */
  jobTimeoutMs: number;
}

export function judgeChaos(facts: ChaosFacts): ChaosVerdict {
  const { blows, exits } = facts;
  const struckBlows = blows.filter((b) => b.ok);
  const struck = Object.fromEntries(CHAOS_KINDS.map((kind) => [kind, struckBlows.filter((b) => b.action.kind === kind).length])) as Record<ChaosKind, number>;
  const exitOf = new Map(exits.map((e) => [e.unitId, e]));
  const neverExited: string[] = [];
  const misread: string[] = [];
  const sigkillCauses: ExitCause[] = [];
  const threadKillCauses: ExitCause[] = [];
  const killedIds = new Set<string>();
  for (const blow of struckBlows) {
    if (blow.action.kind === 'freeze') continue;
    const { unitId } = blow.action;
    // A unit struck twice is judged once, by its first blow.
    if (killedIds.has(unitId)) continue;
    killedIds.add(unitId);
    const exit = exitOf.get(unitId);
    if (!exit) {
      neverExited.push(unitId);
      continue;
    }
    if (blow.action.kind === 'sigkill') {
      sigkillCauses.push(exit.cause);
      if (exit.cause !== 'external' && !LABS_OWN.has(exit.cause)) misread.push(`${unitId} read ${exit.cause}`);
    } else {
      threadKillCauses.push(exit.cause);
      if (!LABS_OWN.has(exit.cause)) misread.push(`${unitId} (the user's kill) read ${exit.cause}`);
    }
  }
  const sigkilled = new Set(struckBlows.filter((b) => b.action.kind === 'sigkill').map((b) => b.action.unitId));
  const unexplained = exits.filter((e) => e.cause === 'external' && !sigkilled.has(e.unitId)).map((e) => e.unitId);
  const replacements = judgeReplacements(exits, facts.starts, facts.generations);
  const freezes = judgeFreezes(facts.freezes, facts.endedAt, facts.jobTimeoutMs);
  const failures = [
    ...neverExited.map((id) => `${id} was killed and never exited`),
    ...misread.map((what) => `killed from outside but ${what}`),
    ...unexplained.map((id) => `${id} read external though nothing outside killed it`),
    ...replacements.missing.map((what) => `not replaced in time: ${what}`),
    ...freezes.unseen.map((what) => `never read blocked while frozen: ${what}`),
    ...freezes.pastTimeout.map((what) => `a job outlived its timeout on a frozen unit: ${what}`),
  ];
  return {
    struck,
    missed: blows.length - struckBlows.length,
    duringSwitch: struckBlows.filter((b) => b.during === 'switch').length,
    duringStop: struckBlows.filter((b) => b.during === 'stop').length,
    sigkillCauses: countBy(sigkillCauses),
    threadKillCauses: countBy(threadKillCauses),
    neverExited,
    misread,
    unexplained,
    replacements,
    freezes,
    ok: failures.length === 0,
    failures,
  };
}
