/**
 * One attached run from start to summary, as the CLI does it (shared/attach.ts): start the user's command with
 * the lab's agent preloaded, stream its ticks and events, and end when the app exits, after a duration, or when
 * aborted (Ctrl-C) — then the engine stops the app's whole process group. Nothing the lab or the app started is
 * left running when this settles.
 */
import type { AttachSpec } from '../../shared/attach';
import type { LabMessage, Summary } from '../../shared/messages';
import { LabEngine } from '../engine/lab-engine';
import { runEnd } from './run-end';
import type { SessionResult } from './run-session';

/** What to attach to and whom to tell. */
export interface AttachRunOptions {
  spec: AttachSpec;
  /** The sampling interval (and the agent's report interval), ms; null for the lab's default. */
  intervalMs: number | null;
  /** Stops the app after this many seconds; null runs until it exits or the run is aborted. */
  durationS: number | null;
  onMessage(message: LabMessage): void;
  /**
   * The descriptor the app writes its stdout and stderr to, itself (the CLI: 2, its stderr, so --json's stdout
   * stays NDJSON; the app never waits on the lab and writes on if the lab dies).
   */
  appOutputFd: number;
  /** Aborting stops the app early (Ctrl-C, SIGTERM to the lab). */
  signal?: AbortSignal;
}

/** A run's end: its summary (null only if the engine sent none), or why the app could not start. */
/** As an ordinary run's (run-session.ts): the summary, or the refusal's errors. */
export type AttachRunResult = SessionResult;

/** Attaches once, from start to summary; the app's process group and every unit have ended when this settles. */
export async function runAttached(options: AttachRunOptions): Promise<AttachRunResult> {
  const engine = new LabEngine();
  let summary: Summary | null = null;
  let runEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (runEnded = resolve));
  engine.onMessage((message) => {
    options.onMessage(message);
    // The summary is the run's last message: the app exited (and the engine ended the run) or a stop was asked.
    if (message.type === 'summary') {
      summary = message;
      runEnded();
    }
  });
  if (options.intervalMs !== null) {
    const configured = await engine.configure({ intervalMs: options.intervalMs });
    if (!configured.ok) {
      await engine.dispose();
      return configured;
    }
  }
  const started = await engine.attach(options.spec, { output: { to: 'fd', fd: options.appOutputFd } });
  if (!started.ok) {
    await engine.dispose();
    return started;
  }
  await runEnd(options.durationS, options.signal, ended);
  // A stop after the app's own exit changes nothing; before it, it ends the app's group (SIGTERM, then SIGKILL).
  if (!summary) await engine.stop();
  await engine.dispose();
  return { ok: true, summary };
}
