/** Paths of the attach tests' fixtures, compiled beside this file. */
import { join } from 'node:path';

/** The protocol stand-in (stand-in-agent.ts), preloaded by the tests that do not need the lab's own agent. */
export const STAND_IN_AGENT = join(__dirname, 'stand-in-agent.js');

/** A fixture app by name (cluster-app, stubborn-app, lab-process). */
export const fixture = (name: 'cluster-app' | 'stubborn-app' | 'lab-process') => join(__dirname, `${name}.js`);
