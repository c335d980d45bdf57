// Attach fixture: a worker thread built from a file (so the agent is preloaded in it) that works on a timer
// for `workerData.lifeMs` and ends.
'use strict';
const { workerData } = require('node:worker_threads');
const end = Date.now() + workerData.lifeMs;
const timer = setInterval(() => {
  let sum = 0;
  for (let i = 0; i < 1e5; i++) sum += i;
  if (Date.now() > end) clearInterval(timer);
}, 20);
