/**
 * Which panel is open beside the picture: the settings (every setting the toolbar has no room for, and the faults),
 * the experiments, the advisor, or attach (your own app). One at a time, so the picture keeps the rest of the window; none by default.
 */
import { createContext, useContext } from 'react';

export type SidePanelId = 'settings' | 'experiments' | 'advisor' | 'attach';

export interface SidePanelState {
  open: SidePanelId | null;
  /** Opens `id`, or closes it when it is the one open. */
  toggle(id: SidePanelId): void;
  show(id: SidePanelId): void;
  close(): void;
}

const CLOSED: SidePanelState = { open: null, toggle: () => undefined, show: () => undefined, close: () => undefined };

export const SidePanelContext = createContext<SidePanelState>(CLOSED);

export function useSidePanel(): SidePanelState {
  return useContext(SidePanelContext);
}
