/**
 * Renders a component to HTML with a store, for the renderer's unit tests (they run in Node, without a DOM):
 * what the markup says, not how it reacts to clicks. Server rendering reads a store's *initial* state (zustand
 * hands React `getInitialState` as the server snapshot), so the store is lent with its current state as that.
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { LabStore } from '../state/store-types';
import { LabStoreContext } from '../state/use-lab';

export function renderWithStore(store: LabStore, element: ReactElement): string {
  const current: LabStore = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(createElement(LabStoreContext, { value: current }, element));
}

/** The text of some markup, tags dropped and blanks collapsed: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
