/**
 * The window never leaves the app's page and never opens another window, per the Electron security checklist
 * ("disable or limit navigation", "disable or limit creation of new windows", "verify webview options").
 * Applied from `app.on('web-contents-created')`, so it covers every web contents, DevTools included.
 *
 * In-page navigation (`#...` routing) and reloads do not emit these events and keep working.
 * Only types come from Electron here, so it is unit-tested in Node with a fake web contents.
 */
import type { WebContents } from 'electron';

/** Prevents navigation, redirects, new windows and `<webview>` in `contents`. */
export function guardNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  log: (message: string) => void = (m) => console.warn(`[lab] ${m}`),
): void {
  contents.on('will-navigate', (event) => {
    log(`blocked navigation to ${event.url}: the lab window stays on its page`);
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The top frame is handled by will-navigate; this catches iframes, which the CSP forbids anyway.
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    log(`blocked a redirect to ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    log('blocked a <webview>: the lab does not embed other content');
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}
