// The session hardening and the navigation guard, driven through fakes of the Electron objects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { guardNavigation } from './navigation-guard';
import { hardenSession, isAllowedRequest } from './session-security';
import { APP_PAGE_URL } from './url-policy';

const pageUrl = APP_PAGE_URL;

type Handler = (...args: never[]) => unknown;

/** A session that records the handlers hardenSession installs. */
function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const session = {
    webRequest: {
      onBeforeRequest: (listener: Handler) => void (handlers.beforeRequest = listener),
      onHeadersReceived: (listener: Handler) => void (handlers.headersReceived = listener),
    },
    setPermissionRequestHandler: (handler: Handler) => void (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => void (handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => void (handlers.devicePermission = handler),
  };
  return { session, handlers };
}

/** Calls a webRequest-style listener and returns what it passed to its callback. */
function respond<T>(listener: Handler | undefined, details: object): T {
  assert.ok(listener, 'listener installed');
  let answer: T | undefined;
  (listener as (details: object, callback: (answer: T) => void) => void)(details, (a) => (answer = a));
  assert.ok(answer !== undefined, 'callback called synchronously');
  return answer;
}

describe('request filter', () => {
  test('allows the app’s own origin and DevTools, nothing else (no file:// at all)', () => {
    assert.ok(isAllowedRequest(pageUrl));
    assert.ok(isAllowedRequest('app://lab/assets/app.js'));
    assert.ok(isAllowedRequest('devtools://devtools/bundled/devtools_app.html'));
    for (const url of ['https://fonts.googleapis.com/css', 'http://127.0.0.1:5174/', 'ws://127.0.0.1:5174/', 'file:///etc/passwd', 'file:///app/out/renderer/index.html', 'app://other/x.js', 'nonsense']) {
      assert.equal(isAllowedRequest(url), false, url);
    }
  });

  test('cancels what is not allowed, and logs it', () => {
    const { session, handlers } = fakeSession();
    const logs: string[] = [];
    hardenSession(session as never, (m) => logs.push(m));
    assert.deepEqual(respond(handlers.beforeRequest, { url: pageUrl }), { cancel: false });
    assert.deepEqual(respond(handlers.beforeRequest, { url: 'https://example.com/x.js' }), { cancel: true });
    assert.match(logs.join('\n'), /blocked a request to https:\/\/example\.com\/x\.js/);
  });
});

describe('content security policy', () => {
  test('is added as a header to the app’s files, keeping their other headers', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session as never, () => undefined);
    const answer = respond<{ responseHeaders: Record<string, string[]> }>(handlers.headersReceived, {
      url: pageUrl,
      responseHeaders: { 'Content-Type': ['text/html'] },
    });
    assert.deepEqual(answer.responseHeaders['Content-Type'], ['text/html']);
    const csp = answer.responseHeaders['Content-Security-Policy'];
    assert.deepEqual(csp, [CONTENT_SECURITY_POLICY], 'the one policy, as the app scheme and browser mode send it');
    const directives = new Map(csp![0]!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'"], 'no inline script, no eval, no remote script');
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
    for (const values of directives.values()) {
      for (const value of values) assert.doesNotMatch(value, /unsafe|\*|^https?:$|^http:/, `no unsafe or wildcard source: ${value}`);
    }
  });

  test('leaves other responses (DevTools) alone', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session as never, () => undefined);
    assert.deepEqual(respond(handlers.headersReceived, { url: 'devtools://devtools/bundled/devtools_app.html', responseHeaders: {} }), {});
  });
});

describe('permissions', () => {
  test('every request and check is denied', () => {
    const { session, handlers } = fakeSession();
    const logs: string[] = [];
    hardenSession(session as never, (m) => logs.push(m));
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      let granted: boolean | undefined;
      (handlers.permissionRequest as unknown as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, permission, (g) => (granted = g));
      assert.equal(granted, false, permission);
      assert.equal((handlers.permissionCheck as unknown as (...a: unknown[]) => boolean)({}, permission, pageUrl, {}), false, permission);
    }
    assert.equal((handlers.devicePermission as unknown as (...a: unknown[]) => boolean)({}), false);
    assert.equal(logs.filter((m) => m.includes('"media"')).length, 1);
  });
});

describe('navigation guard', () => {
  /** Web contents that records its listeners; `emit` returns whether the listener prevented the default. */
  function fakeContents() {
    const listeners = new Map<string, (event: object) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: object) => void) => (listeners.set(name, listener), contents),
      setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
    };
    const emit = (name: string, fields: object = {}) => {
      let prevented = false;
      const listener = listeners.get(name);
      assert.ok(listener, `${name} is handled`);
      listener({ ...fields, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, emit, open: (url: string) => openHandler?.({ url }) };
  }

  test('prevents navigation, redirects, iframe navigation, webviews and new windows', () => {
    const { contents, emit, open } = fakeContents();
    guardNavigation(contents as never, () => undefined);
    assert.ok(emit('will-navigate', { url: 'https://example.com/' }));
    assert.ok(emit('will-redirect', { url: 'https://example.com/' }));
    assert.ok(emit('will-attach-webview'));
    assert.ok(emit('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false }));
    assert.equal(emit('will-frame-navigate', { url: pageUrl, isMainFrame: true }), false, 'the top frame is will-navigate’s job');
    assert.deepEqual(open('https://example.com/'), { action: 'deny' });
  });
});
