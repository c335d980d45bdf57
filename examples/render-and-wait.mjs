// A mixed workload: like a request handler, it awaits (a lookup that takes a few ms, here a timer standing in
// for a database or a cache), then renders a template of `size` rows on its thread (CPU), then awaits a hash
// of the page on libuv's thread pool. Its thread is busy only part of the time; the waits overlap nothing else,
// because the lab runs one job per thread at a time.
//
//   npm run lab -- --workload-file examples/render-and-wait.mjs --strategy cluster --rate 50 --duration 5

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export const name = 'render + await';
export const sizes = { default: 2000, min: 1, max: 200000, unit: 'rows' };

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function render(rows) {
  const parts = ['<table>'];
  for (const row of rows) parts.push(`<tr><td>${row.id}</td><td>${escape(row.name)}</td><td>${row.score.toFixed(2)}</td></tr>`);
  parts.push('</table>');
  return parts.join('\n');
}

export default async function renderPage(size) {
  await sleep(5); // the "query"
  const rows = Array.from({ length: size }, (_, id) => ({ id, name: `user <${id}> & "friends"`, score: (id * 7919) % 1000 / 10 }));
  const html = render(rows);
  const digest = await new Promise((resolve) => setImmediate(() => resolve(createHash('sha256').update(html).digest('hex'))));
  return { rows: size, bytes: html.length, digest };
}

export function check(size, result) {
  return result?.rows === size && result.bytes > size * 40 && /^[0-9a-f]{64}$/.test(result.digest);
}
