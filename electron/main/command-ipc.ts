/**
 * The one IPC entry from the window to the engine: `ipcMain.handle(IPC_CHANNELS.command)`. It checks the
 * sender, then hands the raw envelope `{ id, command, payload }` to the engine's dispatcher, which validates
 * it exactly as the WebSocket transport does. Whatever goes wrong, the window gets a `CommandResult` back,
 * never a rejected promise with a stack trace from the main process.
 *
 * Only types come from Electron here, so the handler is unit-tested in Node with a fake `ipcMain`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, MAX_COMMAND_BYTES, type CommandResult } from '../../shared/lab-api';

/** Runs a raw command envelope (the session's `dispatch`). */
export type Dispatch = (raw: unknown) => Promise<{ id: number | null; result: CommandResult }>;

/** What {@link registerCommandHandler} needs. */
export interface CommandHandlerOptions {
  dispatch: Dispatch;
  /** True when the event comes from the app's own page (see sender-check.ts). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Where refusals and failures are reported; console.warn by default. */
  log?: (message: string) => void;
}

const refuse = (message: string): CommandResult => ({ ok: false, errors: [{ field: '(root)', message }] });

/**
 * Size of a command as the WebSocket transport would measure it (its JSON text), or null when it cannot be
 * serialised. IPC carries structured clones, not text, but one limit for every transport keeps them alike.
 */
function jsonSize(raw: unknown): number | null {
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return null;
  }
}

/** Handles one command: checks sender and size, then dispatches. Exported for the tests. */
export async function handleCommand(event: IpcMainInvokeEvent, raw: unknown, options: CommandHandlerOptions): Promise<CommandResult> {
  const log = options.log ?? ((message: string) => console.warn(`[lab] ${message}`));
  if (!options.isTrustedSender(event)) {
    let url = 'unknown';
    try {
      url = event.senderFrame?.url ?? 'no frame';
    } catch {
      // The frame is gone; "unknown" is all there is to say.
    }
    log(`refused a command from ${url}: only the lab window may send commands`);
    return refuse('command refused: it did not come from the lab window');
  }
  const size = jsonSize(raw);
  if (size === null) return refuse('message is not valid JSON');
  if (size > MAX_COMMAND_BYTES) return refuse(`message is larger than ${MAX_COMMAND_BYTES} bytes`);
  try {
    return (await options.dispatch(raw)).result;
  } catch (error) {
    // The engine rejects bad input with a result; a throw is a bug, and the window still deserves an answer.
    const message = error instanceof Error ? error.message : String(error);
    log(`command failed in the engine: ${message}`);
    return refuse(`the engine failed: ${message}`);
  }
}

/** Registers the command handler; returns a function that removes it. */
export function registerCommandHandler(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: CommandHandlerOptions): () => void {
  ipcMain.handle(IPC_CHANNELS.command, (event, raw: unknown) => handleCommand(event, raw, options));
  return () => ipcMain.removeHandler(IPC_CHANNELS.command);
}
