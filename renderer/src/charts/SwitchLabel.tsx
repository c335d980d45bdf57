/**
 * The label of a strategy-switch marker. Switches can come seconds apart, so consecutive labels step down
 * in rows instead of printing over each other; a halo in the background color keeps them readable over lines.
 */
export interface SwitchLabelProps {
  text: string;
  color: string;
  halo: string;
  /** 0, 1, 2: which row the label sits in. */
  row: number;
  /** Filled in by recharts when it renders the label. */
  viewBox?: { x?: number; y?: number };
}

export function SwitchLabel({ text, color, halo, row, viewBox }: SwitchLabelProps) {
  const x = (viewBox?.x ?? 0) + 6;
  const y = (viewBox?.y ?? 0) + 16 + row * 18;
  return (
    <text x={x} y={y} fill={color} stroke={halo} strokeWidth={4} paintOrder="stroke" fontSize={14} fontWeight={700}>
      {text}
    </text>
  );
}
