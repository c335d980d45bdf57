// A workload whose jobs misbehave, chosen by size: 1 throws, 2 never returns, 3 exits its process, else returns the size doubled.
export const name = "misbehaving";
export const sizes = { default: 4, min: 0, max: 1000 };
export default async function (size) {
  if (size === 1) throw new Error("the job failed on purpose");
  if (size === 2) return new Promise(() => {}); // nothing pending either: on main-thread a timer would live on in the host
  if (size === 3) process.exit(7);
  return size * 2;
}
export function check(size, result) {
  return result === size * 2 || `expected ${size * 2}, got ${result}`;
}
