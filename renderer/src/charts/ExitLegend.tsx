/** "● 3 crashed  ◆ 1 timed out": a key to the exit marks (ExitMarkers.tsx), with how many the window holds. */
import { CAUSE_WORDS, type AbnormalCause, type ExitMarker } from '../state/events-log';
import type { ChartPalette } from '../theme/palette';

const CAUSES: readonly AbnormalCause[] = ['crash', 'injected', 'timeout', 'killed', 'external'];
const CAUSE_GLYPHS: Readonly<Record<AbnormalCause, string>> = { crash: '●', injected: '○', timeout: '◆', killed: '✕', external: '▼' };

export function ExitLegend({ markers, palette }: { markers: readonly ExitMarker[]; palette: ChartPalette }) {
  if (markers.length === 0) return null;
  const counts = { crash: 0, injected: 0, timeout: 0, killed: 0, external: 0 };
  for (const m of markers) counts[m.cause] += 1;
  return (
    <span className="exit-legend" data-testid="exit-legend">
      {CAUSES.filter((c) => counts[c] > 0).map((cause) => (
        <span key={cause} className="exit-legend-item" style={{ color: palette[cause] }}>
          {CAUSE_GLYPHS[cause]} {counts[cause]} {CAUSE_WORDS[cause]}
        </span>
      ))}
    </span>
  );
}
