// The app scheme's handler with real Request and Response objects and real files: what the window may load.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { appRequestHandler, registerAppScheme } from './app-protocol';

const root = mkdtempSync(join(tmpdir(), 'lab-app-'));
const renderer = join(root, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>lab</title>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'not for the page');
after(() => rmSync(root, { recursive: true, force: true }));

const handle = appRequestHandler(renderer);

describe('app:// scheme', () => {
  test('is registered as standard and secure, with fetch', () => {
    let registered: unknown;
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => (registered = schemes) });
    assert.deepEqual(registered, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  test('serves the page and its assets with their type and the one CSP', async () => {
    const page = await handle(new Request('app://lab/index.html'));
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(await page.text(), '<!doctype html><title>lab</title>');
    const script = await handle(new Request('app://lab/assets/app.js?v=2'));
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await script.text(), 'console.log(1)');
  });

  test('answers 404 for missing files and anything outside the build, 405 for writes', async () => {
    for (const url of ['app://lab/nope.js', 'app://lab/../secret.txt', 'app://lab/%2e%2e/secret.txt', 'app://lab/assets%2F..%2F..%2Fsecret.txt', 'app://other/index.html']) {
      const response = await handle(new Request(url));
      assert.equal(response.status, 404, url);
      assert.doesNotMatch(await response.text(), /not for the page/);
    }
    assert.equal((await handle(new Request('app://lab/index.html', { method: 'POST', body: 'x' }))).status, 405);
  });
});

describe('one Content-Security-Policy', () => {
  test('the built page carries no CSP of its own, so no weaker copy exists beside the header', () => {
    const built = join(__dirname, '..', '..', 'renderer', 'index.html');
    let html: string;
    try {
      html = readFileSync(built, 'utf8');
    } catch {
      assert.fail(`${built} is missing: run the full build (node scripts/build.mjs) before the Node tests`);
    }
    assert.doesNotMatch(html, /http-equiv=["']?content-security-policy/i);
  });

  test('is strict: nothing by default, scripts only from the app, no inline script, no framing', () => {
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    // Images from the app and data: URLs only (a chart's PNG export draws its SVG from one), no blob: or hosts.
    assert.match(CONTENT_SECURITY_POLICY, /(^|; )img-src 'self' data:(;|$)/);
  });
  test('with --present, answers the validated talk at its fixed addresses and nothing else', async () => {
    const present = new Map([['/present/talk.json', '{"title":"t"}']]);
    const withTalk = appRequestHandler(renderer, undefined, present);
    const talk = await withTalk(new Request('app://lab/present/talk.json'));
    assert.equal(talk.status, 200);
    assert.equal(talk.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(talk.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(await talk.text(), '{"title":"t"}');
    assert.equal((await withTalk(new Request('app://other/present/talk.json'))).status, 404);
    assert.equal((await withTalk(new Request('app://lab/present/recordings/x.nclab.jsonl'))).status, 404);
    assert.equal((await handle(new Request('app://lab/present/talk.json'))).status, 404);
  });
});
