/**
 * The entries of the timeline's key, and which of them a drawing used: the stage's key names only what its
 * picture shows (a 12 s scene rarely has a timeout or a stopped thread), so at a projector's text size it takes
 * one or two lines, not three, and a viewer never looks for a mark that is not there.
 */
import type { ExitCause } from '../../../shared/messages';

export type KeyEntry = 'busy' | 'idle' | 'blocked' | 'starting' | 'gc' | 'crash' | 'timeout' | 'stopped' | 'switch' | 'switching';

/** The entry an exit's mark is keyed under: crashes, injected faults and kills share "crash/kill" (one ✕). */
export function exitKeyEntry(cause: ExitCause): KeyEntry {
  if (cause === 'timeout') return 'timeout';
  if (cause === 'stop' || cause === 'done') return 'stopped';
  return 'crash';
}

/**
 * Shows the key's entries a drawing used and hides the rest (their `hidden` attribute); every entry when `drawn`
 * is null (the main view keeps its whole key: a learner sees what each colour would mean). The entries are the
 * key's `li[data-key]` items; a group whose entries are all hidden is hidden by CSS.
 */
export function showDrawnEntries(key: HTMLElement, drawn: ReadonlySet<KeyEntry> | null): void {
  for (const item of key.querySelectorAll<HTMLElement>('li[data-key]')) {
    const hide = drawn !== null && !drawn.has(item.dataset.key as KeyEntry);
    if (item.hidden !== hide) item.hidden = hide;
  }
}
