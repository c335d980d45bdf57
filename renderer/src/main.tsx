/** Entry: pick the transport (Electron preload or WebSocket), build the store, connect them, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { createLabStore } from './state/store';
import type { Theme } from './state/store-types';
import { LabStoreContext } from './state/use-lab';
import { connectStore } from './transport/connect';
import { pickTransport } from './transport/pick-transport';
import './theme/styles.css';

const THEME_KEY = 'lab.theme';

/** The user's explicit choice wins; otherwise follow the system (prefers-color-scheme). */
function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage may be unavailable (file:// in some setups); the system preference is a fine default.
  }
  return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

const transport = pickTransport(window);
const store = createLabStore({ api: transport.api, now: () => performance.now(), theme: initialTheme() });
store.subscribe((state, previous) => {
  if (state.theme === previous.theme) return;
  try {
    localStorage.setItem(THEME_KEY, state.theme);
  } catch {
    // Not persisting the theme is harmless.
  }
});
connectStore(transport, store);

// A link can open an experiment: `/?experiment=main-thread-blocks` shows it in the panel (an unknown id says so).
const linked = new URLSearchParams(window.location.search).get('experiment');
if (linked !== null) store.getState().selectExperiment(linked);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LabStoreContext value={store}>
      <App />
    </LabStoreContext>
  </StrictMode>,
);
