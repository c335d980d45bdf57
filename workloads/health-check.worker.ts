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

const settings = workerData as HealthCheckSettings;
const { url, timeoutMs } = settings;
// One kept-alive socket, like a balancer's: the latency is the server's answer, not a TCP handshake.
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Each check's result goes to the host as it comes: the host has just answered it, so it is awake anyway. */
function report(latencyMs: number | null): void {
  parentPort?.postMessage({ latencyMs } satisfies HealthReport);
}

function check(): void {
  const sentAt = performance.now();
  let done = false;
  const finish = (latencyMs: number | null) => {
    if (done) return;
    done = true;
    report(latencyMs);
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

let everyMs = settings.everyMs;
let checking: NodeJS.Timeout | null = settings.checking ? setInterval(check, everyMs) : null;
// Sampling off: no checks (their cost is part of what `npm run bench` measures), until it is on again. The host
// asks once per tick on main-thread, once a second with threads or processes, and every 50 ms in an experiment
// that shows or judges the checks (electron/engine/probes/health-probe.ts, healthCheckEveryMs).
parentPort?.on('message', (control: HealthCheckControl) => {
  const changed = control.everyMs !== everyMs;
  everyMs = control.everyMs;
  if (checking && (!control.checking || changed)) {
    clearInterval(checking);
    checking = null;
  }
  if (control.checking && !checking) checking = setInterval(check, everyMs);
});
