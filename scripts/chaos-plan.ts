/**
 * The chaos monkey's choices, kept pure so they are tested without killing anything: when the next blow falls
 * (at random, about `perMinute` a minute: exponential waits, as independent events arrive) and what it is.
 * A process unit is killed with SIGKILL or frozen with SIGSTOP for a few seconds (then SIGCONT); a thread unit
 * gets the user's kill (the engine's `crash` command with its id), since no other process can signal one thread
 * of the host: a signal to the host's pid would hit the host itself.
 * The randomness comes from a seeded generator, so a soak that found something can be run again with the same
 * choices (the same seed gives the same waits and picks; what is alive to pick still depends on the run).
 */

/** A unit the monkey may hit: what the ticks list of it. */
export interface ChaosTarget {
  id: string;
  kind: 'thread' | 'process';
  pid: number;
}

/** One blow. */
export type ChaosAction =
  | { kind: 'sigkill'; unitId: string; pid: number }
  | { kind: 'freeze'; unitId: string; pid: number; forMs: number }
  | { kind: 'thread-kill'; unitId: string };

/** The kinds of blow, in the order reports list them. */
export const CHAOS_KINDS = ['sigkill', 'freeze', 'thread-kill'] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];

export interface ChaosOptions {
  /** Blows a minute, on average. */
  perMinute: number;
  /** How long a process stays frozen, ms: uniform in [min, max]. */
  freezeMs: { min: number; max: number };
  /** Share of process blows that freeze instead of kill, 0..1. */
  freezeShare: number;
  /** Pids never signalled whatever a target says: the host's (its threads carry it), the monkey's own. */
  protectedPids: readonly number[];
}

/** About 10 a minute, half of the process blows freezes of 3 to 8 s (some longer than the soak's 5 s job timeout). */
export const DEFAULT_CHAOS: Omit<ChaosOptions, 'protectedPids'> = { perMinute: 10, freezeMs: { min: 3_000, max: 8_000 }, freezeShare: 0.5 };

/** Waits are clamped to this share and multiple of the mean: no burst of blows in one turn, no minute of calm. */
const MIN_WAIT_OF_MEAN = 0.1;
const MAX_WAIT_OF_MEAN = 4;

/** A uniform random number in [0, 1). */
export type Random = () => number;

/**
 * A small seeded generator (mulberry32): the same seed gives the same sequence, unlike Math.random. Plenty for
 * choosing blows; not for anything secret.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The wait before the next blow, ms: exponential with mean 60 s / perMinute, clamped to 0.1 and 4 means. */
export function nextWaitMs(random: Random, perMinute: number): number {
  if (!(perMinute > 0)) throw new Error(`perMinute: a number of blows a minute above 0, not ${perMinute}`);
  const mean = 60_000 / perMinute;
  // 1 - random() is in (0, 1]: the logarithm stays finite.
  const wait = -Math.log(1 - random()) * mean;
  return Math.round(Math.min(MAX_WAIT_OF_MEAN * mean, Math.max(MIN_WAIT_OF_MEAN * mean, wait)));
}

/**
 * The next blow among `targets`, or null when none can be hit (no unit alive: `main-thread`, or between runs).
 * Every target is equally likely; a process is killed or frozen (`freezeShare`), a thread gets the user's kill.
 * A process already frozen is not frozen again (a kill still may hit it); a protected or impossible pid
 * (0 or below, 1) is never signalled.
 */
export function pickAction(targets: readonly ChaosTarget[], random: Random, options: ChaosOptions, frozen: ReadonlySet<number> = new Set()): ChaosAction | null {
  const eligible = targets.filter((t) => t.kind === 'thread' || (t.pid > 1 && !options.protectedPids.includes(t.pid)));
  if (eligible.length === 0) return null;
  const target = eligible[Math.min(eligible.length - 1, Math.floor(random() * eligible.length))];
  if (target.kind === 'thread') return { kind: 'thread-kill', unitId: target.id };
  const freeze = random() < options.freezeShare && !frozen.has(target.pid);
  if (!freeze) return { kind: 'sigkill', unitId: target.id, pid: target.pid };
  const { min, max } = options.freezeMs;
  return { kind: 'freeze', unitId: target.id, pid: target.pid, forMs: Math.round(min + random() * (max - min)) };
}
