/**
 * The Advisor panel's state, its own small store beside the lab's (the advisor is one command and its events; the
 * lab's store need not know of it): whether it runs, its progress, its advice, and why a start was refused. It
 * listens to the engine's events over whichever transport the page uses, so a run begun in another window shows too.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ADVISOR_BUDGET } from '../../../shared/advisor/plan';
import type { Advice, AdvisorProgress } from '../../../shared/advisor/types';
import type { LabApi } from '../../../shared/lab-api';
import { commandErrorText } from '../state/messages';

/** How long after a run stopped without the advisor's next cell the panel takes it as cancelled (ms). */
export const CANCELLED_AFTER_MS = 5_000;

/** What the panel shows. */
export interface AdvisorState {
  status: 'idle' | 'running' | 'done';
  progress: AdvisorProgress | null;
  advice: Advice | null;
  /** Why the last start was refused, or null. */
  error: string | null;
  budgetS: number;
  setBudget(budgetS: number): void;
  /** Asks the engine to advise with the current settings and the budget. */
  start(): Promise<void>;
  /** Stops the advisor (a stop of the run). */
  stop(): Promise<void>;
}

/** The store of the Advisor panel, fed by `api`'s events; `dispose` unsubscribes them. */
export function createAdvisorStore(api: Pick<LabApi, 'advise' | 'stop' | 'onEvent'>): StoreApi<AdvisorState> & { dispose(): void } {
  const store = createStore<AdvisorState>()((set, get) => ({
    status: 'idle',
    progress: null,
    advice: null,
    error: null,
    budgetS: ADVISOR_BUDGET.default,
    setBudget: (budgetS) => set({ budgetS }),
    start: async () => {
      set({ error: null });
      const result = await api.advise({ budgetS: get().budgetS });
      if (!result.ok) set({ error: commandErrorText(result.errors) });
      else set({ status: 'running', advice: null, progress: null });
    },
    stop: async () => {
      await api.stop();
      if (get().status === 'running') set({ status: 'idle', progress: null });
    },
  }));
  // A run that stops with no next cell following it was stopped by someone (the Stop button, another window):
  // the advisor was cancelled with it. Between its own cells the next one starts within moments.
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = api.onEvent((event) => {
    if (event.event === 'advisor-progress' || event.event === 'advice') clearTimeout(quiet);
    if (event.event === 'advisor-progress') store.setState({ status: 'running', progress: event.progress });
    else if (event.event === 'advice') store.setState({ status: 'done', advice: event.advice, progress: null });
    else if (event.event === 'run-stopped' && store.getState().status === 'running') {
      clearTimeout(quiet);
      quiet = setTimeout(() => store.setState({ status: 'idle', progress: null }), CANCELLED_AFTER_MS);
    }
  });
  return Object.assign(store, {
    dispose: () => {
      clearTimeout(quiet);
      unsubscribe();
    },
  });
}

/** The share of the run done (0..1), a cell being measured counting half. */
export function progressShare(progress: AdvisorProgress | null): number {
  if (!progress || progress.total === 0) return 0;
  return Math.min(1, (progress.done + (progress.current ? 0.5 : 0)) / progress.total);
}
