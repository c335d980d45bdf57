/** Bytes per pixel (RGBA). */
export const BYTES_PER_PIXEL = 4;

/** A deterministic RGBA image of `pixels` pixels: the same input on every side of every boundary. */
export function makePixels(pixels: number, into?: Uint8ClampedArray): Uint8ClampedArray {
  const data = into ?? new Uint8ClampedArray(pixels * BYTES_PER_PIXEL);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 10)) & 255;
  return data;
}

/**
 * Grayscale then invert, in place (alpha kept), and a checksum of the result. The buffer is the payload that
 * crosses a thread boundary by clone, transfer or SharedArrayBuffer, so the work happens where it lands.
 */
export function transformPixels(data: Uint8ClampedArray): string {
  let hash = 2166136261;
  for (let i = 0; i < data.length; i += BYTES_PER_PIXEL) {
    const gray = (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
    const inverted = 255 - gray;
    data[i] = inverted;
    data[i + 1] = inverted;
    data[i + 2] = inverted;
    hash = Math.imul(hash ^ inverted, 16777619) >>> 0;
  }
  return `${data.length / BYTES_PER_PIXEL}:${hash.toString(16)}`;
}
