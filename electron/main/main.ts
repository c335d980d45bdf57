/**
 * Electron main process: the app entry (package.json "main" -> out/electron/main/main.js).
 *
 * It wires small modules together and keeps no logic of its own: the engine runs here, in the main process;
 * the window talks to it only through the preload's `window.lab` over two kinds of IPC (invoke channels for
 * commands and for saving a file, three send channels for ticks, events and summaries). Quitting disposes the engine first, so no
 * worker thread or child process outlives the app.
 *
 * Processes the engine forks run this same binary with ELECTRON_RUN_AS_NODE=1, so they are plain Node and
 * never load this file; nothing here (no single-instance lock, no argv handling) stands in their way.
 * There is no `remote` module to disable: Electron removed it in version 14.
 */
import { existsSync } from 'node:fs';
import { app, dialog, ipcMain, protocol, session, type BrowserWindow } from 'electron';
import { LabSession } from '../session/lab-session';
import { LabEngine } from '../engine/lab-engine';
import { pickedCatalog } from '../session/workload-catalog';
import { presentQuery } from '../../shared/present/addresses';
import { loadPresentFiles, takePresentArg, type PresentFiles } from '../page-files/present-files';
import { appPaths } from './app-paths';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { registerCommandHandler } from './command-ipc';
import { createMessageRelay } from './message-relay';
import { registerSaveFileHandler } from './save-file-ipc';
import { guardNavigation } from './navigation-guard';
import { isTrustedSender, senderFrameInfo } from './sender-check';
import { hardenSession } from './session-security';
import { createShutdown } from './shutdown';
import { createLabWindow } from './window';
import { workloadDialog } from './workload-dialog';

const paths = appPaths(__dirname);

/** A window whose page crashes more often than this is not reloaded again; the app quits instead. */
const MAX_RENDERER_RELOADS = 3;

// Every renderer in Chromium's OS sandbox, whatever a window asks for. Must run before 'ready'.
app.enableSandbox();
// The page's own scheme (app://lab/, app-protocol.ts): its privileges must be declared before 'ready'.
registerAppScheme(protocol);

let engine: LabEngine | null = null;
let labWindow: BrowserWindow | null = null;

const shutdown = createShutdown({
  dispose: async () => {
    await engine?.dispose();
  },
  quit: () => app.quit(),
});

// Covers every web contents the app ever creates (the window, DevTools), not only the ones we know about.
app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

// The lab is one window: closing it ends the lab on every platform, macOS included, because a run left
// going without a window would load the machine with nobody watching.
app.on('window-all-closed', () => app.quit());

// before-quit cannot await: prevent the first quit, dispose the engine, then quit for real (shutdown.ts).
app.on('before-quit', (event) => {
  if (shutdown.disposed) return;
  event.preventDefault();
  void shutdown.begin('quit');
});

// Ctrl+C in the terminal of `npm start` reaches this process twice (from the terminal, and forwarded by the
// launcher), so a repeated signal joins the shutdown under way; DISPOSE_TIMEOUT_MS bounds how long it takes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutdown.begin(signal));
}

/** `--present [TALK]`: a stage window and a speaker window instead of the lab (read once, at start). */
const presentRequest = takePresentArg(process.argv.slice(1)).request;

/** Opens a lab window (the lab, or with `query` a presenter view) and relays the engine's messages to it while it lives. */
function openWindow(lab: LabEngine, query = ''): BrowserWindow {
  const win = createLabWindow({ ...paths, pageUrl: paths.pageUrl + query });
  labWindow = win;
  const contents = win.webContents;
  const relay = createMessageRelay((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  });
  const unsubscribe = lab.onMessage((message) => relay.push(message));
  win.on('closed', () => {
    unsubscribe();
    relay.close();
  });

  let reloads = 0;
  contents.on('render-process-gone', (_event, details) => {
    console.error(`[lab] the window's renderer process ended (${details.reason}); stopping the run`);
    // Nobody is watching the run any more: stop the load rather than keep the CPU busy.
    lab.stop().catch((error: unknown) => console.error(`[lab] stopping the run failed: ${error instanceof Error ? error.message : String(error)}`));
    if (details.reason === 'clean-exit') return;
    reloads += 1;
    if (reloads <= MAX_RENDERER_RELOADS) {
      contents.reload();
    } else {
      dialog.showErrorBox('Node Concurrency Lab', `The window crashed ${reloads} times (${details.reason}); the lab quits.`);
      app.quit();
    }
  });
  return win;
}

app
  .whenReady()
  .then(async () => {
    const missing = [paths.indexHtml, paths.preload].filter((file) => !existsSync(file));
    if (missing.length > 0) {
      dialog.showErrorBox(
        'Node Concurrency Lab',
        `The app is not built: ${missing.join(' and ')} missing. Run "npm start", which builds first, or "node scripts/build.mjs".`,
      );
      app.quit();
      return;
    }
    let present: PresentFiles | null = null;
    if (presentRequest.present) {
      try {
        present = await loadPresentFiles(presentRequest);
      } catch (error) {
        dialog.showErrorBox('Node Concurrency Lab', error instanceof Error ? error.message : String(error));
        app.quit();
        return;
      }
    }
    serveAppScheme(session.defaultSession.protocol, paths.rendererDir, present?.files);
    hardenSession(session.defaultSession);
    const lab = new LabEngine();
    engine = lab;
    // The workload modules the window may run: the files its user picked in the native dialog (workload-dialog.ts).
    const workloads = pickedCatalog(workloadDialog(dialog, () => (labWindow && !labWindow.isDestroyed() ? labWindow : null)));
    // The desktop app is the user's own: it may attach to their app (the app's output goes to this process's stderr).
    const labSession = new LabSession(lab, workloads, { allowAttach: true });
    registerCommandHandler(ipcMain, {
      dispatch: (raw) => labSession.dispatch(raw),
      isTrustedSender: (event) => isTrustedSender(senderFrameInfo(event)),
    });
    // With --present: the stage, and a speaker window beside it on the same app:// origin, so BroadcastChannel
    // links the two; otherwise the lab.
    const win = openWindow(lab, present ? presentQuery(present.talkId) : '');
    if (present) openWindow(lab, presentQuery(present.talkId, true));
    // The window's "Save" goes through the native dialog, modal to the lab window (save-file-ipc.ts).
    registerSaveFileHandler(ipcMain, {
      showSaveDialog: (request) => dialog.showSaveDialog(win, request),
      defaultFolder: () => app.getPath('downloads'),
      isTrustedSender: (event) => isTrustedSender(senderFrameInfo(event)),
    });
  })
  .catch((error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[lab] could not start: ${message}`);
    dialog.showErrorBox('Node Concurrency Lab', `The lab could not start:\n${message}`);
    app.exit(1);
  });
