/**
 * The timeline's key: what a lane's bar shows (busy, idle, blocked, starting) and the marks on it (GC, exits, a
 * switch). Each entry carries its `data-key` (timeline-key.ts), so a drawing can show only the entries it used.
 */
import type { CSSProperties, RefObject } from 'react';
import type { TimelineColors } from './timeline-paint';

const swatch = (color: string): CSSProperties => ({ '--swatch': color }) as CSSProperties;

export function TimelineKey({ keyRef, colors, testId }: { keyRef: RefObject<HTMLUListElement | null>; colors: TimelineColors; testId: string }) {
  // Two groups, what a lane's bar shows and the marks on it, each kept on one line: a narrow card wraps between
  // them, never an item alone onto a line of its own.
  return (
    <ul ref={keyRef} className="timeline-legend" aria-label="timeline legend" data-testid={`${testId}-legend`}>
      <li className="legend-group">
        <ul>
          <li style={swatch(colors.busy)} data-key="busy">
            busy
          </li>
          <li style={swatch(colors.idle)} className="legend-idle" data-key="idle">
            idle
          </li>
          <li style={swatch(colors.blocked)} data-key="blocked">
            blocked
          </li>
          <li style={swatch(colors.starting)} data-key="starting">
            starting
          </li>
        </ul>
      </li>
      <li className="legend-group">
        <ul>
          <li style={swatch(colors.gc)} className="legend-mark" data-mark="▾" data-key="gc">
            GC
          </li>
          <li style={swatch(colors.exit.crash)} className="legend-mark" data-mark="✕" data-key="crash">
            crash/kill
          </li>
          <li style={swatch(colors.exit.timeout)} className="legend-mark" data-mark="✕" data-key="timeout">
            timeout
          </li>
          <li style={swatch(colors.exit.stop)} className="legend-mark" data-mark="|" data-key="stopped">
            stopped
          </li>
          <li style={swatch(colors.text)} className="legend-mark" data-mark="│" data-key="switch">
            switch
          </li>
          <li style={swatch(colors.axis)} className="legend-switching" data-key="switching" title="from the request until every new unit was ready and the old strategy drained">
            switching
          </li>
        </ul>
      </li>
    </ul>
  );
}
