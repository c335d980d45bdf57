/**
 * How the timeline names a strategy switch in its strip above the lanes. A switch to another strategy is named by
 * where the work goes (`→ worker pool`); a switch that keeps the strategy but needed new units (a payload mode, the
 * cluster's scheduling, a child mode) is named by the setting that changed (`↻ payload transfer`): three
 * `→ worker pool` marks in a run that never left the pool would tell the room nothing.
 */
import type { StrategySwitchedEvent } from '../../../shared/messages';
import { fieldLabel } from '../settings/settings-table';
import { STRATEGY_LABELS } from '../theme/palette';

export function switchLabel(event: Pick<StrategySwitchedEvent, 'from' | 'to' | 'changed' | 'config'>): string {
  const setting = event.from === event.to ? event.changed?.find((name) => name !== 'strategy') : undefined;
  if (setting === undefined) return `→ ${STRATEGY_LABELS[event.to]}`;
  const value = (event.config as unknown as Record<string, unknown>)[setting];
  return `↻ ${fieldLabel(setting)} ${String(value)}`;
}
