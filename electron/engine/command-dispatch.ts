/**
 * One entry for commands from every transport (Electron IPC, WebSocket): the envelope is validated here,
 * the payload by the engine, so every transport rejects bad input the same way and with the same words.
 */
import { parseCommandRequest, type CommandResult } from '../../shared/lab-api';
import { recordingMachine } from '../headless/recording/machine';
import type { LabEngine } from './lab-engine';

/** Runs a raw (unvalidated) command envelope `{ id, command, payload }` against the engine. */
export async function dispatchCommand(engine: LabEngine, raw: unknown): Promise<{ id: number | null; result: CommandResult }> {
  const parsed = parseCommandRequest(raw);
  if (!parsed.ok) return { id: parsed.id, result: { ok: false, errors: parsed.errors } };
  const { id, command, payload } = parsed.request;
  switch (command) {
    case 'start':
      return { id, result: await engine.start(payload) };
    case 'stop':
      return { id, result: await engine.stop() };
    case 'configure':
      return { id, result: await engine.configure(payload) };
    case 'getState':
      return { id, result: engine.getState() };
    case 'crash':
      return { id, result: await engine.crash(payload) };
    case 'machine': {
      // Only the desktop app and browser mode dispatch commands (the CLI records on its own), so Electron's
      // version tells the two apart.
      const state = engine.getState();
      return { id, result: state.ok ? { ...state, machine: recordingMachine(process.versions.electron ? 'desktop' : 'browser') } : state };
    }
  }
}
