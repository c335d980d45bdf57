// A module that talks: on load and in every job, through console.log and straight to process.stdout, as a
// user's module being debugged does. The CLI's --json stdout must stay NDJSON whatever the strategy.
export const name = 'talkative sum';

console.log('prints.mjs: loaded');

export default function sum(size) {
  console.log(`prints.mjs: job of size ${size}`);
  process.stdout.write('prints.mjs: a raw write\n');
  let total = 0;
  for (let i = 0; i < size; i++) total += i;
  return total;
}
