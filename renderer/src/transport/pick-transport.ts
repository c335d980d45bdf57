/**
 * Chooses how the renderer reaches the engine: Electron's preload exposes `window.lab`; a plain browser
 * (browser mode) gets a WebSocket to the page's own server. Everything above this file sees only a LabApi.
 */
import type { LabApi, Unsubscribe } from '../../../shared/lab-api';
import type { ConnectionState } from '../state/heartbeat';
import { createWsLabApi, labSocketUrl } from './ws-client';

export interface Transport {
  api: LabApi;
  /** Electron IPC is always connected; a WebSocket is not. */
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
  onProtocolError(listener: (text: string) => void): Unsubscribe;
  kind: 'electron' | 'websocket';
}

export function pickTransport(win: Window): Transport {
  const preload = win.lab;
  if (preload) {
    return {
      api: preload,
      kind: 'electron',
      onConnection: (listener) => {
        listener('open');
        return () => undefined;
      },
      onProtocolError: () => () => undefined,
    };
  }
  const ws = createWsLabApi(labSocketUrl(win.location));
  return {
    api: ws,
    kind: 'websocket',
    onConnection: (listener) => ws.onConnection(listener),
    onProtocolError: (listener) =>
      ws.onProtocolError((result) => {
        if (!result.ok) listener(result.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      }),
  };
}
