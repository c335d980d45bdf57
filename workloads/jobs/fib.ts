/** Recursive Fibonacci: pure CPU, no allocation, the classic event-loop blocker. */
export function fibRecursive(n: number): number {
  return n < 2 ? n : fibRecursive(n - 1) + fibRecursive(n - 2);
}

/** The same number computed in linear time, to check the recursive answer. */
export function fibKnown(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}
