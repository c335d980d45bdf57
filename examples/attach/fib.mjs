// The CPU work of the example: a naive Fibonacci, the same function on the event loop (`/fib`) and on the
// worker-thread pool (`/offload`, as piscina's task: its default export), so the only difference the lab shows
// between the two routes is where the work runs.

/** The largest n the routes take: fib(35) is about a tenth of a second here, enough to see a loop block. */
export const MAX_N = 35;

export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** piscina calls the default export with the task's argument. */
export default function fibTask({ n }) {
  return fib(n);
}
