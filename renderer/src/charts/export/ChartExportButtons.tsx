/**
 * SVG and PNG buttons on a chart card: export the card as it shows (live, replayed or compared), named by the
 * chart and the shown run's start, saved the window's one way (desktop: Save dialog; browser: a download).
 * Marked `data-export-skip`, so the buttons are not in the picture they make.
 */
import { useContext, useState, type RefObject } from 'react';
import { fileDate } from '../../recording/save-format';
import { RecordingContext } from '../../recording/use-recording';
import { chartFileName, pictureToSvg } from './chart-picture';
import { collectChartPicture } from './collect-picture';
import { svgToPng } from './svg-to-png';
import './chart-export.css';

export interface ChartExportButtonsProps {
  /** The card to picture. */
  card: RefObject<HTMLElement | null>;
  /** The chart's name: the file's name and the picture's title. */
  name: string;
  /** Prefix of the buttons' test ids (`<testId>-export-svg`, `-png`). */
  testId: string;
  /**
   * Makes the file itself, for a card that is not SVG on screen (the timeline draws on a canvas); without it the
   * card is measured into a picture (collect-picture.ts).
   */
  make?: (extension: 'svg' | 'png') => Promise<string | Blob>;
}

export function ChartExportButtons({ card, name, testId, make }: ChartExportButtonsProps) {
  const controller = useContext(RecordingContext);
  const [busy, setBusy] = useState(false);
  // Saving needs the recording controller (it reports the outcome); a chart rendered without one has no buttons.
  if (!controller) return null;
  const exportAs = async (extension: 'svg' | 'png') => {
    const element = card.current;
    if (!element) return;
    // Before any run there is no start to name; the moment of the export stands in.
    const fileName = chartFileName(name, fileDate(controller.runDate() ?? new Date().toISOString()), extension);
    setBusy(true);
    try {
      await controller.saveFile(fileName, async () => {
        if (make) return make(extension);
        // Measured at the click: the chart as the user sees it now.
        const picture = collectChartPicture(element, name);
        const svg = pictureToSvg(picture);
        return extension === 'svg' ? svg : svgToPng(svg, picture.width, picture.height);
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="chart-export" data-export-skip="">
      <button type="button" className="chart-export-button" disabled={busy} aria-label={`Export ${name} as SVG`} title="Save this chart as an SVG image" data-testid={`${testId}-export-svg`} onClick={() => void exportAs('svg')}>
        SVG
      </button>
      <button type="button" className="chart-export-button" disabled={busy} aria-label={`Export ${name} as PNG`} title="Save this chart as a PNG image (2x)" data-testid={`${testId}-export-png`} onClick={() => void exportAs('png')}>
        PNG
      </button>
    </span>
  );
}
