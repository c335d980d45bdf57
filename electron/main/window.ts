/**
 * The lab window: one BrowserWindow with the settings of the Electron security checklist, written out
 * literally (not spread from a variable) so they are plain to read and Electronegativity can check them.
 */
import { BrowserWindow } from 'electron';
import type { AppPaths } from './app-paths';

/** Creates the lab window and loads the renderer page from the app's scheme. Shown once the first paint is ready. */
export function createLabWindow(paths: AppPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Node Concurrency Lab',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      // The preload exposes window.lab (the LabApi) and nothing else; it never hands ipcRenderer to the page.
      preload: paths.preload,
      // The page runs in its own JavaScript world, without Node, inside Chromium's OS sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy on, no mixed content, no experimental Blink features, no <webview>.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) on a link asks for a new window; the window-open handler denies those anyway,
      // and without the event nothing in the page can even try.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(paths.pageUrl).catch((error: unknown) => {
    console.error(`[lab] could not load ${paths.pageUrl}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return win;
}
