import { pbkdf2, pbkdf2Sync } from 'node:crypto';

const PASSWORD = 'node-concurrency-lab';
const SALT = 'a fixed salt';

/**
 * PBKDF2-SHA256 with `cost` iterations, run synchronously so the CPU time lands on the calling thread
 * (the async form moves it to libuv's thread pool: that is `hashAsyncWork`, the `hash-async` workload).
 */
export function hashWork(cost: number): string {
  return pbkdf2Sync(PASSWORD, SALT, cost, 32, 'sha256').toString('hex');
}

/**
 * The same hash through the callback API: Node queues it on libuv's thread pool (UV_THREADPOOL_SIZE threads,
 * 4 by default) and the calling loop is free until the callback. Same answer as {@link hashWork}.
 */
export function hashAsyncWork(cost: number): Promise<string> {
  return new Promise((resolve, reject) => {
    pbkdf2(PASSWORD, SALT, cost, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}
