/**
 * The app page's Content-Security-Policy: one policy, set as a response header by whichever host serves the page
 * (the desktop app's `app://` handler and its session, browser mode's static server). The page's index.html
 * carries none, so no weaker copy can exist beside it (a test reads the built file and both headers).
 * Scripts, styles, fonts and images only from the app's own origin; no inline script, no eval, no plugins, no
 * <base>, no forms, no framing. `connect-src 'self'` covers browser mode's WebSocket to the same host and port
 * (CSP 3 matches ws: to the page's own origin); `img-src data:` is for inlined small assets and for chart
 * exports, whose PNG is drawn from the chart's SVG as a data: URL (no blob: images, so none is allowed).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
