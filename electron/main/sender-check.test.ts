// Who may send commands, and which URLs belong to the app: plain logic, tested without Electron.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appPaths } from './app-paths';
import { isTrustedSender, senderFrameInfo } from './sender-check';
import { appFilePath, isAppPageUrl, isAppResourceUrl } from './url-policy';

const paths = appPaths(join('/opt/lab/resources/app.asar/out/electron/main'));
const page = paths.pageUrl;

describe('app paths', () => {
  test('derive preload, page and renderer folder from out/electron/main; the page is on the app scheme', () => {
    assert.equal(paths.preload, '/opt/lab/resources/app.asar/out/electron/preload/preload.js');
    assert.equal(paths.indexHtml, '/opt/lab/resources/app.asar/out/renderer/index.html');
    assert.equal(paths.rendererDir, '/opt/lab/resources/app.asar/out/renderer');
    assert.equal(page, 'app://lab/index.html');
  });
});

describe('isAppPageUrl', () => {
  test('accepts the page itself, with any query or fragment (hash routing)', () => {
    assert.ok(isAppPageUrl(page));
    assert.ok(isAppPageUrl(`${page}#/runs/2`));
    assert.ok(isAppPageUrl(`${page}?experiment=main-thread-blocks`));
    assert.ok(isAppPageUrl('app://LAB/index.html'), 'hosts compare without case, as Chromium lowercases them');
    assert.ok(isAppPageUrl('app://lab/assets/../index.html'), 'dot segments normalised as the loader does');
  });

  test('refuses other schemes, hosts, pages and credentials', () => {
    const refused = [
      'http://127.0.0.1:5174/index.html',
      'https://lab/index.html',
      'file:///opt/lab/resources/app.asar/out/renderer/index.html',
      'app://evil/index.html',
      'app://lab/other.html',
      'app://lab/index.html/x',
      'app://user@lab/index.html',
      'app://lab:8080/index.html',
      'about:blank',
      'data:text/html,<p>hi</p>',
      'devtools://devtools/bundled/devtools_app.html',
      '',
      'not a url',
    ];
    for (const url of refused) assert.equal(isAppPageUrl(url), false, url);
  });
});

describe('isAppResourceUrl and appFilePath', () => {
  const dir = paths.rendererDir;
  test('map app URLs to files inside the renderer build', () => {
    assert.ok(isAppResourceUrl('app://lab/assets/index-abc123.js'));
    assert.equal(appFilePath('app://lab/assets/index-abc123.js?v=1', dir), join(dir, 'assets', 'index-abc123.js'));
    assert.equal(appFilePath('app://lab/', dir), join(dir, 'index.html'));
    assert.equal(appFilePath('app://lab/a%20b.css', dir), join(dir, 'a b.css'));
  });

  test('refuse other origins, encoded separators and anything that would leave the folder', () => {
    const refused = [
      'app://lab/../../electron/main/main.js',
      'app://lab/%2e%2e/%2e%2e/secret',
      'app://lab/assets%2F..%2F..%2Fmain.js',
      'app://lab/assets%5C..%5Csecret',
      'app://lab/x%00.js',
      'app://lab/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://cdn.example.com/react.js',
    ];
    for (const url of refused) {
      const path = appFilePath(url, dir);
      assert.ok(path === null || path.startsWith(dir + '/'), `${url} -> ${path}`);
    }
    assert.equal(appFilePath('app://lab/assets%2F..%2F..%2Fmain.js', dir), null);
    assert.equal(appFilePath('app://other/index.html', dir), null);
    assert.equal(isAppResourceUrl('ws://127.0.0.1:5174/'), false);
  });
});

describe('isTrustedSender', () => {
  test('trusts only the top frame of the app page', () => {
    assert.ok(isTrustedSender({ url: page, isMainFrame: true }));
    assert.equal(isTrustedSender({ url: page, isMainFrame: false }), false, 'an iframe, even of our page');
    assert.equal(isTrustedSender({ url: 'https://example.com/', isMainFrame: true }), false);
    assert.equal(isTrustedSender(null), false, 'a frame that is gone');
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
