/** Experiment slice: the experiment shown in the panel, the one the run is, its verdict card, the live diagnosis. */
import { EXPERIMENTS, findExperiment } from '../../../../shared/experiments/catalog';
import type { ExperimentSlice, SliceContext } from '../store-types';

export function createExperimentSlice({ set, get }: SliceContext): ExperimentSlice {
  return {
    selectedExperiment: null,
    selectExperiment: (id) => {
      if (!findExperiment(id)) {
        // Its own origin: a valid command later does not make the address right.
        get().report('link', `experiment: no experiment "${id}"; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
        return false;
      }
      set({ selectedExperiment: id });
      return true;
    },
    activeExperiment: null,
    verdictCard: null,
    findings: [],
  };
}
