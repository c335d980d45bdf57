/** Units slice: the published rows of the unit table (the live tracker sits in LiveBuffers). */
import type { UnitsSlice } from '../store-types';

export function createUnitsSlice(): UnitsSlice {
  return { units: [] };
}
