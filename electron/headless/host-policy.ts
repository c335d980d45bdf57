/**
 * Who may talk to the browser-mode server. It drives real processes on this machine, so a web page from
 * elsewhere must not reach it: WebSocket upgrades must come from a page of this same server (Origin), and,
 * when bound to loopback, requests must name a loopback host (Host), which defeats DNS rebinding (a
 * hostile name resolving to 127.0.0.1 would otherwise count as "same origin").
 */

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for names and addresses that only reach this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost');
}

/** Splits a Host header (`name:port`, `[v6]:port`) into its name and port. */
export function parseHostHeader(header: string): { name: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return null;
  return { name: (match[1] as string).toLowerCase(), port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Whether a request's Host header is acceptable. Bound to loopback: only loopback names on our port.
 * Bound to something else, the user chose to expose the lab (and was warned), so any name is accepted.
 */
export function hostAllowed(hostHeader: string | undefined, bound: { host: string; port: number }): boolean {
  if (!isLoopbackHost(bound.host)) return true;
  if (hostHeader === undefined) return false;
  const parsed = parseHostHeader(hostHeader);
  if (!parsed) return false;
  const port = parsed.port ?? 80;
  return isLoopbackHost(parsed.name) && port === bound.port;
}

/**
 * Whether a WebSocket upgrade's Origin is this server. Browsers always send Origin on WebSocket upgrades,
 * so a missing one is a non-browser client (a test, a script), which CORS-style checks do not concern.
 */
export function originAllowed(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (hostHeader === undefined) return false;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  return (origin.protocol === 'http:' || origin.protocol === 'https:') && origin.host.toLowerCase() === hostHeader.trim().toLowerCase();
}
