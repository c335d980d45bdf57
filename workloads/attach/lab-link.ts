/**
 * One thread's line to the lab: a TCP connection to 127.0.0.1, NDJSON out, nothing in. It must never change the
 * app: the socket is unref'd (it never keeps the app alive), every error is swallowed (a refused connect, a reset,
 * the lab gone), and once it closes for any reason it stays closed and says so once (`onClosed`): the agent then
 * stops measuring altogether. What the lab sends is discarded unread (the socket flows into nowhere, which also
 * lets it see the lab's end of the connection at once): the agent takes no commands.
 * While the lab does not keep up, lines are dropped rather than queued: the app's memory is not the agent's buffer.
 */
import { connect, type Socket } from 'node:net';

/** Beyond this many bytes waiting to be written, a line is dropped: a few seconds of reports of a busy thread. */
export const MAX_BACKLOG_BYTES = 256 * 1024;

export class LabLink {
  private readonly socket: Socket;
  private closed = false;
  /** Lines dropped because the socket was backed up. */
  dropped = 0;

  constructor(port: number, onClosed: () => void) {
    this.socket = connect({ host: '127.0.0.1', port });
    this.socket.unref();
    this.socket.setNoDelay(true);
    this.socket.on('error', () => {
      // 'close' follows; an error here is the lab's absence, nothing the app should hear of.
    });
    this.socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      onClosed();
    });
    this.socket.resume();
  }

  /** Sends one message as a line; false when it was dropped (closed, or backed up past {@link MAX_BACKLOG_BYTES}). */
  send(message: unknown): boolean {
    if (this.closed || this.socket.destroyed) return false;
    if (this.socket.writableLength > MAX_BACKLOG_BYTES) {
      this.dropped++;
      return false;
    }
    this.socket.write(`${JSON.stringify(message)}\n`);
    return true;
  }

  /** Closes the connection (the agent stopping on its own); `onClosed` is not called for it. */
  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
