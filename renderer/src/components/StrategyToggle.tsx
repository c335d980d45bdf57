/** The six strategies as colored toggles, short-named to fit the toolbar's one row, also on keys 1..6 (see useStrategyKeys). */
import type { CSSProperties } from 'react';
import { STRATEGIES, type StrategyName } from '../../../shared/constants';
import { STRATEGY_COLORS, STRATEGY_LABELS, STRATEGY_SHORT_LABELS } from '../theme/palette';

export interface StrategyToggleProps {
  /** The strategy pressed; null for none (an attached run: the app decides how its work runs). */
  value: StrategyName | null;
  onChange(strategy: StrategyName): void;
}

export function StrategyToggle({ value, onChange }: StrategyToggleProps) {
  return (
    <div className="strategy-toggle" role="group" aria-label="strategy" data-testid="strategy-toggle">
      {STRATEGIES.map((strategy, index) => (
        <button
          key={strategy}
          type="button"
          className="strategy-button"
          aria-pressed={strategy === value}
          aria-keyshortcuts={String(index + 1)}
          data-testid={`strategy-${strategy}`}
          data-strategy={strategy}
          aria-label={`${index + 1} ${STRATEGY_LABELS[strategy]}`}
          title={`${STRATEGY_LABELS[strategy]} (key ${index + 1})`}
          // The color is data (one per strategy), so it travels as a CSS variable rather than a class per strategy.
          style={{ '--strategy-color': STRATEGY_COLORS[strategy] } as CSSProperties}
          onClick={() => strategy !== value && onChange(strategy)}
        >
          <kbd>{index + 1}</kbd>
          {STRATEGY_SHORT_LABELS[strategy]}
        </button>
      ))}
    </div>
  );
}
