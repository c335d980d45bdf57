/**
 * The Experiments panel, beside the picture: the catalog (title, claims, length) and, for the one selected, its
 * claims, what happens inside Node, what to watch, the code sample, the plan as a timeline, and a Run button.
 * Opened from the header, or when an experiment is chosen (by `?experiment=ID` in the address, or by a run); Run
 * closes it, so the picture, the experiment's live line and its verdict have the window.
 */
import { useSidePanel } from '../components/side-panel';
import { CLAIMS, EXPERIMENTS, findExperiment } from '../../../shared/experiments/catalog';
import type { Experiment } from '../../../shared/experiments/types';
import { claimsText } from './experiment-run';
import { useLab, useLabShallow } from '../state/use-lab';
import { CodeSample } from './CodeSample';
import { PlanTimeline } from './PlanTimeline';
import { CHART_WORDS, seconds } from './words';

function ExperimentList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="experiment-list" aria-label="experiments">
      {EXPERIMENTS.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className="experiment-item"
            aria-pressed={e.id === selected}
            data-testid="experiment-item"
            data-id={e.id}
            onClick={() => onSelect(e.id)}
          >
            <span className="experiment-item-title">{e.title}</span>
            <span className="experiment-item-meta">
              {claimsText(e.claims)} · {seconds(e.durationS)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ExperimentDetail({ experiment }: { experiment: Experiment }) {
  const { running, pending, runExperiment } = useLabShallow((s) => ({ running: s.running, pending: s.pending, runExperiment: s.runExperiment }));
  const panel = useSidePanel();
  return (
    <article className="experiment-detail" data-testid="experiment-detail" data-id={experiment.id}>
      <div className="experiment-head">
        <h3 className="experiment-title">{experiment.title}</h3>
        <button
          type="button"
          className="run-button"
          data-testid="experiment-run"
          disabled={pending > 0}
          title={running ? 'Stops the current run and starts this experiment' : undefined}
          onClick={() => {
            panel.close();
            void runExperiment(experiment.id);
          }}
        >
          ▶ Run ({seconds(experiment.durationS)})
        </button>
      </div>
      <ul className="experiment-claims" data-testid="experiment-claims">
        {experiment.claims.map((claim) => (
          <li key={claim}>
            <span className="claim-number">{claim}</span> {CLAIMS[claim]}
          </li>
        ))}
      </ul>
      <p className="experiment-explanation">{experiment.explanation}</p>
      <h4 className="summary-subtitle">The plan</h4>
      <PlanTimeline experiment={experiment} />
      <h4 className="summary-subtitle">What to watch</h4>
      <ul className="watch-list">
        {experiment.watch.map((w) => (
          <li key={`${w.chart}/${w.line}`}>
            <strong>
              {CHART_WORDS[w.chart]} · {w.line}
            </strong>
            : {w.look}
          </li>
        ))}
      </ul>
      {experiment.pending && <p className="muted">Not shown yet: {experiment.pending}</p>}
      <h4 className="summary-subtitle">The pattern, runnable (Node 20, CommonJS)</h4>
      <CodeSample code={experiment.code} />
    </article>
  );
}

export function ExperimentsPanel() {
  const { selected, selectExperiment } = useLabShallow((s) => ({ selected: s.selectedExperiment, selectExperiment: s.selectExperiment }));
  const activeId = useLab((s) => s.activeExperiment?.id ?? null);
  const experiment = selected ? findExperiment(selected) : undefined;
  return (
    <section className="experiments" aria-label="experiments" data-testid="experiments-panel">
      <p className="muted side-note">
        {EXPERIMENTS.length} guided, self-checking scenes{activeId ? ` · running: ${activeId}` : ''}
      </p>
      <div className="experiments-body">
        <ExperimentList selected={selected} onSelect={selectExperiment} />
        {experiment ? <ExperimentDetail experiment={experiment} /> : <p className="empty">Choose an experiment to see its claim, its plan and its code.</p>}
      </div>
    </section>
  );
}
