/**
 * Hardens the window's session, per the Electron security checklist:
 *   - every request outside the renderer build folder is cancelled (no remote content, and the `file://` page
 *     cannot read other files on the machine); DevTools keeps working;
 *   - a strict Content-Security-Policy is added to the app's responses as a header (main owns the CSP; the
 *     renderer's index.html carries none, so there is one policy in one place);
 *   - every permission request and check is denied: the lab needs no camera, notifications, clipboard, ...
 *
 * Only types come from Electron here, so it is unit-tested in Node with a fake session.
 */
import type { Session } from 'electron';
import { isAppResourceUrl } from './url-policy';

/**
 * Schemes the session may load besides the app's own files: DevTools' own pages. `data:` and `blob:` never
 * reach webRequest, and the CSP decides about them.
 */
const ALLOWED_SCHEMES = ['devtools:'];

/** True when the session may load `url`: a file of the renderer build, or DevTools. */
export function isAllowedRequest(url: string, rendererDir: string, platform: NodeJS.Platform = process.platform): boolean {
  if (isAppResourceUrl(url, rendererDir, platform)) return true;
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
export function hardenSession(session: Session, rendererDir: string, log: (message: string) => void = (m) => console.warn(`[lab] ${m}`)): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, rendererDir);
    if (!allowed) log(`blocked a request to ${details.url}: the lab loads only its own files`);
    callback({ cancel: !allowed });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    // Only the app's files get the lab's policy; DevTools brings its own.
    if (!isAppResourceUrl(details.url, rendererDir)) {
      callback({});
      return;
    }
    // Scripts, styles, fonts and images only from the build folder ('self' of a file:// page); no inline
    // script, no eval, no plugins, no <base>, no forms, no framing. `img-src data:` is for inlined small assets.
    // The policy is written out here as one literal so Electronegativity's CSP check can read and grade it.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
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
