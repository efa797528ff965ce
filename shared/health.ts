import { z } from 'zod';
import { API_PREFIX } from './protocol';

/** What `GET /api/v1/health` answers: how a workstation recognises an Otklik regional server. */
export const OTKLIK_APP_ID = 'otklik';
export const HEALTH_PATH = `${API_PREFIX}/health`;

export const healthSchema = z.object({
  status: z.literal('ok'),
  app: z.literal(OTKLIK_APP_ID),
  version: z.string().min(1).max(64),
});
export type Health = z.infer<typeof healthSchema>;

/** The server's version when the body is an Otklik health answer, null for anything else. */
export function otklikServerVersion(body: unknown): string | null {
  const parsed = healthSchema.safeParse(body);
  return parsed.success ? parsed.data.version : null;
}

/** The answer to "is there an Otklik server at this address?", asked before an address is saved. */
export type ServerCheck =
  | { ok: true; url: string; version: string }
  | { ok: false; reason: 'invalid' | 'unreachable' | 'not-otklik' };

export const SERVER_CHECK_TIMEOUT_MS = 8000;

/**
 * Asks `<url>/api/v1/health` and recognises the answer. `url` is already normalised (no trailing
 * slash); `fetchFn` is the caller's fetch (the page's in a browser, Node's in Electron's main).
 */
export async function checkOtklikServer(url: string, fetchFn: typeof fetch): Promise<ServerCheck> {
  let response: Response;
  try {
    response = await fetchFn(`${url}${HEALTH_PATH}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(SERVER_CHECK_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: some other web server
  }
  const version = response.ok ? otklikServerVersion(body) : null;
  return version === null ? { ok: false, reason: 'not-otklik' } : { ok: true, url, version };
}
