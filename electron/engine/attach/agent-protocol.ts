/**
 * The agent's lines (shared/attach.ts, AgentMessage), read as untrusted input: anything that reaches the lab's
 * port is parsed here, field by field, with bounds on every list, before the rest of the lab sees it. A line that
 * is not what the protocol says comes back null, and the server closes its connection. Fields the protocol may
 * gain later are dropped, not refused, so an agent a version ahead still reports.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { STATUS_CLASSES, type AgentMessage } from '../../../shared/attach';

/** The first line of a connection. */
export type AgentHello = Extract<AgentMessage, { type: 'hello' }>;
/** A report. */
export type AgentReport = Extract<AgentMessage, { type: 'sample' }>;

/** Most entries of any list in one line: far above what an agent sends in a 10 s report. */
const MAX_ITEMS = 8_192;

const count = z.number().int().nonnegative();
const finite = z.number();
const amount = z.number().nonnegative();
/**
 * A share of 0..1, clamped rather than refused: utilisation differences come out a hair below 0 or above 1 now
 * and then (a worker's ELU diff read -1e-6), and a connection is not worth losing over float noise.
 */
const share = z.number().transform((value) => Math.min(1, Math.max(0, value)));
const percentiles = z.object({ p50: finite.nonnegative(), p99: finite.nonnegative(), max: finite.nonnegative() });

const HelloSchema = z.object({
  type: z.literal('hello'),
  token: z.string().max(256),
  pid: z.number().int().positive(),
  ppid: z.number().int().nonnegative(),
  threadId: z.number().int().nonnegative(),
  argv: z.array(z.string().max(65_536)).max(4_096),
  node: z.string().max(64),
  startedAt: finite,
  tid: z.number().int().positive().optional(),
});

const ReportSchema = z.object({
  type: z.literal('sample'),
  sample: z.object({
    eld: percentiles.nullable(),
    elu: share.nullable(),
    // CPU share of one thread: above 1 only by clock jitter.
    cpu: share.nullable(),
    rss: amount.nullable(),
    heapUsed: amount,
  }),
  activity: z.object({
    from: z.number().int(),
    busyUs: z.array(amount).max(MAX_ITEMS),
    gc: z.array(amount).max(MAX_ITEMS * 4),
    to: finite,
  }),
  http: z
    .object({
      started: count,
      finished: z.object(Object.fromEntries(STATUS_CLASSES.map((name) => [name, count])) as Record<(typeof STATUS_CLASSES)[number], typeof count>),
      aborted: count,
      inFlight: count,
      latencyBuckets: z.array(z.number().int()).max(MAX_ITEMS * 2),
    })
    .nullable(),
  workers: z.array(z.object({ threadId: z.number().int().positive(), elu: share.nullable() })).max(MAX_ITEMS),
});

/** A line parsed as JSON, or undefined when it is not JSON. */
function json(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Whether `given` is the run's token, compared in constant time (a wrong guess learns nothing from the timing). */
export function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The hello of a connection, when `line` is one and carries `token`; else null. */
export function parseHello(line: string, token: string): AgentHello | null {
  const parsed = HelloSchema.safeParse(json(line));
  return parsed.success && tokenMatches(parsed.data.token, token) ? parsed.data : null;
}

/** A report, when `line` is one; else null. */
export function parseReport(line: string): AgentReport | null {
  const parsed = ReportSchema.safeParse(json(line));
  if (!parsed.success) return null;
  // Pairs, as the protocol says; an odd list is not one.
  const http = parsed.data.http;
  if (http && http.latencyBuckets.length % 2 !== 0) return null;
  if (parsed.data.activity.gc.length % 4 !== 0) return null;
  return parsed.data;
}
