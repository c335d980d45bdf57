// Builds the renderer into out/renderer/, next to the Node side, so Electron (file://) and the browser-mode
// server load the same files. `base: './'` makes every asset URL relative, which file:// needs.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    // out/renderer is outside Vite's root, so Vite would not clean it by default; stale chunks would pile up.
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // recharts is big; one vendor chunk keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1200,
  },
});
