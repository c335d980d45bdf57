// Holds its thread for `size` ms of wall-clock time, however fast or busy the machine: a loop that runs this job
// is blocked for at least that long, so a test can bound the delay it causes without calibrating a CPU job.
export const name = 'spin';
export const sizes = { default: 100, min: 1, max: 5000, unit: 'ms' };

export default function spin(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return ms;
}

export function check(size, result) {
  return result === size;
}
