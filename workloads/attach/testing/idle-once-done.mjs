// Attach fixture: an ES module that awaits one small thing at its top level and then has nothing left to wait
// for, so Node exits on its own. The agent (its socket, its timer) must not keep it alive.
import { setTimeout as sleep } from 'node:timers/promises';

await sleep(100);
console.log('done');
