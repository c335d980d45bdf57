/**
 * Environment of every process the lab starts. Under Electron, `process.execPath` is the Electron binary:
 * ELECTRON_RUN_AS_NODE=1 makes it behave as plain Node, for fork, spawn, execFile and cluster alike.
 */
import { UNIT_SETTINGS_ENV, type UnitSettings } from '../../shared/unit-protocol';

/** The environment for a child or cluster process. */
export function childEnv(settings: UnitSettings, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ELECTRON_RUN_AS_NODE: '1', [UNIT_SETTINGS_ENV]: JSON.stringify(settings), ...extra };
}
