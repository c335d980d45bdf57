/** The user's kill (the `crash` command): which unit it kills, and the error when none can be. */
import type { CommandResult } from '../../shared/lab-api';
import type { StrategyName } from '../../shared/constants';
import type { Strategy } from './strategies';

/**
 * Kills the unit `unitId` names, or without one the first live unit of the current strategy (the units the user
 * is looking at), then of any draining one. Null when it did; else the error naming the live units.
 */
export function crashUnit(strategies: Strategy[], current: Strategy | null, unitId: string | undefined, strategyName: StrategyName): CommandResult | null {
  const ordered = [...strategies].sort((a, b) => Number(b === current) - Number(a === current));
  for (const strategy of ordered) if (strategy.crash(unitId)) return null;
  const live = ordered.flatMap((s) => s.liveUnitIds());
  const message = unitId
    ? `no live unit with this id; live units: ${live.join(', ') || 'none'}`
    : `no live unit to crash${strategyName === 'main-thread' ? ' (main-thread runs jobs on the host itself)' : ''}`;
  return { ok: false, errors: [{ field: 'unitId', message }] };
}
