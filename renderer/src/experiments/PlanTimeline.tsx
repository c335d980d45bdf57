/**
 * An experiment's plan as a bar of labelled segments, each as wide as it lasts. In the live view each segment
 * also says whether it is done, running or still to come.
 */
import type { Experiment } from '../../../shared/experiments/types';
import type { SegmentState } from './experiment-run';
import { seconds, settingsText } from './words';

export interface PlanTimelineProps {
  experiment: Experiment;
  /** Per segment, in order; left out outside a run of this experiment. */
  states?: readonly SegmentState[];
}

export function PlanTimeline({ experiment, states }: PlanTimelineProps) {
  const { segments, durationS } = experiment;
  return (
    <ol className="plan" data-testid="experiment-plan" aria-label="the plan: segments in order">
      {segments.map((segment, i) => {
        const end = segments[i + 1]?.atS ?? durationS;
        const settings = settingsText(segment);
        const state = states?.[i];
        return (
          <li
            key={segment.id}
            className={`plan-segment${state ? ` plan-${state}` : ''}`}
            style={{ flexGrow: Math.max(end - segment.atS, 0.1) }}
            data-testid="plan-segment"
            data-segment={segment.id}
            data-state={state}
          >
            <span className="plan-label">{segment.label}</span>
            <span className="plan-time">
              {seconds(segment.atS)} – {seconds(end)}
            </span>
            {settings && <span className="plan-settings">{settings}</span>}
          </li>
        );
      })}
    </ol>
  );
}
