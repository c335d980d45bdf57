/**
 * The box a stage is laid out in: the window on the projector, and in the speaker view's preview a box of the
 * projector's size, scaled down. present.css sizes the stage's type and spacing in this box's container units
 * (cqh, cqw), not the viewport's, and the timeline's canvas text reads the box's height here, so the preview is
 * the stage at the projector's size made smaller, not the stage laid out again for the speaker's window.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_VIEWPORT } from './deck-sync';

const StageHeightContext = createContext<number>(DEFAULT_VIEWPORT.height);

export interface StageFrameProps {
  /** The box's height, CSS px: what the stage's canvas text is sized by. */
  height: number;
  /**
   * A box of its own (the preview's), CSS px; without one the frame is the window (present.css: 100vw x 100vh),
   * so the stage's CSS follows a resize at once rather than after React hears of it.
   */
  box?: { width: number; height: number };
  children: ReactNode;
}

export function StageFrame({ height, box, children }: StageFrameProps) {
  return (
    <div className="stage-frame" style={box ? { width: box.width, height: box.height } : undefined}>
      <StageHeightContext value={height}>{children}</StageHeightContext>
    </div>
  );
}

/** The height of the stage being drawn, CSS px: what its chart text scales with (stage-text.ts). */
export function useStageHeight(): number {
  return useContext(StageHeightContext);
}
