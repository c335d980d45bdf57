// Loads, but gives the lab nothing to call.
export const name = "nothing to run";
export function work(size) { return size; }
