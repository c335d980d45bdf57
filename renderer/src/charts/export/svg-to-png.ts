/**
 * An SVG document drawn into a PNG: loaded as an image, drawn on a canvas `scale` times its size (2, a
 * "retina" PNG that stays sharp on slides), encoded with `canvas.toBlob`. The image loads from a data: URL, not a
 * blob: URL, so the page's CSP can keep `img-src` to 'self' and data: (shared/content-security-policy.ts).
 * The SVG must be self-contained (chart-picture.ts makes it so): an image drawn from SVG loads nothing else.
 */

/** The PNG's pixels per CSS pixel of the chart. */
export const PNG_SCALE = 2;

export async function svgToPng(svg: string, width: number, height: number, scale = PNG_SCALE): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the browser gave no 2D canvas to draw the chart on');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))), 'image/png');
  });
}
