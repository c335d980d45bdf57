/**
 * Which URLs belong to the app. Plain logic on strings (no Electron), so it is unit-tested in Node.
 *
 * The window loads its page from the app's own scheme, `app://lab/index.html`, registered as standard and secure
 * (app-protocol.ts), not from `file://`: a `file://` page has the whole disk as its origin, while `app://lab`
 * is an origin of its own whose handler serves only the renderer build. The request filter allows only that
 * origin ({@link isAppResourceUrl}), the IPC sender check only that page ({@link isAppPageUrl}), and the
 * handler maps a URL to a file inside the build folder or to nothing ({@link appFilePath}).
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** The app's scheme and host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lab';
/** The only page the window loads, and the only one whose commands main accepts. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function appUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '' ? parsed : null;
  } catch {
    return null;
  }
}

/** True when `url` is a URL of the app's origin (any path: the handler decides which files exist). */
export function isAppResourceUrl(url: string): boolean {
  return appUrl(url) !== null;
}

/** True when `url` is the app's page; query and fragment are ignored (the renderer may route with them). */
export function isAppPageUrl(url: string): boolean {
  return appUrl(url)?.pathname === '/index.html';
}

/**
 * The file in `rendererDir` that an app URL names, or null: another scheme or host, an encoded separator or NUL,
 * or a path that would leave the folder after decoding. (URL parsing already removed `..` segments; decoding
 * could make new ones, so the result is checked again as a path.)
 */
export function appFilePath(url: string, rendererDir: string): string | null {
  const parsed = appUrl(url);
  if (!parsed) return null;
  if (/%2f|%5c|%00/i.test(parsed.pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const base = normalize(rendererDir);
  const path = normalize(join(base, decoded === '/' ? '/index.html' : decoded));
  const rel = relative(base, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? path : null;
}
