/** Entry: pick the transport (Electron preload or WebSocket), build the store, connect them, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdvisorContext } from './advisor/advisor-context';
import { createAdvisorStore } from './advisor/advisor-store';
import { App } from './components/App';
import { createLabStore } from './state/store';
import type { Theme } from './state/store-types';
import { downloadBlob } from './recording/download';
import { RecordingController } from './recording/recording-controller';
import { PresentGate } from './present/PresentGate';
import { RecordingRoot } from './recording/RecordingRoot';
import { fileSaver } from './recording/save-file';
import { installUiPerf, perfRequested } from './perf/ui-perf';
import { connectStore } from './transport/connect';
import { pickTransport } from './transport/pick-transport';
/*
 * The stylesheets, in cascade order: tokens and base first, then each part of the page from the top down. Kept
 * here, in one list, because later rules win ties: the experiments panel's `.run-button` restyles the control
 * bar's Start button too, so experiments.css must come after control-bar.css. Feature folders that own a whole
 * view (present, recording, advisor, chart export) import theirs where the view is.
 */
import './theme/tokens.css';
import './theme/base.css';
import './components/header.css';
import './components/control-bar.css';
import './components/messages.css';
import './components/stats.css';
import './charts/charts.css';
import './components/event-log.css';
import './components/faults.css';
import './components/run-summary.css';
import './components/unit-table.css';
import './experiments/experiments.css';
import './experiments/experiment-live.css';
import './components/diagnosis.css';
// Last: the picture-first layout compacts the controls styled above.
import './components/layout.css';

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
// `?perf=1` (npm run bench:ui): measure tick-to-paint and frame times; absent, nothing is installed.
if (perfRequested(window.location.search)) installUiPerf(transport.api);
const recording = new RecordingController({
  api: transport.api,
  live: store,
  saveFile: fileSaver(transport.api, downloadBlob),
  now: () => performance.now(),
  repeat: (fn, ms) => setInterval(fn, ms),
  cancel: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
});

const advisor = createAdvisorStore(transport.api);

// A link can open an experiment: `/?experiment=main-thread-blocks` shows it in the panel (an unknown id says so).
const linked = new URLSearchParams(window.location.search).get('experiment');
if (linked !== null) store.getState().selectExperiment(linked);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// `?present=ID` shows presenter mode (renderer/src/present) in place of the lab; it can be entered and left in place.
createRoot(root).render(
  <StrictMode>
    <PresentGate live={store} controller={recording}>
      <RecordingRoot live={store} controller={recording}>
        <AdvisorContext value={advisor}>
          <App />
        </AdvisorContext>
      </RecordingRoot>
    </PresentGate>
  </StrictMode>,
);
