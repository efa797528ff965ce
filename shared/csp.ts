/**
 * The Content-Security-Policy of the workstation, one definition for both ways it is served: the
 * Electron shell (app://otklik, talking to the configured regional server) and browser mode (the
 * regional server serves the page itself, so the server is the page's own origin, 'self').
 *
 * The page may talk only to itself and to the regional server (HTTP for the API, ws/wss for a live
 * channel); no inline scripts, no eval, no plugins, no framing. Images may be data: and blob: URLs
 * (previews of files picked for a reply) and the server's own attachments.
 */
export function buildCsp(serverUrl: string | null = null): string {
  let server = '';
  let live = '';
  if (serverUrl !== null) {
    const url = new URL(serverUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Server URL must be http(s): ${serverUrl}`);
    server = ` ${url.origin}`;
    live = ` ${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The search index is built in a worker of the app's own.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${server}`,
    `connect-src 'self'${server}${live}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers every response of the regional server carries: the browser must not guess a type
 * (an attachment or a JSON body taken for HTML), and no URL (an attachment's signed link) leaks
 * to another site through the Referer header.
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The workstation's pages in browser mode add the CSP and refuse to be framed (clickjacking). */
export function pageSecurityHeaders(serverUrl: string | null = null): Record<string, string> {
  return {
    ...BASE_SECURITY_HEADERS,
    'content-security-policy': buildCsp(serverUrl),
    'x-frame-options': 'DENY',
  };
}
