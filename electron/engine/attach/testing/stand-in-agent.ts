/**
 * A small agent that speaks the protocol of shared/attach.ts, for the lab side's tests (preloaded with
 * `--import`, as the real one is): one connection per thread, a hello with the token, a report every interval
 * with the loop's delay and utilisation, its busy time on the slice grid, HTTP from diagnostics_channel and the
 * workers its thread made. It is not the lab's agent (workloads/attach/agent.ts): what the tests check is the lab,
 * with a client that does what the protocol says and nothing clever.
 */
import * as diagnostics from 'node:diagnostics_channel';
import * as net from 'node:net';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, threadId, type Worker } from 'node:worker_threads';
import { SliceBins } from '../../../../shared/activity/busy-slices';
import { ATTACH_ENV, STATUS_CLASSES, type AgentHttp, type AgentMessage, type StatusClass } from '../../../../shared/attach';
import { bucketOf, mergeBuckets } from '../latency-buckets-stand-in';

const port = Number(process.env[ATTACH_ENV.port]);
const token = process.env[ATTACH_ENV.token] ?? '';
const intervalMs = Number(process.env[ATTACH_ENV.intervalMs]) || 200;

function run(): void {
  const socket = net.connect(port, '127.0.0.1');
  socket.unref();
  socket.on('error', () => undefined);
  const send = (message: AgentMessage) => {
    if (!socket.destroyed && socket.writableLength < 1_048_576) socket.write(`${JSON.stringify(message)}\n`);
  };
  send({ type: 'hello', token, pid: process.pid, ppid: process.ppid, threadId, argv: process.argv, node: process.version, startedAt: performance.timeOrigin + performance.now() });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const slices = new SliceBins();
  let lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  let lastAt = performance.timeOrigin + performance.now();
  let lastCpu = process.cpuUsage();
  const http = { served: false, started: 0, finished: Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as Record<StatusClass, number>, aborted: 0, buckets: [] as number[] };
  const workers = new Map<number, { worker: Worker; last: EventLoopUtilization | null }>();

  const startedAt = new WeakMap<object, number>();
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: object };
    http.served = true;
    http.started++;
    startedAt.set(request, performance.now());
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const began = startedAt.get(request);
    const name = `${Math.min(5, Math.max(1, Math.floor(response.statusCode / 100)))}xx` as StatusClass;
    http.finished[name]++;
    if (began !== undefined) http.buckets = mergeBuckets(http.buckets, [bucketOf(performance.now() - began), 1]);
  });
  process.on('worker', (worker: Worker) => {
    workers.set(worker.threadId, { worker, last: null });
    worker.on('exit', () => workers.delete(worker.threadId));
  });

  const timer = setInterval(() => {
    const now = performance.timeOrigin + performance.now();
    const elu = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(elu, lastElu);
    slices.spreadBusy(lastAt, now, window.active);
    lastElu = elu;
    const cpu = process.cpuUsage();
    const elapsedUs = Math.max(1, (now - lastAt) * 1000);
    const cpuShare = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / elapsedUs;
    lastCpu = cpu;
    lastAt = now;
    const report: AgentHttp | null = http.served ? { started: http.started, finished: { ...http.finished }, aborted: http.aborted, latencyBuckets: http.buckets } : null;
    http.started = 0;
    http.aborted = 0;
    http.buckets = [];
    for (const name of STATUS_CLASSES) http.finished[name] = 0;
    const seen = [...workers.entries()].map(([id, entry]) => {
      const current = entry.worker.performance.eventLoopUtilization();
      const share = entry.last ? entry.worker.performance.eventLoopUtilization(current, entry.last).utilization : null;
      entry.last = current;
      return { threadId: id, elu: share };
    });
    send({
      type: 'sample',
      sample: {
        eld: delay.count > 0 ? { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } : null,
        elu: window.utilization,
        cpu: isMainThread ? Math.min(1, cpuShare) : null,
        rss: isMainThread ? process.memoryUsage.rss() : null,
        heapUsed: getHeapStatistics().used_heap_size,
      },
      activity: slices.takeActivity(now),
      http: report,
      workers: seen,
    });
    delay.reset();
  }, intervalMs);
  timer.unref();
}

if (port > 0 && token.length > 0) run();
