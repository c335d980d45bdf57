/**
 * A plan: what to change, and when, during a run. The CLI's --plan and --inject are plans, and so is every
 * experiment's timeline (see experiments/timeline.ts), all plain data.
 */
import type { ConfigPatch } from './run-config';

/** A step that crashes one unit from outside (by id, or the first live one). */
export type CrashStep = { atS: number; crash: { unitId?: string } };

/** One timed step: change settings, or crash a unit from outside. */
export type PlanStep = { atS: number; configure: ConfigPatch } | CrashStep;
