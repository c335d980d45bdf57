/**
 * The desktop "Save as": `ipcMain.handle(IPC_CHANNELS.saveFile)`. It checks the sender (sender-check.ts), validates
 * the request with the shared schema (a plain file name of a kind the window makes, content of that kind), asks
 * the user where with the native dialog, and writes the file. The window always gets a SaveFileResult back: the
 * path written, `path: null` when the user cancelled, or the errors, never a rejection with a main-process stack.
 *
 * The dialog is injected (main.ts passes Electron's `dialog.showSaveDialog`), so the handler is unit-tested in
 * plain Node with a fake dialog, writing real files; only types come from Electron here.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/lab-api';
import { parseSaveFileRequest, saveFileKind, type SaveFileResult } from '../../shared/recording/save-file';

/** What the dialog is asked: the shape of Electron's SaveDialogOptions this handler uses. */
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** Shows a "Save as" dialog; resolves as Electron's `dialog.showSaveDialog` does. */
export type ShowSaveDialog = (request: SaveDialogRequest) => Promise<{ canceled: boolean; filePath?: string }>;

export interface SaveFileHandlerOptions {
  showSaveDialog: ShowSaveDialog;
  /** The folder the dialog opens in (the user's Downloads folder in the app). */
  defaultFolder: () => string;
  /** True when the event comes from the app's own page (see sender-check.ts). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Where refusals and failures are reported; console.warn by default. */
  log?: (message: string) => void;
}

const refuse = (message: string): SaveFileResult => ({ ok: false, errors: [{ field: '(root)', message }] });

/** Handles one save request. Exported for the tests. */
export async function handleSaveFile(event: IpcMainInvokeEvent, raw: unknown, options: SaveFileHandlerOptions): Promise<SaveFileResult> {
  const log = options.log ?? ((message: string) => console.warn(`[lab] ${message}`));
  if (!options.isTrustedSender(event)) {
    log('refused a save request: only the lab window may save files');
    return refuse('save refused: it did not come from the lab window');
  }
  const parsed = parseSaveFileRequest(raw);
  if (!parsed.ok) return parsed;
  const { name, content } = parsed.value;
  // The schema accepted the name, so it has a kind.
  const kind = saveFileKind(name)!;
  let chosen: { canceled: boolean; filePath?: string };
  try {
    chosen = await options.showSaveDialog({
      title: `Save ${kind.label.toLowerCase()}`,
      defaultPath: join(options.defaultFolder(), name),
      // Electron's filter extensions have no leading dot; `.nclab.jsonl` is filtered as `jsonl`.
      filters: [{ name: kind.label, extensions: [kind.extension.split('.').pop()!] }],
    });
  } catch (error) {
    return refuse(`the save dialog failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (chosen.canceled || !chosen.filePath) return { ok: true, path: null };
  // Some platforms' dialogs return the typed name without the filter's extension: the file keeps its kind.
  const path = saveFileKind(chosen.filePath) === kind ? chosen.filePath : chosen.filePath + kind.extension;
  try {
    await writeFile(path, content);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`could not save ${path}: ${message}`);
    return refuse(`could not save ${path}: ${message}`);
  }
  return { ok: true, path };
}

/** Registers the save handler; returns a function that removes it. */
export function registerSaveFileHandler(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: SaveFileHandlerOptions): () => void {
  ipcMain.handle(IPC_CHANNELS.saveFile, (event, raw: unknown) => handleSaveFile(event, raw, options));
  return () => ipcMain.removeHandler(IPC_CHANNELS.saveFile);
}
