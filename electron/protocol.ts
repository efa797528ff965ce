import path from 'node:path';
import { buildCsp } from '../shared/csp';

/**
 * The renderer is served from `app://otklik/…` rather than file://, so it gets a real origin
 * (IndexedDB, CSP and same-origin checks behave as in the browser) and cannot read arbitrary files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'otklik';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const INDEX_FILE = 'index.html';

// A segment that is a dot segment in any spelling, or carries a separator, a drive letter or NUL,
// could step outside rootDir after decoding; such requests are refused outright, not normalised.
const FORBIDDEN_RAW = /%2e|%2f|%5c|%00|\\/i;
const FORBIDDEN_SEGMENT = /[/\\:\0]/;

/**
 * Maps `app://otklik/<path>` to a file under rootDir, or null when the request must be refused.
 * Extensionless paths are SPA routes and fall back to index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  const rawPath = rawPathOf(requestUrl);
  if (rawPath === null || FORBIDDEN_RAW.test(rawPath)) return null;

  const segments = rawPath.split('/').slice(1);
  // A trailing slash is fine ("/queue/"); an empty segment elsewhere ("//etc") is not.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const decoded: string[] = [];
  for (const segment of segments) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (value === '' && segments.length === 1) continue; // the root "/"
    if (value === '' || value === '.' || value === '..' || FORBIDDEN_SEGMENT.test(value)) return null;
    decoded.push(value);
  }

  const last = decoded[decoded.length - 1];
  const relative = last === undefined || path.extname(last) === '' ? [INDEX_FILE] : decoded;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...relative);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

/** The path part of an app://otklik URL exactly as requested, or null for any other origin. */
function rawPathOf(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  // The URL parser already folds "../" away; look at the text as sent so a traversal attempt is
  // refused instead of silently landing on some other file.
  const match = /^app:\/\/[^/?#]*(\/[^?#]*)?/i.exec(requestUrl.trim());
  if (!match) return null;
  const raw = match[1] ?? '/';
  if (raw.split('/').some((s) => s === '..' || s === '.')) return null;
  return raw;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolDeps {
  rootDir: string;
  /** Reads a whole file; rejects when it does not exist. Injected so tests need no disk. */
  readFile: (filePath: string) => Promise<Uint8Array>;
  /** Read on every request, so a changed server URL is in the CSP of the next page load. */
  getServerUrl: () => string;
}

/** The handler given to protocol.handle('app', …): static files of the built renderer. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed');
    }
    const filePath = resolveAppPath(deps.rootDir, request.url);
    if (filePath === null) return plain(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await deps.readFile(filePath);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = new Headers({
      'content-type': contentTypeFor(filePath),
      'content-security-policy': buildCsp(deps.getServerUrl()),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}
