/**
 * Quitting without leaving anything behind. The engine owns worker threads and child/cluster processes;
 * `engine.dispose()` ends them all. Electron's `before-quit` cannot await, so main prevents the first quit,
 * disposes, and quits again once this says it is done. Signals (Ctrl+C in the terminal of `npm start`,
 * SIGTERM from a service manager) take the same path.
 *
 * Plain logic with injected functions (no Electron), unit-tested in Node.
 */

/** How long quitting waits for the engine before it gives up and exits anyway, in ms. */
export const DISPOSE_TIMEOUT_MS = 10_000;

/** What {@link createShutdown} needs. */
export interface ShutdownOptions {
  /** Ends every thread and process the engine started. */
  dispose: () => Promise<void>;
  /** Called once, after disposal finished or timed out: quits the app. */
  quit: () => void;
  timeoutMs?: number;
  log?: (message: string) => void;
}

/** One shutdown sequence for the whole app. */
export interface Shutdown {
  /** Starts the shutdown (once; later calls return the same promise). `reason` is only logged. */
  begin(reason: string): Promise<void>;
  /** True once disposal finished: a quit may then proceed without being prevented. */
  readonly disposed: boolean;
  /** True once begin was called. */
  readonly started: boolean;
}

/** Creates the shutdown sequence. */
export function createShutdown({ dispose, quit, timeoutMs = DISPOSE_TIMEOUT_MS, log = (m) => console.warn(`[lab] ${m}`) }: ShutdownOptions): Shutdown {
  let running: Promise<void> | null = null;
  let disposed = false;

  async function run(reason: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([dispose().then(() => 'done' as const), timeout]);
      // Past the timeout we exit anyway: forked children see their IPC channel close and worker threads end
      // with the process, so a stuck dispose must not keep a window-less app alive.
      if (outcome === 'timeout') log(`the engine did not stop within ${timeoutMs} ms (${reason}); quitting anyway`);
    } catch (error) {
      log(`stopping the engine failed (${reason}): ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
      disposed = true;
    }
    quit();
  }

  return {
    begin(reason) {
      running ??= run(reason);
      return running;
    },
    get disposed() {
      return disposed;
    },
    get started() {
      return running !== null;
    },
  };
}
