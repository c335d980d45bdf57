/** Hands the Advisor panel its store; without a provider (a replay window, a test) the panel does not show. */
import { createContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AdvisorState } from './advisor-store';

export const AdvisorContext = createContext<StoreApi<AdvisorState> | null>(null);
