/**
 * The Attach panel (beside the picture, opened from the header, and opening itself when an attached run starts):
 * while the app runs and after, what it runs, how it ended, its processes (from the newest tick's `app`) and the
 * connections refused; then the command that starts the user's own app and its working folder, Start and Stop. The lab starts the command without a shell
 * (argv.ts says how the line is split) with its agent preloaded; the charts, the timeline and the unit table then
 * show the app. The host's rejections are shown next to the field they name (and in the banner, as every
 * rejection is); a line that does not split is refused here, before anything is sent.
 */
import { useId, useState, type CSSProperties, type FormEvent } from 'react';
import { useLab, useLabShallow } from '../state/use-lab';
import { STRATEGY_COLORS } from '../theme/palette';
import { AppProcesses } from './AppProcesses';
import { joinCommandLine, leadingAssignments, splitCommandLine } from './argv';
import { ATTACH_FIELDS, attachDraft } from './attach-draft';
import { exitSentence, refusedText, unavailableReason } from './attach-view';
import './attach.css';

function FieldError({ text, testId }: { text: string | null; testId: string }) {
  if (!text) return null;
  return (
    <span className="attach-error" role="alert" data-testid={testId}>
      {text}
    </span>
  );
}

export function AttachPanel() {
  const { canAttach, attachedRun, attachErrors, running, pending, attach, stop, clearAttachError } = useLabShallow((s) => ({
    canAttach: s.canAttach,
    attachedRun: s.attachedRun,
    attachErrors: s.attachErrors,
    running: s.running,
    pending: s.pending,
    attach: s.attach,
    stop: s.stop,
    clearAttachError: s.clearAttachError,
  }));
  const app = useLab((s) => s.latest?.app ?? null);
  const commandId = useId();
  const folderId = useId();
  // A window opened while an app runs (started from the CLI, or another window) shows its command, ready to run again.
  const [line, setLine] = useState(() => (attachedRun?.spec ? joinCommandLine(attachedRun.spec.command) : ''));
  const [folder, setFolder] = useState(() => attachedRun?.spec?.cwd ?? '');
  const split = line.trim() === '' ? null : splitCommandLine(line);
  const reason = unavailableReason(canAttach);
  const live = running && attachedRun !== null;
  const errorOf = (field: string) => attachErrors.filter((e) => e.field === field).map((e) => e.message).join('; ') || null;
  const otherErrors = attachErrors.filter((e) => !(ATTACH_FIELDS as readonly string[]).includes(e.field));

  function submit(event: FormEvent): void {
    event.preventDefault();
    const draft = attachDraft(line, folder);
    if (draft.ok) void attach(draft.request);
  }

  return (
    <div
      className="attach-panel"
      data-testid="attach-panel"
      data-can-attach={String(canAttach)}
      data-live={live}
      style={{ '--strategy-attached': STRATEGY_COLORS.attached } as CSSProperties}
    >
      <p className="side-note muted">
        Runs your Node.js app with the lab&apos;s agent preloaded in each of its processes and threads. The agent only watches: your app runs, prints
        and exits as it would.
      </p>
      {reason && (
        <p className="side-warning" data-testid="attach-unavailable">
          {reason}
        </p>
      )}
      {attachedRun && (
        <section className="attach-status" aria-label="your app" data-testid="attach-status" data-exited={attachedRun.exit !== null}>
          <h3 className="side-subtitle">{live ? 'Attached' : 'Last attached run'}</h3>
          {attachedRun.spec && (
            <p className="attach-running">
              <code data-testid="attach-running-command">{joinCommandLine(attachedRun.spec.command)}</code>
              <span className="muted"> in {attachedRun.spec.cwd}</span>
            </p>
          )}
          {attachedRun.exit && (
            <p className={`attach-exit${attachedRun.exit.code === 0 || attachedRun.exit.byLab ? '' : ' attach-exit-bad'}`} data-testid="attach-exit" data-code={attachedRun.exit.code ?? ''} data-signal={attachedRun.exit.signal ?? ''}>
              {exitSentence(attachedRun.exit)}
            </p>
          )}
          {app && <AppProcesses app={app} />}
          {app && refusedText(app.refused) && (
            <p className="attach-warning" data-testid="attach-refused">
              {refusedText(app.refused)}
            </p>
          )}
        </section>
      )}
      <form className="attach-form" onSubmit={submit} aria-label="attach to your app">
        <fieldset className="attach-fields" disabled={reason !== null}>
          <div className="field attach-field">
            <label className="field-label" htmlFor={commandId}>
              command
            </label>
            <input
              id={commandId}
              className="text-input attach-command"
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="node server.js --port 3000"
              value={line}
              aria-invalid={errorOf('command') !== null || split?.ok === false}
              data-testid="attach-command"
              onChange={(e) => {
                setLine(e.target.value);
                clearAttachError('command');
              }}
            />
            <span className="field-hint">
              Not run through a shell: split at spaces, with &apos;…&apos; and &quot;…&quot; quotes and \ escapes; no pipes, variables or &amp;&amp; (set variables with env: env PORT=3000 node server.js).
            </span>
            {split?.ok === true && (
              <ol className="attach-argv" aria-label="arguments" data-testid="attach-argv">
                {split.argv.map((arg, i) => (
                  <li key={i}>
                    <code>{arg === '' ? "''" : arg}</code>
                  </li>
                ))}
              </ol>
            )}
            {split?.ok === true && leadingAssignments(split.argv).length > 0 && (
              <span className="attach-warning" data-testid="attach-env-warning">
                {leadingAssignments(split.argv).join(' ')} would be taken for the program: no shell sets variables here. Put env first: env{' '}
                {joinCommandLine(split.argv)}
              </span>
            )}
            {split?.ok === true && split.shellOperators.length > 0 && (
              <span className="attach-warning" data-testid="attach-shell-warning">
                {split.shellOperators.join(' ')} will reach the program as {split.shellOperators.length === 1 ? 'an argument' : 'arguments'}: no shell runs them.
              </span>
            )}
            <FieldError text={split?.ok === false ? split.error : errorOf('command')} testId="attach-command-error" />
          </div>
          <div className="field attach-field">
            <label className="field-label" htmlFor={folderId}>
              working folder
            </label>
            <input
              id={folderId}
              className="text-input"
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="the folder the lab was started in"
              value={folder}
              aria-invalid={errorOf('cwd') !== null}
              data-testid="attach-cwd"
              onChange={(e) => {
                setFolder(e.target.value);
                clearAttachError('cwd');
              }}
            />
            <span className="field-hint">An absolute path; empty: the folder the lab was started in.</span>
            <FieldError text={errorOf('cwd')} testId="attach-cwd-error" />
          </div>
        </fieldset>
        <div className="attach-actions">
          <button
            type="submit"
            className="run-button run-button-start attach-start"
            data-testid="attach-start"
            disabled={reason !== null || split === null || !split.ok || pending > 0}
            title={running ? 'Stops the run going on, then starts your command' : 'Starts your command with the lab’s agent preloaded'}
          >
            ▶ Start
          </button>
          <button type="button" className="run-button run-button-stop attach-stop" data-testid="attach-stop" disabled={!live} title="Ends your app's whole process group: SIGTERM, then SIGKILL after a grace" onClick={() => void stop()}>
            ■ Stop
          </button>
        </div>
        {otherErrors.length > 0 && (
          <p className="attach-error" role="alert" data-testid="attach-error">
            {otherErrors.map((e) => e.message).join('; ')}
          </p>
        )}
      </form>
    </div>
  );
}
