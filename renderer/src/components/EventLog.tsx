/**
 * The run's events worth reading, newest first: units that crashed, timed out or were killed and the ones
 * that replaced them, strategy switches, settings changed, start and stop. The list is bounded in the store
 * and published with the view (at most ~10 times a second); rows are memoized by id, so a new line renders
 * one row, not the whole list.
 */
import { memo, type CSSProperties } from 'react';
import { CAUSE_WORDS, type LogEntry, type LogKind } from '../state/events-log';
import { useLab } from '../state/use-lab';
import { STRATEGY_COLORS } from '../theme/palette';

const KIND_WORDS: Readonly<Record<LogKind, string>> = {
  ...CAUSE_WORDS,
  run: 'run',
  switch: 'switch',
  config: 'set',
  replaced: 'new',
  started: 'start',
  exited: 'exit',
};

function timeText(t: number): string {
  return t >= 600 ? `${Math.floor(t / 60)}m${String(Math.floor(t % 60)).padStart(2, '0')}s` : `${t.toFixed(1)} s`;
}

const EventRow = memo(function EventRow({ entry }: { entry: LogEntry }) {
  const style = entry.strategy ? ({ '--strategy-color': STRATEGY_COLORS[entry.strategy] } as CSSProperties) : undefined;
  return (
    <li className={`event event-${entry.kind}`} data-testid="event-entry" data-kind={entry.kind} style={style}>
      <span className="event-time">{timeText(entry.t)}</span>
      <span className={`event-badge badge-${entry.kind}`}>{KIND_WORDS[entry.kind]}</span>
      <span className="event-text">
        {entry.unit && <strong className="event-unit">{entry.unit} </strong>}
        {entry.text}
      </span>
    </li>
  );
});

export function EventLog() {
  const events = useLab((s) => s.events);
  return (
    <section className="events panel" aria-label="events" data-testid="event-log" data-count={events.length}>
      <h2 className="section-title">
        Events <span className="muted">newest first</span>
      </h2>
      {events.length === 0 ? (
        <p className="empty">Crashes, timeouts, kills, switches and setting changes of the run are listed here.</p>
      ) : (
        <ol className="event-list">
          {events.map((entry) => (
            <EventRow key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}
