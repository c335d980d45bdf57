/**
 * Which URLs belong to the app. Plain logic on strings (no Electron), so it is unit-tested in Node.
 *
 * The window loads one page from disk (`file://.../out/renderer/index.html`) and everything it needs from the
 * same folder. A `file://` page may otherwise read any file on the machine, so the request filter uses
 * {@link isAppResourceUrl} to keep it inside that folder, and the IPC sender check uses {@link isAppPageUrl}.
 */
import { isAbsolute, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The local path of a `file:` URL, or null for anything else (other schemes, hosts, malformed URLs). */
function filePath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // A host in a file URL (file://server/share) is a network share, never our build output.
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return null;
  try {
    // fileURLToPath decodes %-escapes and rejects encoded separators, so "..%2F" cannot hide a traversal.
    return normalize(fileURLToPath(parsed));
  } catch {
    return null;
  }
}

/** Windows paths are case-insensitive; comparing them as typed would refuse our own page over a drive letter. */
function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * True when `url` is the app's page `pageUrl`. Query and fragment are ignored (the renderer may route with
 * `#...`); scheme, host and path must match exactly.
 */
export function isAppPageUrl(url: string, pageUrl: string, platform: NodeJS.Platform = process.platform): boolean {
  const actual = filePath(url);
  const expected = filePath(pageUrl);
  return actual !== null && expected !== null && samePath(actual, expected, platform);
}

/** True when `url` is a `file:` URL of a file inside `dir` (the renderer build), after decoding and normalising. */
export function isAppResourceUrl(url: string, dir: string, platform: NodeJS.Platform = process.platform): boolean {
  const path = filePath(url);
  if (path === null) return false;
  const base = normalize(dir);
  const rel = platform === 'win32' ? relative(base.toLowerCase(), path.toLowerCase()) : relative(base, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
