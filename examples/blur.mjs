// A CPU-bound workload: a 3x3 box blur over a grey image of `size` x `size` pixels, done in plain JavaScript.
// While it runs it keeps its thread busy: on `main-thread` the lab's own event loop stalls, on a pool it does not.
//
//   npm run lab -- --workload-file examples/blur.mjs --strategy worker-pool --rate 20 --duration 5

export const name = 'box blur';
export const sizes = { default: 300, min: 3, max: 4000, unit: 'pixels a side' };

/** A deterministic image: the same size always gives the same pixels, so the result can be checked. */
function makeImage(side) {
  const image = new Uint8ClampedArray(side * side);
  for (let i = 0; i < image.length; i++) image[i] = (i * 2654435761) >>> 24;
  return image;
}

/** Blurs the image; returns a checksum of the output, and its side. */
export default function blur(side) {
  const input = makeImage(side);
  const output = new Uint8ClampedArray(input.length);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < side && ny < side) {
            sum += input[ny * side + nx];
            count++;
          }
        }
      }
      output[y * side + x] = sum / count;
    }
  }
  let checksum = 0;
  for (let i = 0; i < output.length; i++) checksum = (checksum * 31 + output[i]) >>> 0;
  return { side, checksum };
}

/** The lab calls this with each result: a blur of a given side always gives the same checksum. */
const expected = new Map();
export function check(side, result) {
  if (result?.side !== side) return `expected side ${side}, got ${result?.side}`;
  if (!expected.has(side)) expected.set(side, blur(side).checksum);
  return result.checksum === expected.get(side) || `checksum ${result.checksum}, expected ${expected.get(side)}`;
}
