/**
 * `cluster`: N `node:cluster` workers run an HTTP server on one loopback port; the engine is the load
 * generator, one keep-alive HTTP request per job (undici's Pool). Which worker serves a connection is the
 * cluster's scheduling policy (round-robin by the primary, except on Windows), visible in the per-worker
 * request counts.
 *
 * `cluster.setupPrimary({ exec })` names the entry file: without it cluster forks `process.argv[1]`, which is
 * the Electron app or the CLI, not a worker. Every generation of workers gets its own port, so during a switch
 * the old workers never receive the new strategy's requests.
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
import { UnitTable } from '../unit-table';
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
  private readonly workers = new Map<ClusterWorker, Promise<void>>();
  private readonly perUnit: number;
  private client: Pool | null = null;
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle);
    this.perUnit = isCpuBound(context.config.workload) ? 1 : IO_JOBS_PER_UNIT;
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    const port = await freePort();
    cluster.setupPrimary({ exec: ENTRY_PATHS.clusterWorker, args: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const env = childEnv({ intervalMs: this.context.unitIntervalMs }, { [CLUSTER_PORT_ENV]: String(port) });
    const listening = Array.from({ length: this.context.config.poolSize }, () => this.fork(env));
    await Promise.all(listening);
    if (this.closing) return;
    // One connection per job the cluster may run at once: a closed loop over keep-alive sockets.
    this.client = new Pool(`http://127.0.0.1:${port}`, {
      connections: this.capacity(this.context.config.workload),
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
  }

  private fork(env: NodeJS.ProcessEnv): Promise<void> {
    const createdAt = performance.now();
    const worker = cluster.fork(env);
    const unit = this.table.add('process', worker.process.pid ?? -1, null, createdAt);
    worker.on('message', (message: unknown) => {
      if (!isUnitMessage(message)) return;
      if (message.type === 'sample') this.table.sample(unit, message.sample);
      else if (message.type === 'job-start') this.table.jobStarted(unit, message.jobId);
    });
    this.workers.set(
      worker,
      new Promise<void>((resolve) =>
        worker.once('exit', (code, signal) => {
          this.workers.delete(worker);
          // exitedAfterDisconnect: the primary asked it to leave (stop, switch); otherwise it crashed.
          this.table.exited(unit, code, signal, this.closing || worker.exitedAfterDisconnect === true);
          if (!this.closing) this.context.reportError(`cluster worker ${unit.pid} exited (${signal ?? `code ${code}`})`, unit.id);
          resolve();
        }),
      ),
    );
    return new Promise<void>((resolve) => {
      worker.once('listening', () => {
        this.table.ready(unit);
        resolve();
      });
      worker.once('exit', () => resolve());
    });
  }

  capacity(workload: WorkloadName): number {
    return this.context.config.poolSize * (isCpuBound(workload) ? 1 : this.perUnit);
  }

  async run(job: QueuedJob): Promise<JobResult> {
    await this.ready;
    if (this.closing || !this.client) throw new Error('strategy stopped before the job started');
    const response = await this.client.request({
      method: 'GET',
      path: `/job?workload=${job.workload}&size=${job.size}&id=${job.id}`,
    });
    const body = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${body}`);
    const result = JSON.parse(body) as JobResult;
    const unit = this.table.find('process', result.pid);
    if (unit) this.table.jobEnded(unit, job.id, true);
    return result;
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.workers.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    await this.ready.catch(() => undefined);
    // Close the sockets first: a worker's server only closes once its keep-alive connections are gone.
    await this.client?.destroy().catch(() => undefined);
    for (const worker of this.workers.keys()) {
      worker.disconnect();
      setTimeout(() => worker.process.kill('SIGKILL'), EXIT_GRACE_MS).unref();
    }
    await Promise.all(this.workers.values());
  }
}
