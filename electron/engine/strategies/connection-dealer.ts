/**
 * Round-robin scheduling for `cluster`, done by the lab's primary: it accepts every connection and deals each to
 * the next worker in turn over IPC, one at a time per worker, which is what node:cluster's SCHED_RR does.
 *
 * Written by hand because Node loses a connection handed to a worker that dies before acknowledging it, twice
 * over: node:cluster's round-robin never hears back, so the connection is neither served nor closed
 * (nodejs/node#21746; its fix, PR #21940, was never merged); and child_process's handle passing postpones the
 * channel's disconnect until an acknowledgement that never comes, so the pending handle it would close stays open.
 * Either way the client's request hung until the lab gave up on it and the primary held the socket for good
 * (measured: 4 of 11 runs that killed a worker while the pool was booting). So the dealer keeps its own copy of
 * every connection it deals (`keepOpen`) until the worker says it took it, and closes that copy itself: at once
 * when taken (the worker's copy keeps the connection), or when the worker leaves first (the client then sees the
 * connection close and the job fails with the dead unit named).
 */
import type { Worker as ClusterWorker } from 'node:cluster';
import type { Socket } from 'node:net';
import { CLUSTER_CONNECTION } from '../../../shared/unit-protocol';

export class ConnectionDealer {
  /** Workers that can be dealt a connection now (each has taken the last one it was dealt). */
  private readonly free: ClusterWorker[] = [];
  /**
   * When each worker was last dealt a connection (a count of deals): the free worker dealt least recently goes
   * next, a new one first. Plain first-free order would deal a worker that joined late (still booting when the
   * first connections came) nothing while an earlier one keeps coming back free: with keep-alive connections
   * that leaves it idle for the whole run (measured: 2 workers at 0.9x the throughput of 1).
   */
  private readonly lastDealt = new WeakMap<ClusterWorker, number>();
  private deals = 0;
  /** Connections accepted while no worker was free. */
  private readonly waiting: Socket[] = [];
  /** Workers still in the game (ready, not gone): only these come back to {@link free}. */
  private readonly serving = new Set<ClusterWorker>();
  /** The primary's copy of the connection each worker was dealt and has not said it took. */
  private readonly dealt = new Map<ClusterWorker, Socket>();
  private closed = false;

  /** A worker ready to serve. */
  add(worker: ClusterWorker): void {
    if (this.closed || this.serving.has(worker)) return;
    this.serving.add(worker);
    this.free.push(worker);
    this.deal();
  }

  /** A worker that left or is leaving: it is dealt nothing more. */
  remove(worker: ClusterWorker): void {
    this.serving.delete(worker);
    this.closeDealt(worker);
    const at = this.free.indexOf(worker);
    if (at >= 0) this.free.splice(at, 1);
  }

  /** A connection the primary accepted (paused, so nothing is read before a worker has it). */
  take(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.waiting.push(socket);
    this.deal();
  }

  /** `worker` took the connection it was dealt: it is free for the next. */
  taken(worker: ClusterWorker): void {
    this.closeDealt(worker);
    if (!this.serving.has(worker) || this.free.includes(worker)) return;
    this.free.push(worker);
    this.deal();
  }

  /** No more connections: the waiting ones are closed (their clients see the strategy end). */
  close(): void {
    this.closed = true;
    this.free.length = 0;
    this.serving.clear();
    for (const socket of this.waiting.splice(0)) socket.destroy();
    for (const worker of [...this.dealt.keys()]) this.closeDealt(worker);
  }

  /** Takes the free worker dealt least recently out of {@link free}. */
  private nextWorker(): ClusterWorker {
    let best = 0;
    for (let i = 1; i < this.free.length; i++) {
      if ((this.lastDealt.get(this.free[i]) ?? 0) < (this.lastDealt.get(this.free[best]) ?? 0)) best = i;
    }
    return this.free.splice(best, 1)[0];
  }

  /** Closes the primary's copy of what `worker` was dealt: only the last copy closed ends a connection. */
  private closeDealt(worker: ClusterWorker): void {
    this.dealt.get(worker)?.destroy();
    this.dealt.delete(worker);
  }

  private deal(): void {
    while (this.waiting.length > 0 && this.free.length > 0) {
      const worker = this.nextWorker();
      if (!worker.isConnected()) {
        this.serving.delete(worker);
        continue;
      }
      const socket = this.waiting.shift() as Socket;
      this.dealt.set(worker, socket);
      this.lastDealt.set(worker, ++this.deals);
      // A send that fails (the channel closed meanwhile) reaches no one: the copy closed, the client sees it.
      worker.send({ type: CLUSTER_CONNECTION }, socket, { keepOpen: true }, (error) => error && this.closeDealt(worker));
    }
  }
}
