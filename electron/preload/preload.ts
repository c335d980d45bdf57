/**
 * The sandboxed preload: exposes ONE object, `window.lab`, implementing the LabApi over IPC, and nothing
 * else. The page never sees ipcRenderer, IPC events or any Electron object: commands go out on one invoke
 * channel with a fixed envelope, and listeners get plain messages (ticks, events, summaries) as data.
 *
 * `saveFile` goes out on its own invoke channel (`file:save`, electron/main/save-file-ipc.ts).
 *
 * Wire format (shared with electron/main/message-relay.ts): `lab:tick` carries one Tick, `lab:event` an
 * array of LabEvents (batched per tick), `lab:summary` one Summary. `onEvent` listeners get one event per call.
 *
 * Bundled by esbuild into one CommonJS file, because a sandboxed preload can only require 'electron'. The commands
 * and channel names come from shared/lab-api.ts, which imports no value, so the bundle inlines them and nothing more
 * (preload.test.ts checks the bundle's inputs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandMethods, IPC_CHANNELS, type CommandName, type CommandRequest, type CommandResult, type LabApi, type Unsubscribe } from '../../shared/lab-api';
import type { LabEvent, Summary, Tick } from '../../shared/messages';
import type { SaveFileRequest, SaveFileResult } from '../../shared/recording/save-file';

let nextId = 1;

/** Sends one command and returns its result; a command that cannot be sent resolves with an error too. */
async function send(command: CommandName, payload?: unknown): Promise<CommandResult> {
  const id = nextId++;
  const request: CommandRequest = payload === undefined ? { id, command } : { id, command, payload };
  try {
    return (await ipcRenderer.invoke(IPC_CHANNELS.command, request)) as CommandResult;
  } catch (error) {
    // invoke rejects when the payload cannot be cloned (a function, a DOM node): the LabApi promises a result.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ field: '(root)', message: `command not sent: ${message}` }] };
  }
}

/** Asks main to save a file through the native dialog; the main process validates the request. */
async function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
  try {
    return (await ipcRenderer.invoke(IPC_CHANNELS.saveFile, request)) as SaveFileResult;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ field: '(root)', message: `file not saved: ${message}` }] };
  }
}

/**
 * Listeners of one channel. One ipcRenderer listener per channel, registered once, fans out to them: the page
 * can subscribe and unsubscribe freely without piling up IPC listeners.
 */
function channel<T>(name: string, unpack: (payload: unknown) => readonly T[]): (listener: (message: T) => void) => Unsubscribe {
  const listeners = new Set<(message: T) => void>();
  ipcRenderer.on(name, (_event: IpcRendererEvent, payload: unknown) => {
    for (const message of unpack(payload)) {
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (error) {
          // One failing listener must not starve the others (or the next message).
          console.error(error);
        }
      }
    }
  });
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes, as usual.
    const entry = (message: T): void => listener(message);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  };
}

const one = <T>(payload: unknown): readonly T[] => [payload as T];
const many = <T>(payload: unknown): readonly T[] => (Array.isArray(payload) ? (payload as T[]) : [payload as T]);

const onTick = channel<Tick>(IPC_CHANNELS.tick, one);
const onEvent = channel<LabEvent>(IPC_CHANNELS.event, many);
const onSummary = channel<Summary>(IPC_CHANNELS.summary, one);

const lab: LabApi = Object.freeze({
  ...commandMethods(send),
  onTick,
  onEvent,
  onSummary,
  saveFile,
});

contextBridge.exposeInMainWorld('lab', lab);
