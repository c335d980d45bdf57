/**
 * While (and after) an experiment runs: which segment runs now and the plan with each segment's state, in a line
 * above the picture; what to watch and the verdict card, beside the charts (ExperimentVerdict), so the live line,
 * the bands on the charts and the verdict are on screen together. The segment is read from the run's clock (the
 * newest tick), so a paused view stays consistent with the charts it sits above.
 */
import { segmentAt } from './experiment-run';
import { useLab } from '../state/use-lab';
import { PlanTimeline } from './PlanTimeline';
import { VerdictCard } from './VerdictCard';
import { CHART_WORDS, seconds } from './words';

/** The experiment's live line above the picture: which segment runs now, and the plan with each segment's state. */
export function ExperimentLive() {
  const active = useLab((s) => s.activeExperiment);
  const card = useLab((s) => s.verdictCard);
  const tMs = useLab((s) => s.latest?.t ?? 0);
  const running = useLab((s) => s.running);
  if (!active) return null;
  const { experiment } = active;
  const index = running ? segmentAt(active.segments, tMs) : null;
  const now = index === null ? null : active.segments[index];
  return (
    <section className="experiment-live panel" aria-label="experiment running" data-testid="experiment-live" data-id={active.id}>
      <p className="experiment-now" data-testid="experiment-now" data-segment={now?.id ?? ''}>
        <strong>{experiment.title}</strong>
        {' · '}
        {now ? (
          <>
            now: <span className="experiment-now-segment">{now.label}</span> ({seconds(Math.round(tMs / 100) / 10)} of {seconds(active.endMs / 1000)})
          </>
        ) : running ? (
          'starting…'
        ) : (
          'finished'
        )}
      </p>
      <PlanTimeline experiment={experiment} states={card?.segments.map((s) => s.state)} />
    </section>
  );
}

/** Beside the charts while an experiment is shown: its verdict card, and what to watch while it runs. */
export function ExperimentVerdict() {
  const active = useLab((s) => s.activeExperiment);
  const card = useLab((s) => s.verdictCard);
  const running = useLab((s) => s.running);
  if (!active) return null;
  const { experiment } = active;
  return (
    <aside className="experiment-side panel" aria-label="experiment verdict" data-testid="experiment-side">
      {/* The verdict first: it is what the side is for, and it stays in sight while the list under it scrolls. */}
      {card && <VerdictCard card={card} />}
      {running && (
        <ul className="watch-list watch-live" data-testid="experiment-watch">
          {experiment.watch.map((w) => (
            <li key={`${w.chart}/${w.line}`}>
              watch <strong>{CHART_WORDS[w.chart]} · {w.line}</strong>: {w.look}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
