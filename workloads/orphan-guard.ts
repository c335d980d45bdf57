/**
 * Makes a child process end when its host dies, even while its own event loop is blocked. The usual signals
 * (IPC 'disconnect', stdin 'end') are events, and a process stuck in a long or hung job never handles them;
 * Linux's PR_SET_PDEATHSIG is not reachable from Node. So a tiny watchdog thread, whose loop stays free,
 * checks the parent pid and kills this process when it changes (the orphan was re-parented).
 */
import { Worker } from 'node:worker_threads';

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(workerData.self, 'SIGKILL');
}, workerData.everyMs);
`;

/** Starts the watchdog; it never keeps the process alive by itself. */
export function exitWithParent(everyMs = 500): void {
  const watchdog = new Worker(WATCHDOG, {
    eval: true,
    workerData: { parent: process.ppid, self: process.pid, everyMs },
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    stdout: false,
    stderr: false,
  });
  watchdog.unref();
}
