/**
 * Hardens the window's session, per the Electron security checklist:
 *   - every request outside the app's own origin (`app://lab`, served from the renderer build only) is
 *     cancelled: no remote content, no file:// at all; DevTools keeps working;
 *   - the one Content-Security-Policy (shared/content-security-policy.ts) is set on the app's responses as a
 *     header, here as well as by the app scheme's handler (the renderer's index.html carries none);
 *   - every permission request and check is denied: the lab needs no camera, notifications, clipboard, ...
 *
 * Only types come from Electron here, so it is unit-tested in Node with a fake session.
 */
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { isAppResourceUrl } from './url-policy';

/**
 * Schemes the session may load besides the app's own files: DevTools' own pages. `data:` and `blob:` never
 * reach webRequest, and the CSP decides about them.
 */
const ALLOWED_SCHEMES = ['devtools:'];

/** True when the session may load `url`: the app's own origin, or DevTools. */
export function isAllowedRequest(url: string): boolean {
  if (isAppResourceUrl(url)) return true;
  try {
    return ALLOWED_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Denies a permission and says so, once per permission, so a missing feature is easy to trace. */
function denyLogger(log: (message: string) => void): (permission: string) => void {
  const reported = new Set<string>();
  return (permission) => {
    if (reported.has(permission)) return;
    reported.add(permission);
    log(`denied permission "${permission}": the lab grants none`);
  };
}

/** Applies the request filter, the CSP header and the permission handlers to `session`. */
export function hardenSession(session: Session, log: (message: string) => void = (m) => console.warn(`[lab] ${m}`)): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`blocked a request to ${details.url}: the lab loads only its own files`);
    callback({ cancel: !allowed });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    // Only the app's files get the lab's policy; DevTools brings its own.
    if (!isAppResourceUrl(details.url)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  const denied = denyLogger(log);
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    denied(permission);
    callback(false);
  });
  // Checks are the synchronous "would you allow this?" queries (e.g. navigator.permissions); deny those too.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
