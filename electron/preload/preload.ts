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
 * Bundled by esbuild into one CommonJS file, because a sandboxed preload can only require 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandName, CommandRequest, CommandResult, IPC_CHANNELS, LabApi, Unsubscribe } from '../../shared/lab-api';
import type { LabEvent, Summary, Tick } from '../../shared/messages';
import type { SaveFileRequest, SaveFileResult } from '../../shared/recording/save-file';

/**
 * The channel names, typed as `typeof IPC_CHANNELS`: the compiler rejects any difference from shared/lab-api.ts.
 * Written out rather than imported because lab-api.ts also holds the zod schemas, and importing a value from it
 * would bundle zod (700 kB) into a preload that needs four strings.
 */
const CHANNELS: typeof IPC_CHANNELS = { command: 'lab:command', tick: 'lab:tick', event: 'lab:event', summary: 'lab:summary', saveFile: 'file:save' };

let nextId = 1;

/** Sends one command and returns its result; a command that cannot be sent resolves with an error too. */
async function send(command: CommandName, payload?: unknown): Promise<CommandResult> {
  const id = nextId++;
  const request: CommandRequest = payload === undefined ? { id, command } : { id, command, payload };
  try {
    return (await ipcRenderer.invoke(CHANNELS.command, request)) as CommandResult;
  } catch (error) {
    // invoke rejects when the payload cannot be cloned (a function, a DOM node): the LabApi promises a result.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ field: '(root)', message: `command not sent: ${message}` }] };
  }
}

/** Asks main to save a file through the native dialog; the main process validates the request. */
async function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
  try {
    return (await ipcRenderer.invoke(CHANNELS.saveFile, request)) as SaveFileResult;
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

const onTick = channel<Tick>(CHANNELS.tick, one);
const onEvent = channel<LabEvent>(CHANNELS.event, many);
const onSummary = channel<Summary>(CHANNELS.summary, one);

const lab: LabApi = Object.freeze({
  start: (patch?: unknown) => send('start', patch),
  stop: () => send('stop'),
  configure: (patch: unknown) => send('configure', patch),
  getState: () => send('getState'),
  crash: (payload?: unknown) => send('crash', payload),
  machine: () => send('machine'),
  experiment: (payload: unknown) => send('experiment', payload),
  workloads: () => send('workloads'),
  useWorkload: (payload?: unknown) => send('useWorkload', payload),
  advise: (payload?: unknown) => send('advise', payload),
  onTick,
  onEvent,
  onSummary,
  saveFile,
});

contextBridge.exposeInMainWorld('lab', lab);
