/**
 * The load generator's keep-alive connections to a cluster generation: one per job running at once, each opened
 * only when that many jobs first run together.
 *
 * Not undici's Pool: it opens a second connection whenever the first is not yet back from its last response,
 * so one worker ready (the others still booting) already had two connections, and a keep-alive connection
 * stays with the worker it was dealt to for the whole run (measured: 2 workers served 449 and 0 jobs). The
 * engine runs no more jobs at once than its ready workers take, so connection k opens only once k workers
 * could serve, and the round-robin dealer gives it to the newest.
 */
import { Client } from 'undici';

export class JobConnections {
  private readonly clients: Client[] = [];
  private readonly inUse = new Set<Client>();

  constructor(private readonly origin: string) {}

  /**
   * An idle connection for the next job, the one idle longest (so jobs spread over all open connections, and over
   * the workers holding them), opening a new one only when none is idle.
   */
  take(): Client {
    let client = this.clients.find((c) => !this.inUse.has(c));
    if (!client) {
      client = new Client(this.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
      this.clients.push(client);
    }
    this.inUse.add(client);
    return client;
  }

  /** The job on `client` ended: it may carry the next. */
  give(client: Client): void {
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
