/**
 * `cluster`: N `node:cluster` workers serve HTTP on one loopback port; the engine is the load generator, one
 * HTTP request per job, on a kept-alive connection or a new one per request (`clusterConnection`; undici, see
 * job-connections.ts). Which worker serves a connection is the generation's scheduling,
 * visible in the per-worker request counts.
 *
 * `cluster.setupPrimary({ exec })` names the entry file: without it cluster forks `process.argv[1]`, which is the
 * Electron app or the CLI, not a worker. Every generation of workers gets its own port, so during a switch the old
 * workers never receive the new strategy's requests. A worker the primary disconnects leaves on request
 * (`exitedAfterDisconnect`), which the supervisor never takes for a crash.
 *
 * Scheduling, per generation (no worker listens through node:cluster, so the process-wide, frozen-at-first-use
 * `cluster.schedulingPolicy` plays no part):
 * - `rr`: the primary listens, accepts every connection and deals each to the next worker in turn over IPC, as
 *   node:cluster's SCHED_RR does, but without its loss of a connection handed to a dying worker (see
 *   connection-dealer.ts).
 * - `none`: what node:cluster's SCHED_NONE does: the primary binds the port without listening
 *   (`net._createServerHandle`, the internal helper SharedHandle itself calls) and sends that socket to every
 *   worker, which listens on it directly; the kernel then decides which worker's accept() gets each connection.
 */
import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { CLUSTER_CONNECTION_TAKEN, CLUSTER_HANDLE, CLUSTER_LISTENING, CLUSTER_SCHEDULING_ENV, CLUSTER_THREADS_ENV, CLUSTER_TOKEN_ENV, CLUSTER_TOKEN_HEADER, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { clusterHandle, type UnitHandle } from '../supervision/unit-handle';
import { strategyClosed, UnitDiedError } from '../unit-errors';
import { processExecArgv } from '../probes/unit-options';
import { ConnectionDealer } from './connection-dealer';
import { JobConnections, type JobAnswer } from './job-connections';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

/** A free loopback port, found by letting the OS pick one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bound, not listening, TCP socket handle (the primary's side of OS scheduling). */
interface ServerHandle {
  close(): void;
}

/**
 * Binds `port` on loopback without listening: Node's own helper for SharedHandle (undocumented, present in
 * Node 20 to 24's net module). A number is an errno.
 */
function boundHandle(port: number): ServerHandle {
  const create = (net as unknown as { _createServerHandle?(address: string, port: number, addressType: number): ServerHandle | number })._createServerHandle;
  if (!create) throw new Error('clusterScheduling none: this Node has no net._createServerHandle');
  const handle = create('127.0.0.1', port, 4);
  if (typeof handle === 'number') throw new Error(`clusterScheduling none: cannot bind port ${port} (errno ${handle})`);
  return handle;
}

/** The primary's listening server of round-robin scheduling, on a port the OS picks; paused connections go to `dealer`. */
function dealingServer(dealer: ConnectionDealer): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ pauseOnConnect: true }, (socket) => dealer.take(socket));
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}

export class ClusterStrategy extends SupervisedStrategy {
  readonly name: 'cluster' | 'cluster-pool';
  /** The load generator's connections; it exists before any worker can be ready, so before any job. */
  private client: JobConnections | null = null;
  private readonly started: Promise<void>;
  private env: NodeJS.ProcessEnv = {};
  /** The shared socket of OS scheduling (`none`), sent to every worker this generation starts. */
  private handle: ServerHandle | null = null;
  /** Round-robin scheduling (`rr`): the primary's server and who deals its connections. */
  private server: net.Server | null = null;
  private readonly dealer = new ConnectionDealer();
  /** Proves a request comes from this engine (see CLUSTER_TOKEN_ENV). */
  private readonly token = randomBytes(16).toString('hex');

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
    const scheduling = this.context.config.clusterScheduling;
    let port: number;
    if (scheduling === 'none') {
      port = await freePort();
      if (this.closing) return;
      this.handle = boundHandle(port);
    } else {
      ({ server: this.server, port } = await dealingServer(this.dealer));
      if (this.closing) return;
    }
    this.client = new JobConnections(`http://127.0.0.1:${port}`, this.context.config.clusterConnection);
    this.env = childEnv(this.context.unitSettings, {
      [CLUSTER_THREADS_ENV]: String(this.threadsPerProcess),
      [CLUSTER_SCHEDULING_ENV]: scheduling,
      [CLUSTER_TOKEN_ENV]: this.token,
    });
    this.supervisor.launch(this.context.config.poolSize, () => this.fork());
  }

  private fork(): UnitHandle {
    // setupPrimary is process-wide: set it before every fork, so a generation draining during a switch
    // replaces its workers with its own settings, not the new generation's.
    cluster.setupPrimary({
      exec: ENTRY_PATHS.clusterWorker,
      args: [],
      execArgv: processExecArgv(this.context.config),
      // The worker's stdout (a custom module's console.log) to our stderr: our stdout is the CLI's NDJSON.
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    const worker = cluster.fork(this.env);
    // Sent at once: the message waits in the channel until the worker listens for it.
    if (this.handle) worker.send({ type: CLUSTER_HANDLE }, this.handle as unknown as net.Server, () => undefined);
    const handle = clusterHandle(worker);
    if (!this.server) return handle;
    this.dealTo(worker);
    // Dealt nothing more once asked to leave: a connection sent after the disconnect request reaches a worker
    // whose channel is closing, and Node's child_process asserts there (ERR_INTERNAL_ASSERTION: the worker dies
    // acknowledging the handle). With a new connection per request a switch under load did that to 3 workers of
    // 8 in one run. One dealt before it is safe: Node queues the disconnect request behind the handle's ack.
    return {
      ...handle,
      stop: () => {
        this.dealer.remove(worker);
        handle.stop();
      },
    };
  }

  /** Round-robin: `worker` is dealt connections once it says it serves, and none once it is leaving. */
  private dealTo(worker: ClusterWorker): void {
    const dealer = this.dealer;
    const onMessage = (message: unknown) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === CLUSTER_LISTENING) dealer.add(worker);
      else if (type === CLUSTER_CONNECTION_TAKEN) dealer.taken(worker);
    };
    const leave = () => {
      dealer.remove(worker);
      // Dropped at exit: node:cluster may keep a dead worker reachable (see unit-handle.ts), never the dealer.
      worker.off('message', onMessage);
      worker.off('disconnect', leave);
      worker.off('exit', leave);
    };
    worker.on('message', onMessage);
    worker.once('disconnect', leave);
    worker.once('exit', leave);
  }

  protected async runJob(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    const connections = this.client;
    if (this.closing || !connections) throw strategyClosed();
    const fault = job.fault ? `&fault=${job.fault}` : '';
    const path = `/job?workload=${job.workload}&size=${job.size}&id=${job.id}${fault}${job.workloadFile ? `&file=${encodeURIComponent(job.workloadFile)}` : ''}`;
    let answer: JobAnswer;
    try {
      answer = await connections.get(path, { [CLUSTER_TOKEN_HEADER]: this.token }, signal);
    } catch (error) {
      // The socket closed under the request: the worker serving it died (named when it had announced the job).
      const runner = this.supervisor.runnerOf(job.id);
      this.supervisor.jobEnded(job.id, false);
      if (signal?.aborted) throw error;
      throw new UnitDiedError(`${runner?.id ?? 'the cluster worker'} died during the request: ${(error as Error).message}`);
    }
    if (answer.statusCode !== 200) {
      this.supervisor.jobEnded(job.id, false);
      throw new Error(`HTTP ${answer.statusCode}: ${answer.body}`);
    }
    const result = JSON.parse(answer.body) as JobResult;
    this.supervisor.jobEnded(job.id, true, this.supervisor.find('process', result.pid));
    return result;
  }

  protected override async close(): Promise<void> {
    await this.started;
    // Close the sockets first: a worker's server only closes once its keep-alive connections are gone.
    await this.client?.destroy().catch(() => undefined);
    // The workers hold their own copies of the socket; the primary's is only for replacements.
    this.handle?.close();
    this.handle = null;
    this.dealer.close();
    this.server?.close();
    this.server = null;
  }
}
