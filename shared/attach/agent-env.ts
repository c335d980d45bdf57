/**
 * What the agent reads of its environment (ATTACH_ENV in shared/attach.ts), checked: the lab's port and the run's
 * token, or nothing at all. Pure, so the agent and its tests read it the same way.
 * The agent has no voice of its own in the app (no output, no warning), so a wrong value is not an error to
 * report: it means "not attached", and the agent stays out of the way.
 */
import { ATTACH_ENV } from '../attach';
import { DEFAULTS, LIMITS } from '../constants';

/** Where and how often one thread of the app reports. */
export interface AgentSettings {
  port: number;
  token: string;
  intervalMs: number;
}

/** A decimal integer and nothing else (`Number('')` is 0, `Number(' 7 ')` is 7: neither is what the lab wrote). */
const INTEGER = /^\d{1,9}$/;

/**
 * The agent's settings from `env`; null (do nothing) without a valid port (1..65535) or a token (1 to 256
 * characters, no whitespace: the lab's is 64 hex digits). An interval missing or outside the lab's limits is the
 * lab's default.
 */
export function readAgentSettings(env: Readonly<Record<string, string | undefined>>): AgentSettings | null {
  const portText = env[ATTACH_ENV.port];
  const token = env[ATTACH_ENV.token];
  if (portText === undefined || !INTEGER.test(portText) || token === undefined || !/^\S{1,256}$/.test(token)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65_535) return null;
  const intervalText = env[ATTACH_ENV.intervalMs];
  const interval = intervalText !== undefined && INTEGER.test(intervalText) ? Number(intervalText) : NaN;
  const intervalMs = interval >= LIMITS.intervalMs.min && interval <= LIMITS.intervalMs.max ? interval : DEFAULTS.intervalMs;
  return { port, token, intervalMs };
}
