/**
 * Colors. Each strategy keeps one color everywhere (toggle, switch markers, unit rows) so the eye links them;
 * the hues are mid-tone so they read on both themes. Series colors avoid the strategy hues where they can.
 */
import type { RunStrategy } from '../../../shared/attach';
import type { Theme } from '../state/store-types';

export const STRATEGY_COLORS: Readonly<Record<RunStrategy, string>> = {
  'main-thread': '#e5484d',
  'worker-per-task': '#f76b15',
  'worker-pool': '#30a46c',
  'child-process': '#0090ff',
  cluster: '#8e4ec6',
  'cluster-pool': '#d6409f',
  // The user's own app: a neutral slate, so no strategy's color claims it.
  attached: '#7c8a9e',
};

export const STRATEGY_LABELS: Readonly<Record<RunStrategy, string>> = {
  'main-thread': 'main thread',
  'worker-per-task': 'worker per task',
  'worker-pool': 'worker pool',
  'child-process': 'child process',
  cluster: 'cluster',
  'cluster-pool': 'cluster + pool',
  attached: 'your app (attached)',
};

/** The toolbar's names: short enough for six buttons and every setting of a run on one row. */
export const STRATEGY_SHORT_LABELS: Readonly<Record<RunStrategy, string>> = {
  'main-thread': 'main',
  'worker-per-task': 'per-task',
  'worker-pool': 'pool',
  'child-process': 'child',
  cluster: 'cluster',
  'cluster-pool': 'c+pool',
  attached: 'app',
};

export interface ChartPalette {
  /** The panel color behind charts (label halos). */
  background: string;
  grid: string;
  axis: string;
  text: string;
  tooltipBg: string;
  tooltipBorder: string;
  eldP50: string;
  eldP99: string;
  eldMax: string;
  /** The host's garbage-collection pauses. */
  gc: string;
  throughput: string;
  latencyP50: string;
  latencyP99: string;
  /** Unit startup (creation to first message), on the latency axis. */
  startup: string;
  queued: string;
  inFlight: string;
  /**
   * Markers of units that died: crashed, crashed by an injected fault, timed out (ended by the lab), killed by the
   * user, killed from outside the lab (news like a crash: its red, a glyph of its own).
   */
  crash: string;
  injected: string;
  timeout: string;
  killed: string;
  external: string;
}

export const CHART_PALETTES: Readonly<Record<Theme, ChartPalette>> = {
  dark: {
    background: '#161a22',
    grid: '#2a303c',
    axis: '#8b95a7',
    text: '#e6e9ef',
    tooltipBg: '#1b1f27',
    tooltipBorder: '#3a4150',
    eldP50: '#7ce2fe',
    eldP99: '#ffc53d',
    eldMax: '#f65cb6',
    gc: '#a8e063',
    throughput: '#3dd6b5',
    latencyP50: '#9eb1ff',
    latencyP99: '#ffc53d',
    startup: '#d19dff',
    queued: '#ffc53d',
    inFlight: '#9eb1ff',
    crash: '#ff6369',
    timeout: '#ff8b3e',
    injected: '#ff6369',
    killed: '#ff6369',
    external: '#ff6369',
  },
  light: {
    background: '#ffffff',
    grid: '#e2e5ea',
    axis: '#5b6472',
    text: '#14161a',
    tooltipBg: '#ffffff',
    tooltipBorder: '#d0d5dd',
    eldP50: '#0588b8',
    eldP99: '#c27c00',
    eldMax: '#cf3897',
    gc: '#5d7f00',
    throughput: '#0e9479',
    latencyP50: '#3e63dd',
    latencyP99: '#c27c00',
    startup: '#8e4ec6',
    queued: '#c27c00',
    inFlight: '#3e63dd',
    crash: '#ce2c31',
    timeout: '#cc4e00',
    injected: '#ce2c31',
    killed: '#ce2c31',
    external: '#ce2c31',
  },
};
