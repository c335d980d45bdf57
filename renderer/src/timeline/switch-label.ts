/**
 * How the timeline names a switch that kept the strategy but needed new units (a payload mode, the cluster's
 * scheduling, a child mode): by the setting that changed (`↻ payload transfer`). A switch to another strategy is
 * named by where the work goes (`→ worker pool`, timeline-paint.ts); three `→ worker pool` marks in a run that never
 * left the pool would tell the room nothing.
 * It also says when a switch was asked for: the charts and the timeline both shade from there to the event.
 */
import type { StrategySwitchedEvent } from '../../../shared/messages';
import { fieldLabel } from '../settings/settings-table';

/** `↻ payload transfer`, or null for a switch of strategy (or an older recording that does not say what changed). */
export function settingChangeLabel(event: Pick<StrategySwitchedEvent, 'from' | 'to' | 'changed' | 'config'>): string | null {
  const setting = event.from === event.to ? event.changed?.find((name) => name !== 'strategy') : undefined;
  if (setting === undefined) return null;
  const value = (event.config as unknown as Record<string, unknown>)[setting];
  return `↻ ${fieldLabel(setting)} ${String(value)}`;
}

/**
 * When the switch was asked for, ms since the run started (its event came `tookMs` later); null for a recording
 * that does not say. The charts and the timeline shade the stretch from here to the event.
 */
export function switchRequestedMs(event: Pick<StrategySwitchedEvent, 't' | 'tookMs'>): number | null {
  return event.tookMs === undefined ? null : Math.max(0, event.t - event.tookMs);
}
