/**
 * The app's own scheme, `app://lab/`, as the Electron security checklist asks instead of `file://`: registered
 * as standard and secure (so the page is a secure context with an origin of its own, and module scripts load
 * without granting `file://` extra privileges) and served by a handler that answers only files of the renderer
 * build, each with the one Content-Security-Policy. Only types come from Electron here, so the handler is
 * unit-tested in Node with real Request and Response objects.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { presentFile } from '../page-files/present-files';
import { CONTENT_TYPES } from '../page-files/static-files';
import { APP_SCHEME, appFilePath, isAppResourceUrl } from './url-policy';

/** Must run before the app is ready: the scheme's privileges are fixed when Chromium starts. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function answer(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/**
 * The handler: a file of the renderer build with its type and the CSP, else 404 (or 405 for a non-GET). With
 * `--present PATH`, the validated talk and its recordings are answered too, at their fixed addresses only.
 */
export function appRequestHandler(
  rendererDir: string,
  read: (path: string) => Promise<Buffer> = readFile,
  present: ReadonlyMap<string, string> = new Map(),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'only GET and HEAD');
    const talkFile = isAppResourceUrl(request.url) ? presentFile(present, request.url) : null;
    if (talkFile) {
      return new Response(request.method === 'HEAD' ? null : talkFile.body, {
        status: 200,
        headers: { 'content-type': talkFile.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    }
    const path = appFilePath(request.url, rendererDir);
    if (path === null) return answer(404, 'not a file of the app');
    let body: Buffer;
    try {
      body = await read(path);
    } catch {
      return answer(404, 'not a file of the app');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  };
}

/** Serves the renderer build (and a `--present` talk's files) on the app's scheme (after 'ready'). */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string, present?: ReadonlyMap<string, string>): void {
  protocol.handle(APP_SCHEME, appRequestHandler(rendererDir, readFile, present));
}
