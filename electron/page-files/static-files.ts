/**
 * Serves the built renderer (out/renderer) read-only. A request path can never leave the root: it is
 * decoded once, resolved against the root and checked to stay inside it, then checked again after
 * symlinks are resolved. Only GET and HEAD; every answer carries the CSP and no-sniff headers.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

/** The page's one Content-Security-Policy (shared/content-security-policy.ts), as the desktop app sets it too. */
export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The type of each file the renderer build holds; the desktop app's app:// handler uses the same table. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type Resolved = { ok: true; path: string } | { ok: false; status: 400 | 403; reason: string };

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Maps a request URL to a file under `root`, or says why not. Pure: no file system access. */
export function resolveRequestPath(root: string, requestUrl: string): Resolved {
  let pathname: string;
  try {
    // Parsing removes `.`/`..` segments (also %2e-encoded ones) before we ever decode.
    pathname = new URL(requestUrl, 'http://localhost').pathname;
  } catch {
    return { ok: false, status: 400, reason: 'bad URL' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  // An encoded slash or backslash (`..%2f`) would only be decoded into a path separator here, after the
  // URL parser had its chance to remove dot segments: refuse rather than interpret.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return { ok: false, status: 403, reason: 'path leaves the served folder' };
  }
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const absolute = resolve(root, `.${relative}`);
  if (!inside(root, absolute)) return { ok: false, status: 403, reason: 'path leaves the served folder' };
  return { ok: true, path: absolute };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

/** Answers one HTTP request from the files under `root` (an absolute, existing folder). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'method not allowed');
    return;
  }
  const resolved = resolveRequestPath(root, req.url ?? '/');
  if (!resolved.ok) {
    sendText(res, resolved.status, resolved.reason);
    return;
  }
  let file: string;
  try {
    file = await realpath(resolved.path);
    // A symlink inside the folder must not lead outside it either.
    if (!inside(await realpath(root), file)) {
      sendText(res, 403, 'path leaves the served folder');
      return;
    }
    const info = await stat(file);
    if (!info.isFile()) {
      sendText(res, 404, 'not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': info.size,
      // Hashed asset names never change content; index.html must always be fresh.
      'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch {
    sendText(res, 404, 'not found');
  }
}
