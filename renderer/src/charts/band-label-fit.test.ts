import { describe, expect, it } from 'vitest';
import { CHAR_EM, fitBandLabel } from './band-label-fit';

describe('a segment name in the room of its band', () => {
  it('is whole when it fits', () => {
    expect(fitBandLabel('worker pool', 11 * CHAR_EM * 24, 24)).toBe('worker pool');
  });

  it('is cut with an ellipsis, the ellipsis counted, when it does not', () => {
    const cut = fitBandLabel('round-robin: workers start', 137, 24);
    expect(cut).toBe('round-ro…');
    expect(cut.length * CHAR_EM * 24).toBeLessThanOrEqual(137);
  });

  it('leaves no trailing space before the ellipsis', () => {
    expect(fitBandLabel('OS: workers start', 6 * CHAR_EM * 20, 20)).toBe('OS:…');
  });

  it('is empty in a band too narrow for two characters', () => {
    expect(fitBandLabel('clone', 30, 24)).toBe('');
  });
});
