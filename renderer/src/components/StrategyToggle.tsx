/** The five strategies as big colored toggles, also on keys 1..5 (see useStrategyKeys). */
import type { CSSProperties } from 'react';
import { STRATEGIES, type StrategyName } from '../../../shared/constants';
import { STRATEGY_COLORS, STRATEGY_LABELS } from '../theme/palette';

export interface StrategyToggleProps {
  value: StrategyName;
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
          // The color is data (one per strategy), so it travels as a CSS variable rather than a class per strategy.
          style={{ '--strategy-color': STRATEGY_COLORS[strategy] } as CSSProperties}
          onClick={() => strategy !== value && onChange(strategy)}
        >
          <kbd>{index + 1}</kbd>
          {STRATEGY_LABELS[strategy]}
        </button>
      ))}
    </div>
  );
}
