/** What the soak and its chaos monkey (a separate process, scripts/chaos-monkey.ts) say over the monkey's IPC channel. */
import type { ChaosAction, ChaosTarget } from './chaos-plan';

/** Soak -> monkey. */
export type ToMonkey =
  /** The units alive in the latest tick: what may be hit now. */
  | { type: 'targets'; targets: ChaosTarget[] }
  /** Start hitting, with these settings. */
  | { type: 'begin'; seed: number; perMinute: number; freezeMs: { min: number; max: number }; freezeShare: number; protectedPids: number[] }
  /**
   * Strike now, besides the random times: the soak asks at a switch or a stop, so blows also fall while a
   * strategy drains (random times alone seldom hit a drain of a few hundred ms).
   */
  | { type: 'strike-now' }
  /** Stop: thaw every frozen process, report, leave. */
  | { type: 'end' };

/** Monkey -> soak. */
export type FromMonkey =
  /**
   * A blow was struck (or tried): `ok` false when the signal found no such process (it had ended). A thread's
   * kill is the soak's to do (the engine's `crash` command): the monkey only asks for it.
   */
  | { type: 'struck'; action: ChaosAction; ok: boolean; error?: string }
  /** A frozen process was sent SIGCONT (`ok` false: it had ended meanwhile). */
  | { type: 'thawed'; unitId: string; pid: number; ok: boolean }
  /** No target alive when a blow was due (a strategy without units, between runs). */
  | { type: 'idle' }
  /** Everything thawed; the monkey is leaving. */
  | { type: 'ended' };
