/**
 * React access to the store. Components select the narrowest slice they need; selectors returning objects
 * or arrays go through useShallow so a flush that changed nothing they read does not re-render them.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { LabState, LabStore } from './store-types';

export const LabStoreContext = createContext<LabStore | null>(null);

/** The store itself, for hooks that schedule their own updates (see charts/use-chart-data.ts). */
export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('LabStoreContext is missing: render inside <LabStoreContext value={store}>');
  return store;
}

/** One value (primitive, or a reference the store replaces only when it changes). */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/** Several values picked into a fresh object or array, compared shallowly. */
export function useLabShallow<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), useShallow(selector));
}
