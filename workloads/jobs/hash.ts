import { pbkdf2Sync } from 'node:crypto';

/**
 * PBKDF2-SHA256 with `cost` iterations, run synchronously so the CPU time lands on the calling thread
 * (the async form would move it to libuv's thread pool and hide what this lab wants to show).
 */
export function hashWork(cost: number): string {
  return pbkdf2Sync('node-concurrency-lab', 'a fixed salt', cost, 32, 'sha256').toString('hex');
}
