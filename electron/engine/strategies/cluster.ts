/**
 * `cluster`: N `node:cluster` workers run an HTTP server on one loopback port; the engine is the load
 * generator, one keep-alive HTTP request per job (undici's Pool). Which worker serves a connection is the
 * cluster's scheduling policy (round-robin by the primary, except on Windows), visible in the per-worker
 * request counts.
 *
 * `cluster.setupPrimary({ exec })` names the entry file: without it cluster forks `process.argv[1]`, which is
 * the Electron app or the CLI, not a worker. Every generation of workers gets its own port, so during a switch
 * the old workers never receive the new strategy's requests. A worker the primary disconnects leaves on
 * request (`exitedAfterDisconnect`), which the supervisor never takes for a crash.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:net';
import { Pool } from 'undici';
import { CLUSTER_PORT_ENV, CLUSTER_THREADS_ENV, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { clusterHandle, type UnitHandle } from '../supervision/unit-handle';
import { strategyClosed, UnitDiedError } from '../unit-errors';
import { processExecArgv } from '../unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

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

export class ClusterStrategy extends SupervisedStrategy {
  readonly name: 'cluster' | 'cluster-pool';
  /** The load generator's connections; it exists before any worker can be ready, so before any job. */
  private client: Pool | null = null;
  private readonly started: Promise<void>;
  private env: NodeJS.ProcessEnv = {};

  /**
   * @param threadsPerProcess worker threads each process runs its jobs on; 0 runs them on the process's own loop
   */
  constructor(
    context: StrategyContext,
    name: 'cluster' | 'cluster-pool' = 'cluster',
    private readonly threadsPerProcess = 0,
  ) {
    super(context, 'pool', name);
    this.name = name;
    this.started = this.start().catch((error: Error) => context.reportError(`cluster failed to start: ${error.message}`, this.name));
  }

  private async start(): Promise<void> {
    const port = await freePort();
    if (this.closing) return;
    // One connection per job the cluster may run at once: a closed loop over keep-alive sockets.
    this.client = new Pool(`http://127.0.0.1:${port}`, {
      connections: this.context.config.poolSize * this.jobsPerUnit(this.context.config.workload),
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
    this.env = childEnv(this.context.unitSettings, { [CLUSTER_PORT_ENV]: String(port), [CLUSTER_THREADS_ENV]: String(this.threadsPerProcess) });
    this.supervisor.launch(this.context.config.poolSize, () => this.fork());
  }

  private fork(): UnitHandle {
    // setupPrimary is process-wide: set it before every fork, so a generation draining during a switch
    // replaces its workers with its own settings, not the new generation's.
    cluster.setupPrimary({
      exec: ENTRY_PATHS.clusterWorker,
      args: [],
      execArgv: processExecArgv(this.context.config),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return clusterHandle(cluster.fork(this.env));
  }

  protected async runJob(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    const client = this.client;
    if (this.closing || !client) throw strategyClosed();
    const fault = job.fault ? `&fault=${job.fault}` : '';
    let body: string;
    let statusCode: number;
    try {
      const response = await client.request({ method: 'GET', path: `/job?workload=${job.workload}&size=${job.size}&id=${job.id}${fault}`, signal });
      statusCode = response.statusCode;
      body = await response.body.text();
    } catch (error) {
      // The socket closed under the request: the worker serving it died (named when it had announced the job).
      const runner = this.supervisor.runnerOf(job.id);
      this.supervisor.jobEnded(job.id, false);
      if (signal?.aborted) throw error;
      throw new UnitDiedError(`${runner?.id ?? 'the cluster worker'} died during the request: ${(error as Error).message}`);
    }
    if (statusCode !== 200) {
      this.supervisor.jobEnded(job.id, false);
      throw new Error(`HTTP ${statusCode}: ${body}`);
    }
    const result = JSON.parse(body) as JobResult;
    this.supervisor.jobEnded(job.id, true, this.supervisor.find('process', result.pid));
    return result;
  }

  protected override async close(): Promise<void> {
    await this.started;
    // Close the sockets first: a worker's server only closes once its keep-alive connections are gone.
    await this.client?.destroy().catch(() => undefined);
  }
}
