/** View slice: pause, theme, connection and the host heartbeat. */
import type { SliceContext, ViewSlice } from '../store-types';

export function createViewSlice({ set, get, deps, live }: SliceContext): ViewSlice {
  return {
    paused: false,
    setPaused: (paused) => {
      // On resume, the next flush must publish everything that arrived during the pause.
      if (!paused) live.dirty = true;
      set({ paused });
    },
    theme: deps.theme ?? 'dark',
    setTheme: (theme) => set({ theme }),
    heartbeat: { status: 'offline' },
    connection: 'connecting',
    setConnection: (connection) => {
      if (connection === get().connection) return;
      set({ connection });
      if (connection === 'closed') get().report('connection', 'lost the connection to the lab; reconnecting…');
      if (connection === 'open') get().clearMessages('connection');
    },
  };
}
