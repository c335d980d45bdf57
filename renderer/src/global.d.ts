// The Electron preload exposes the engine as `window.lab`; in a plain browser it is absent.
import type { LabApi } from '../../shared/lab-api';

declare global {
  interface Window {
    lab?: LabApi;
  }
}

export {};
