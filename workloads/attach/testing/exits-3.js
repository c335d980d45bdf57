// Attach fixture: a plain script that works for about a second on timers, writes to both of its streams, and
// exits with code 3. Its output must be the same with the agent as without it.
'use strict';
let turns = 0;
console.log('working');
const timer = setInterval(() => {
  // A little work on each turn, so the loop has something to measure.
  let sum = 0;
  for (let i = 0; i < 1e5; i++) sum += i % 7;
  if (++turns < 20) return;
  clearInterval(timer);
  console.log(`done ${sum > 0}`);
  console.error('about to exit with code 3');
  process.exitCode = 3;
}, 50);
