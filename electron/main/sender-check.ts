/**
 * Who may send commands to the engine: only the top frame of the app's own page. A command from anything else
 * (an iframe, a page the window was somehow navigated to, a frame that is already gone) is refused, per the
 * Electron security checklist ("validate the sender of all IPC messages").
 *
 * Only types come from Electron here, so this module loads in plain Node and is unit-tested there.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { isAppPageUrl } from './url-policy';

/** What the check needs to know about the frame that sent a message. */
export interface SenderFrameInfo {
  url: string;
  /** True for the window's top frame, false for an iframe. */
  isMainFrame: boolean;
}

/** Reads the sending frame of an IPC event; null when the frame is gone (navigated away or destroyed). */
export function senderFrameInfo(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrameInfo | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return null;
    return { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    // Electron throws when a frame is read after its renderer process went away: treat it as no sender.
    return null;
  }
}

/** True when `frame` is the top frame of the app's page (`app://lab/index.html`). */
export function isTrustedSender(frame: SenderFrameInfo | null): boolean {
  return frame !== null && frame.isMainFrame && isAppPageUrl(frame.url);
}
