/**
 * The desktop app's way to choose a workload module: Electron's native open dialog, run in the main process when
 * the window asks (`useWorkload` without a name, over the one command channel whose sender is checked). The
 * window never sends a path: it gets back the file's name, which the engine's catalog maps to the path picked here.
 *
 * Only types come from Electron here, so it is unit-tested in Node with a fake `dialog`.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { WORKLOAD_FILE_EXTENSIONS } from '../../shared/custom-workload';

/** The dialog's options: one existing `.mjs` or `.js` file. */
export const WORKLOAD_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Choose a workload module',
  buttonLabel: 'Use this workload',
  properties: ['openFile'],
  filters: [{ name: 'ES module (default export: one job)', extensions: WORKLOAD_FILE_EXTENSIONS.map((ext) => ext.slice(1)) }],
};

/** A function that shows the dialog over `window()` (when there is one) and resolves the chosen path, or null. */
export function workloadDialog(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const parent = window();
    const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, WORKLOAD_DIALOG_OPTIONS) : await dialog.showOpenDialog(WORKLOAD_DIALOG_OPTIONS);
    return canceled || filePaths.length === 0 ? null : filePaths[0];
  };
}
