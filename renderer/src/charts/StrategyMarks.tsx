/**
 * The strategies of a run on a time chart: the background tinted with the strategy that ran there, and each switch
 * a dashed vertical line in the new strategy's colour, labelled with its name (see SwitchLabel), or with the setting
 * it changed when it kept the strategy (`↻ payload transfer`, as the timeline says). Returned as arrays
 * of recharts ReferenceAreas and ReferenceLines, because a chart reads its children by element type.
 */
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { StrategySegment, SwitchMarker } from '../state/series';
import { STRATEGY_COLORS, type ChartPalette } from '../theme/palette';
import { SwitchLabel } from './SwitchLabel';

/** A faint tint per strategy segment, to spread before the chart's bands and lines. */
export function strategyTints(segments: readonly StrategySegment[]) {
  return segments.map((s) => (
    <ReferenceArea key={`${s.strategy}@${s.from}`} x1={s.from} x2={s.to} fill={STRATEGY_COLORS[s.strategy]} fillOpacity={0.07} stroke="none" ifOverflow="hidden" />
  ));
}

/**
 * The stretch of each switch from its request to its event (the old strategy draining, the new one's units
 * starting), lightly hatched by a dashed outline: at pool 64 under load it lasts seconds, and the delay measured
 * in it belongs to neither strategy alone. Nothing for a switch too short to see or a recording that does not say.
 */
export function switchStretches(markers: readonly SwitchMarker[], palette: ChartPalette) {
  return markers
    .filter((m) => m.fromT !== undefined && m.t - m.fromT > 0)
    .map((m) => (
      <ReferenceArea
        key={`switching@${m.t}`}
        className="switch-stretch"
        x1={m.fromT}
        x2={m.t}
        fill={palette.axis}
        fillOpacity={0.12}
        stroke={STRATEGY_COLORS[m.to]}
        strokeOpacity={0.6}
        strokeDasharray="2 3"
        ifOverflow="hidden"
      />
    ));
}

/** A labelled line per switch; consecutive labels step down three rows so close switches stay readable. */
export function switchLines(markers: readonly SwitchMarker[], palette: ChartPalette) {
  return markers.map((m, i) => (
    <ReferenceLine
      key={`switch@${m.t}`}
      x={m.t}
      stroke={STRATEGY_COLORS[m.to]}
      strokeWidth={2}
      strokeDasharray="6 4"
      ifOverflow="hidden"
      label={<SwitchLabel text={m.label ?? `→ ${m.to}`} color={STRATEGY_COLORS[m.to]} halo={palette.background} row={i % 3} />}
    />
  ));
}
