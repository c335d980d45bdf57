/** Keys 1..5 pick a strategy, unless the user is typing in a field (a "3" there is a value, not a switch). */
import { useEffect } from 'react';
import { STRATEGIES, type StrategyName } from '../../../shared/constants';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** `onStrategy` null: the keys pick nothing (an attached run has no strategy to switch to). */
export function useStrategyKeys(onStrategy: ((strategy: StrategyName) => void) | null): void {
  useEffect(() => {
    if (!onStrategy) return undefined;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return;
      const strategy = STRATEGIES[Number(event.key) - 1];
      if (/^[1-9]$/.test(event.key) && strategy) {
        event.preventDefault();
        onStrategy?.(strategy);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onStrategy]);
}
