// Unit tests of the renderer's pure parts (store, transforms, transport) run in Node: no DOM is needed
// because components only read the store, and the store never touches the DOM.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
