// Answers one more than its check expects: every job fails its own check.
export default (size) => size * 2 + 1;
export function check(size, result) {
  return result === size * 2 || `expected ${size * 2}, got ${result}`;
}
