/**
 * The lab's health checker: a thread of its own that asks the host's health endpoint on a fixed schedule, as a
 * load balancer would, and reports each answer's latency or its timeout. It must not live on the host's event
 * loop: a checker there would stop sending while the loop is blocked and never see the block it should measure
 * (coordinated omission). From its own loop it keeps sending on time, and every request waits for as long as
 * the host is blocked.
 */
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { HealthCheckControl, HealthCheckSettings, HealthReport } from '../shared/unit-protocol';

const { url, everyMs, timeoutMs } = workerData as HealthCheckSettings;
// One kept-alive socket, like a balancer's: the latency is the server's answer, not a TCP handshake.
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
let pending: HealthReport['checks'] = [];

function check(): void {
  const sentAt = performance.now();
  let done = false;
  const finish = (latencyMs: number | null) => {
    if (done) return;
    done = true;
    pending.push(latencyMs);
  };
  const request = get(url, { agent, timeout: timeoutMs }, (response) => {
    response.resume();
    response.once('end', () => finish(response.statusCode === 200 ? performance.now() - sentAt : null));
  });
  request.once('timeout', () => {
    finish(null);
    request.destroy();
  });
  request.once('error', () => finish(null));
}

let checking: NodeJS.Timeout | null = setInterval(check, everyMs);
// Sampling off: no checks (their cost is part of what `npm run bench` measures), until it is on again.
parentPort?.on('message', (control: HealthCheckControl) => {
  if (control.checking && !checking) checking = setInterval(check, everyMs);
  if (!control.checking && checking) {
    clearInterval(checking);
    checking = null;
  }
});
// Reports go out in batches: one message per batch costs the host less than one per check.
setInterval(() => {
  if (pending.length === 0) return;
  parentPort?.postMessage({ checks: pending } satisfies HealthReport);
  pending = [];
}, Math.max(everyMs, 100));
