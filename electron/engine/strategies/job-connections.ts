/**
 * The load generator's connections to a cluster generation: one client per job running at once, each opened
 * only when that many jobs first run together, and each job one GET on one of them.
 *
 * Not undici's Pool: it opens a second connection whenever the first is not yet back from its last response,
 * so one worker ready (the others still booting) already had two connections, and a keep-alive connection
 * stays with the worker it was dealt to for the whole run (measured: 2 workers served 449 and 0 jobs). The
 * engine runs no more jobs at once than its ready workers take, so connection k opens only once k workers
 * could serve, and the round-robin dealer gives it to the newest.
 *
 * With `new-per-request` every request says `connection: close` (undici's `reset`), so its client's socket ends
 * with the answer and the client's next request opens a fresh one: the primary (round-robin) or the kernel
 * (OS scheduling) then decides anew for every request, where a few kept-alive connections were a few decisions
 * for the whole run.
 */
import { Client } from 'undici';
import type { ClusterConnection } from '../../../shared/constants';

/** What came back for one request: its status and its body as text. */
export interface JobAnswer {
  statusCode: number;
  body: string;
}

export class JobConnections {
  private readonly clients: Client[] = [];
  private readonly inUse = new Set<Client>();

  constructor(
    private readonly origin: string,
    private readonly mode: ClusterConnection = 'keep-alive',
  ) {}

  /**
   * GETs `path` on an idle connection and reads the answer. Throws what undici throws when the socket closes under
   * the request (the worker died) or `signal` aborts it.
   */
  async get(path: string, headers: Record<string, string>, signal?: AbortSignal): Promise<JobAnswer> {
    const client = this.take();
    try {
      const response = await client.request({ method: 'GET', path, headers, signal, reset: this.mode === 'new-per-request' });
      return { statusCode: response.statusCode, body: await response.body.text() };
    } finally {
      this.give(client);
    }
  }

  /**
   * An idle client for the next job, the one idle longest (so jobs spread over all open connections, and over
   * the workers holding them), opening a new one only when none is idle.
   */
  private take(): Client {
    let client = this.clients.find((c) => !this.inUse.has(c));
    if (!client) {
      client = new Client(this.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
      this.clients.push(client);
    }
    this.inUse.add(client);
    return client;
  }

  /** The job on `client` ended: it may carry the next. */
  private give(client: Client): void {
    this.inUse.delete(client);
    // To the back of the line: the next job takes the one idle longest.
    const at = this.clients.indexOf(client);
    if (at >= 0) this.clients.push(...this.clients.splice(at, 1));
  }

  /** Closes every connection (a job still running on one fails). */
  async destroy(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.destroy().catch(() => undefined)));
  }
}
