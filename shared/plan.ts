/**
 * A plan: what to change, and when, during a run. The CLI's --plan and --inject are plans; presets that
 * reproduce a guide's claim are a run config plus a plan plus an explanation, all plain data.
 */
import type { ConfigPatch } from './run-config';

/** One timed step: change settings, or crash a unit from outside. */
export type PlanStep =
  | { atS: number; configure: ConfigPatch }
  | { atS: number; crash: { unitId?: string } };

/** A scripted experiment: the settings to start with, the steps, and what the user should see. */
export interface Preset {
  id: string;
  title: string;
  /** The claim it makes visible, in one sentence. */
  claim: string;
  /** What to watch, in plain words. */
  explanation: string;
  config: ConfigPatch;
  plan: PlanStep[];
  /** How long the run lasts, in seconds. */
  durationS: number;
}
