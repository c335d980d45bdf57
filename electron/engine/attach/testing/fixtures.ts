/** Paths of the attach tests' fixtures, compiled beside this file. */
import { join } from 'node:path';
import { AGENT_PATH } from '../agent-path';

/** The lab's own agent (workloads/attach/agent.ts, compiled): the tests attach to real apps with what users get. */
export const LAB_AGENT = AGENT_PATH;

/** A fixture app by name (cluster-app, stubborn-app, lab-process, parked-app). */
export const fixture = (name: 'cluster-app' | 'stubborn-app' | 'lab-process' | 'parked-app') => join(__dirname, `${name}.js`);
