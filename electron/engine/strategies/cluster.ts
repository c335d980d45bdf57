/**
 * `cluster`: N `node:cluster` workers run an HTTP server on one loopback port; the engine is the load
 * generator, one keep-alive HTTP request per job (undici's Pool). Which worker serves a connection is the
 * cluster's scheduling policy (round-robin by the primary, except on Windows), visible in the per-worker
 * request counts.
 *
 * `cluster.setupPrimary({ exec })` names the entry file: without it cluster forks `process.argv[1]`, which is
 * the Electron app or the CLI, not a worker. Every generation of workers gets its own port, so during a switch
 * the old workers never receive the new strategy's requests.
 *
 * Supervision: a worker that exits without `exitedAfterDisconnect` crashed: it is replaced after the restart
 * backoff. A worker we disconnect (stop, switch) leaves voluntarily and is not replaced.
 */
import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { IO_JOBS_PER_UNIT, isCpuBound, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import { CLUSTER_PORT_ENV, isUnitMessage, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { RestartBackoff } from '../restart-backoff';
import { crashDetail, strategyClosed, UnitDiedError } from '../unit-errors';
import { processExecArgv, unitSettings } from '../unit-options';
import { UnitTable, type UnitRecord } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

const EXIT_GRACE_MS = 2_000;

/** A free loopback port, found by letting the OS pick one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class ClusterStrategy implements Strategy {
  readonly name = 'cluster' as const;
  readonly ready: Promise<void>;
  private readonly table: UnitTable;
  private readonly workers = new Map<ClusterWorker, { unit: UnitRecord; exited: Promise<void> }>();
  private readonly backoff = new RestartBackoff();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private readonly perUnit: number;
  private env: NodeJS.ProcessEnv = {};
  private client: Pool | null = null;
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle, context.unitIntervalMs);
    this.perUnit = isCpuBound(context.config.workload) ? 1 : IO_JOBS_PER_UNIT;
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    const port = await freePort();
    this.env = childEnv(unitSettings(this.context.config, this.context.unitIntervalMs > 0), { [CLUSTER_PORT_ENV]: String(port) });
    await Promise.all(Array.from({ length: this.context.config.poolSize }, () => this.fork()));
    if (this.closing) return;
    // One connection per job the cluster may run at once: a closed loop over keep-alive sockets.
    this.client = new Pool(`http://127.0.0.1:${port}`, {
      connections: this.context.config.poolSize * (isCpuBound(this.context.config.workload) ? 1 : this.perUnit),
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
    this.context.wake();
  }

  /** Forks one worker; resolves once it listens (or is gone). */
  private fork(): Promise<void> {
    const createdAt = performance.now();
    // setupPrimary is process-wide: set it before every fork, so a generation draining during a switch
    // replaces its workers with its own settings, not the new generation's.
    cluster.setupPrimary({
      exec: ENTRY_PATHS.clusterWorker,
      args: [],
      execArgv: processExecArgv(this.context.config),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const worker = cluster.fork(this.env);
    const unit = this.table.add('process', worker.process.pid ?? -1, null, createdAt);
    worker.on('message', (message: unknown) => {
      if (!isUnitMessage(message)) return;
      if (message.type === 'sample') this.table.sample(unit, message.sample);
      else if (message.type === 'job-start') this.table.jobStarted(unit, message.jobId);
    });
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', (code, signal) => {
        this.workers.delete(worker);
        // exitedAfterDisconnect: the primary asked it to leave (stop, switch); otherwise it died.
        const voluntary = this.closing || worker.exitedAfterDisconnect === true;
        const detail = crashDetail(code, signal, null, this.context.config.memoryLimitMb);
        const cause = this.table.exited(unit, code, signal, voluntary ? 'stop' : 'crash', detail);
        if (!voluntary) this.replace(cause === 'crash' ? this.backoff.crashed() : 0);
        resolve();
      }),
    );
    this.workers.set(worker, { unit, exited });
    return new Promise<void>((resolve) => {
      worker.once('listening', () => {
        this.table.ready(unit);
        this.context.wake();
        resolve();
      });
      worker.once('exit', () => resolve());
    });
  }

  private replace(delayMs: number): void {
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closing) void this.fork();
    }, delayMs);
    this.restarts.add(timer);
  }

  /** Room on the workers that listen now. */
  capacity(workload: WorkloadName): number {
    if (!this.client) return 0;
    // A worker we just killed still counts as listening until its exit arrives: not any more.
    const listening = [...this.workers].filter(([worker, { unit }]) => !worker.process.killed && (unit.state === 'idle' || unit.state === 'busy')).length;
    return listening * (isCpuBound(workload) ? 1 : this.perUnit);
  }

  async run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    await this.ready;
    if (this.closing || !this.client) throw strategyClosed();
    signal?.addEventListener('abort', () => {
      // Cancelling the request is not enough: the worker would go on computing. End the one running it.
      const unit = this.table.runningJob(job.id);
      const worker = unit && this.workerOf(unit);
      if (!unit || !worker) return;
      this.table.expectExit(unit, 'timeout');
      worker.process.kill('SIGKILL');
    });
    const fault = job.fault ? `&fault=${job.fault}` : '';
    let body: string;
    let statusCode: number;
    try {
      const response = await this.client.request({ method: 'GET', path: `/job?workload=${job.workload}&size=${job.size}&id=${job.id}${fault}`, signal });
      statusCode = response.statusCode;
      body = await response.body.text();
    } catch (error) {
      this.table.jobEnded(job.id, false);
      if (signal?.aborted) throw error;
      // The socket closed under the request: the worker serving it died.
      throw new UnitDiedError(`cluster worker died during the request: ${(error as Error).message}`);
    }
    if (statusCode !== 200) {
      this.table.jobEnded(job.id, false);
      throw new Error(`HTTP ${statusCode}: ${body}`);
    }
    const result = JSON.parse(body) as JobResult;
    this.table.jobEnded(job.id, true, this.table.find('process', result.pid));
    return result;
  }

  crash(unitId?: string): string | null {
    return this.table.crash(unitId, (unit) => this.workerOf(unit)?.process.kill('SIGKILL') === true);
  }

  private workerOf(unit: UnitRecord): ClusterWorker | undefined {
    return [...this.workers].find(([, entry]) => entry.unit === unit)?.[0];
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.workers.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    this.restarts.forEach(clearTimeout);
    await this.ready.catch(() => undefined);
    // Close the sockets first: a worker's server only closes once its keep-alive connections are gone.
    await this.client?.destroy().catch(() => undefined);
    for (const worker of this.workers.keys()) {
      worker.disconnect();
      setTimeout(() => worker.process.kill('SIGKILL'), EXIT_GRACE_MS).unref();
    }
    await Promise.all([...this.workers.values()].map((entry) => entry.exited));
  }
}
