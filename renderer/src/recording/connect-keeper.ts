/** Keeps every message of the live transport for "Save run", beside the store (which keeps only a window). */
import type { LabApi, Unsubscribe } from '../../../shared/lab-api';
import type { RunKeeper } from './run-keeper';

export function connectKeeper(api: LabApi, keeper: RunKeeper): Unsubscribe {
  const unsubscribers = [api.onTick((m) => keeper.take(m)), api.onEvent((m) => keeper.take(m)), api.onSummary((m) => keeper.take(m))];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
