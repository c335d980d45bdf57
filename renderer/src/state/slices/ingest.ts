/**
 * Ingest slice: where engine messages enter the store. Ticks and unit events only touch the bounded buffers
 * (no React work per message); settings events update the config at once because the controls must show
 * the truth; flush() publishes the rest.
 */
import { diagnose, DIAGNOSIS_THRESHOLDS } from '../../../../shared/experiments/diagnosis';
import type { LabEvent, Summary, Tick } from '../../../../shared/messages';
import { appMainUnit, attachedAfterEvent, attachedAfterSummary, attachedAfterTick } from '../attached-run';
import { exitMarker } from '../events-log';
import { activeExperimentOf, verdictCard } from '../../experiments/experiment-run';
import { computeHeartbeat, sameHeartbeat } from '../heartbeat';
import { engineErrorText } from '../messages';
import { chartDomain, decimate, inWindow, switchMarker, tickToPoint } from '../series';
import { startupOf } from '../startup';
import type { IngestSlice, LabState, LiveBuffers, SliceContext, StoreDeps } from '../store-types';

/** More points than pixels is wasted drawing; past this the window is thinned (keeping the spikes). */
export const MAX_DRAWN_POINTS = 400;

/**
 * The run's length as this store knows it, seconds: the viewer's (a replay's recording), else the plan of the
 * run's experiment; null for a plain live run, which is as long as it has lasted.
 */
export function knownLengthS(deps: StoreDeps, live: Pick<LiveBuffers, 'plannedEndMs'>): number | null {
  const ms = deps.runLengthMs ?? live.plannedEndMs;
  return ms === null ? null : ms / 1000;
}

function resetRun(live: LiveBuffers): void {
  live.series.clear();
  live.markers.clear();
  live.exits.clear();
  live.log.clear();
  live.units.clear();
  live.timeline.clear();
  live.run.clear();
  live.experiment = null;
  live.plannedEndMs = null;
  live.card = null;
  live.latest = null;
  live.startup = null;
  live.tickCount = 0;
  live.dirty = true;
  live.logDirty = true;
}

/** What the diagnosis reads: the newest ticks of its window, and the events since the first of them. */
function recentRun(live: LiveBuffers): { ticks: Tick[]; events: LabEvent[] } {
  const newest = live.run.latestTick();
  if (!newest) return { ticks: [], events: [] };
  return live.run.since(newest.t - DIAGNOSIS_THRESHOLDS.windowMs);
}

/** The diagnosis and the verdict card, when what they read changed; both are derived, never sent by the engine. */
function derived(live: LiveBuffers, state: LabState): Partial<LabState> {
  const patch: Partial<LabState> = {};
  const recent = recentRun(live);
  const findings = diagnose(recent.ticks, recent.events);
  if (JSON.stringify(findings) !== JSON.stringify(state.findings)) patch.findings = findings;
  if (live.experiment) {
    const log = live.run;
    const tMs = Math.max(log.latestTick()?.t ?? 0, log.latestEvent()?.t ?? 0);
    // Copied only when a segment ends (verdictCard calls it then), not on every flush.
    const run = () => ({ ticks: log.ticks(), events: log.events(), summary: log.summary() });
    const card = verdictCard(live.experiment, run, tMs, log.summary() !== null, live.card);
    live.card = card;
    if (card !== state.verdictCard) patch.verdictCard = card;
  }
  return patch;
}

export function createIngestSlice({ set, get, deps, live }: SliceContext): IngestSlice {
  function onEvent(event: LabEvent): void {
    const now = deps.now();
    if (event.event === 'run-started') resetRun(live);
    live.run.take(event);
    live.timeline.ingestEvent(event);
    if (live.log.apply(event)) live.logDirty = true;
    const attachedRun = attachedAfterEvent(get().attachedRun, event);
    if (attachedRun !== get().attachedRun) set({ attachedRun });
    switch (event.event) {
      case 'run-started':
        live.lastTickAt = now;
        set({ running: true, config: event.config, summary: null, activeExperiment: null, verdictCard: null, findings: [] });
        return;
      case 'experiment-started': {
        live.experiment = activeExperimentOf(event);
        // Known even for an experiment this build's catalog lacks: the charts span the plan from now on.
        live.plannedEndMs = event.endMs;
        live.dirty = true;
        set({ activeExperiment: live.experiment, ...(live.experiment ? { selectedExperiment: event.id } : {}) });
        return;
      }
      case 'run-stopped':
        set({ running: false, config: event.config });
        return;
      case 'strategy-switched':
        live.markers.push(switchMarker(event));
        live.dirty = true;
        set({ config: event.config });
        return;
      case 'config-changed':
        set({ config: event.config });
        return;
      case 'unit-started':
        live.units.applyStarted(event, now);
        live.dirty = true;
        return;
      case 'unit-exited': {
        // The event and the unit's exited row in the next tick carry the same facts: the table takes them now (a
        // unit that ends after the run's last tick has no next tick), the chart marks it now.
        live.units.applyExited(event, now);
        const marker = exitMarker(event);
        if (marker) live.exits.push(marker);
        live.dirty = true;
        return;
      }
      case 'error':
        // The engine sends no error for a crash the user asked for (cause `injected`): every error is news.
        get().report('engine', engineErrorText(event));
        return;
    }
  }

  function onTick(tick: Tick): void {
    const previous = live.series.last();
    // Run time starts at 0 for every run: a tick from the past means a new run whose start event we missed.
    if (previous !== undefined && tick.t / 1000 < previous.t) resetRun(live);
    live.series.push(tickToPoint(tick));
    live.run.take(tick);
    const attachedRun = attachedAfterTick(get().attachedRun, tick);
    if (attachedRun !== get().attachedRun) set({ attachedRun });
    // An attached run's host is the app's first process: the table lists it with the app's other processes.
    live.units.applyTick(attachedRun ? [appMainUnit(tick), ...tick.units] : tick.units, deps.now());
    live.timeline.ingestTick(tick);
    live.latest = tick;
    live.startup = startupOf(tick) ?? live.startup;
    live.tickCount += 1;
    live.lastTickAt = deps.now();
    live.dirty = true;
  }

  // One message per run: published at once (the summary panel appears when the run ends, paused or not).
  function onSummary(summary: Summary): void {
    // The verdict's last word: failure-reason checks need the summary, and it marks the run as over.
    live.run.take(summary);
    live.dirty = true;
    const attachedRun = attachedAfterSummary(get().attachedRun, summary);
    set({ summary, ...(attachedRun !== get().attachedRun ? { attachedRun } : {}) });
  }

  return {
    ingestTick: onTick,
    ingestEvent: onEvent,
    ingestSummary: onSummary,
    ingestRun: (messages) => {
      for (const message of messages) {
        if (message.type === 'tick') onTick(message);
        else if (message.type === 'event') onEvent(message);
        else onSummary(message);
      }
      // The messages came at once, long after the run began: date it from the newest one.
      live.run.redate();
    },
    keptRun: () => live.run.run(),
    flush: () => {
      const now = deps.now();
      const state = get();
      const patch: Partial<LabState> = {};
      const heartbeat = computeHeartbeat({
        connection: state.connection,
        running: state.running,
        lastTickAt: live.lastTickAt,
        intervalMs: state.config.intervalMs,
        now,
      });
      if (!sameHeartbeat(heartbeat, state.heartbeat)) patch.heartbeat = heartbeat;
      if (live.units.prune(now)) live.dirty = true;
      if (live.dirty && !state.paused) {
        const domain = chartDomain(live.series.last()?.t, knownLengthS(deps, live));
        patch.points = decimate(inWindow(live.series.toArray(), domain), MAX_DRAWN_POINTS, (p) => p.eldMax);
        patch.markers = inWindow(live.markers.toArray(), domain);
        patch.exitMarkers = inWindow(live.exits.toArray(), domain);
        patch.domain = domain;
        patch.timeline = { model: live.timeline, fromMs: domain[0] * 1000, toMs: domain[1] * 1000, version: live.timeline.version };
        patch.latest = live.latest;
        patch.startup = live.startup;
        patch.tickCount = live.tickCount;
        patch.units = live.units.snapshot();
        Object.assign(patch, derived(live, state));
        live.dirty = false;
      }
      if (live.logDirty && !state.paused) {
        patch.events = live.log.newestFirst();
        live.logDirty = false;
      }
      if (Object.keys(patch).length > 0) set(patch);
    },
  };
}
