/**
 * Environment of every process the lab starts. Under Electron, `process.execPath` is the Electron binary:
 * ELECTRON_RUN_AS_NODE=1 makes it behave as plain Node, for fork, spawn, execFile and cluster alike.
 */
import { UNIT_SETTINGS_ENV, type UnitSettings } from '../../shared/unit-protocol';

/**
 * Names (comma-separated) the variables the lab's launcher added to the host's environment for the host alone
 * (an allocator setting; scripts/host-env.mjs says why). The same name is written there.
 */
export const ADDED_BY_LAUNCHER_ENV = 'NCL_LAUNCHER_ADDED_ENV';

/**
 * The user's environment: the host's, without what the launcher added for the host alone. The lab's units and an
 * attached app run as the user would run them, so what the lab measures in them is not the lab's setting.
 */
export function userEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const added = env[ADDED_BY_LAUNCHER_ENV];
  if (added === undefined) return { ...env };
  const result = { ...env };
  delete result[ADDED_BY_LAUNCHER_ENV];
  for (const name of added.split(',')) if (name !== '') delete result[name];
  return result;
}

/** The environment for a child or cluster process. */
export function childEnv(settings: UnitSettings, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...userEnv(), ELECTRON_RUN_AS_NODE: '1', [UNIT_SETTINGS_ENV]: JSON.stringify(settings), ...extra };
}
