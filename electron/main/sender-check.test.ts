// Who may send commands, and which URLs belong to the app: plain logic, tested without Electron.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { appPaths } from './app-paths';
import { isTrustedSender, senderFrameInfo } from './sender-check';
import { isAppPageUrl, isAppResourceUrl } from './url-policy';

const paths = appPaths(join('/opt/lab/resources/app.asar/out/electron/main'));
const page = paths.pageUrl;

describe('app paths', () => {
  test('derive preload, page and renderer folder from out/electron/main', () => {
    assert.equal(paths.preload, '/opt/lab/resources/app.asar/out/electron/preload/preload.js');
    assert.equal(paths.indexHtml, '/opt/lab/resources/app.asar/out/renderer/index.html');
    assert.equal(paths.rendererDir, '/opt/lab/resources/app.asar/out/renderer');
    assert.equal(page, 'file:///opt/lab/resources/app.asar/out/renderer/index.html');
  });

  test('escape characters that URLs encode', () => {
    const spaced = appPaths('/home/a user/lab #1/out/electron/main');
    assert.equal(spaced.pageUrl, 'file:///home/a%20user/lab%20%231/out/renderer/index.html');
    assert.ok(isAppPageUrl(spaced.pageUrl, spaced.pageUrl));
  });
});

describe('isAppPageUrl', () => {
  test('accepts the page itself, with any query or fragment (hash routing)', () => {
    assert.ok(isAppPageUrl(page, page));
    assert.ok(isAppPageUrl(`${page}#/runs/2`, page));
    assert.ok(isAppPageUrl(`${page}?mode=desktop`, page));
    assert.ok(isAppPageUrl('file://localhost/opt/lab/resources/app.asar/out/renderer/index.html', page));
  });

  test('refuses other schemes, hosts, files and traversal tricks', () => {
    const refused = [
      'http://127.0.0.1:5174/index.html',
      'https://example.com/opt/lab/resources/app.asar/out/renderer/index.html',
      'file://evil.example/opt/lab/resources/app.asar/out/renderer/index.html',
      'file:///opt/lab/resources/app.asar/out/renderer/other.html',
      'file:///opt/lab/resources/app.asar/out/renderer/index.html/x',
      'file:///tmp/out/renderer/index.html',
      'file:///opt/lab/resources/app.asar/out/renderer/sub/..%2Findex.html',
      'about:blank',
      'data:text/html,<p>hi</p>',
      'devtools://devtools/bundled/devtools_app.html',
      '',
      'not a url',
    ];
    for (const url of refused) assert.equal(isAppPageUrl(url, page), false, url);
  });

  test('normalises dot segments the way the loader does', () => {
    assert.ok(isAppPageUrl('file:///opt/lab/resources/app.asar/out/renderer/assets/../index.html', page));
  });

  test('compares Windows paths without regard to case', () => {
    const winPage = 'file:///C:/Program%20Files/Lab/resources/app.asar/out/renderer/index.html';
    assert.equal(isAppPageUrl('file:///c:/program%20files/lab/resources/app.asar/out/renderer/index.html', winPage, 'win32'), true);
    assert.equal(isAppPageUrl('file:///c:/program%20files/lab/resources/app.asar/out/renderer/index.html', winPage, 'linux'), false);
  });
});

describe('isAppResourceUrl', () => {
  const dir = paths.rendererDir;
  test('accepts files inside the renderer build', () => {
    assert.ok(isAppResourceUrl(page, dir));
    assert.ok(isAppResourceUrl(pathToFileURL(join(dir, 'assets', 'index-abc123.js')).href, dir));
    assert.ok(isAppResourceUrl(`${pathToFileURL(join(dir, 'assets', 'index.css')).href}?v=1`, dir));
  });

  test('refuses the folder itself, its parents, siblings with a common prefix and other schemes', () => {
    const refused = [
      pathToFileURL(dir).href,
      'file:///opt/lab/resources/app.asar/out/renderer/../electron/main/main.js',
      'file:///opt/lab/resources/app.asar/out/renderer-evil/index.html',
      'file:///etc/passwd',
      'file:///opt/lab/resources/app.asar/out/renderer/%2e%2e/%2e%2e/secret',
      'https://cdn.example.com/react.js',
      'ws://127.0.0.1:5174/',
    ];
    for (const url of refused) assert.equal(isAppResourceUrl(url, dir), false, url);
  });
});

describe('isTrustedSender', () => {
  test('trusts only the top frame of the app page', () => {
    assert.ok(isTrustedSender({ url: page, isMainFrame: true }, page));
    assert.equal(isTrustedSender({ url: page, isMainFrame: false }, page), false, 'an iframe, even of our page');
    assert.equal(isTrustedSender({ url: 'https://example.com/', isMainFrame: true }, page), false);
    assert.equal(isTrustedSender(null, page), false, 'a frame that is gone');
  });

  test('reads the frame of an IPC event, and treats a vanished or throwing frame as no sender', () => {
    const top = { url: page, parent: null };
    const child = { url: page, parent: top };
    assert.deepEqual(senderFrameInfo({ senderFrame: top } as never), { url: page, isMainFrame: true });
    assert.deepEqual(senderFrameInfo({ senderFrame: child } as never), { url: page, isMainFrame: false });
    assert.equal(senderFrameInfo({ senderFrame: null } as never), null);
    const throwing = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    assert.equal(senderFrameInfo(throwing as never), null);
  });
});
