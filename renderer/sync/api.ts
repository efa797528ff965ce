import {
  API_PREFIX,
  ENTITIES,
  ERROR_CODES,
  loginResponseSchema,
  type ErrorCode,
  type LoginResponse,
  type MutationEnvelope,
  type PullResponse,
  type PushResponse,
} from '../../shared/protocol';
import { TICKET_PATH, ticketResponseSchema } from '../../shared/tickets';
import { threadDoc, type SnapshotPage, type SnapshotPhase, type ThreadResponse } from '../../shared/snapshot';
import { isThread, parseThreadFrames, threadBytes, THREAD_FRAMES_TYPE } from '../../shared/thread-frames';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The server answered with an error body (or a bare HTTP error). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'http_error',
    message: string,
    /** The error body's details (e.g. `lockedUntil` of a locked account). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer at all: the network is down or the server is unreachable. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The response is not what the protocol promises (a proxy's page, a truncated body). */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const KNOWN_ENTITIES: ReadonlySet<string> = new Set(ENTITIES);

export function normalizeServerUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, '');
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code: ErrorCode | 'http_error' = 'http_error';
  let message = `HTTP ${response.status}`;
  let details: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    details = body.error?.details;
    if (typeof body.error?.code === 'string' && KNOWN_CODES.has(body.error.code)) code = body.error.code as ErrorCode;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // not a JSON error body: keep the HTTP status
  }
  if (code === 'http_error' && response.status === 401) code = 'unauthorized';
  if (code === 'http_error' && response.status === 429) code = 'rate_limited';
  if (code === 'http_error' && response.status === 413) code = 'payload_too_large';
  return new ApiError(response.status, code, message, details);
}

/**
 * Checks the page's shape without parsing each record: a bootstrap of 100,000 appeals must not
 * spend its time in per-record schema validation. Records are trusted as the server's own rows.
 */
export function assertPullPage(value: unknown): asserts value is PullResponse {
  const page = value as Partial<PullResponse> | null;
  if (!page || !Array.isArray(page.changes) || typeof page.cursor !== 'number' || typeof page.hasMore !== 'boolean') {
    throw new ProtocolError('Malformed pull page');
  }
  for (const change of page.changes) {
    const c = change as { entity?: unknown; op?: unknown; id?: unknown; seq?: unknown; data?: unknown };
    if (typeof c.id !== 'string' || typeof c.entity !== 'string' || !KNOWN_ENTITIES.has(c.entity)) {
      throw new ProtocolError('Malformed change in pull page');
    }
    if (c.op === 'upsert') {
      if (typeof c.data !== 'object' || c.data === null) throw new ProtocolError('Upsert without data');
    } else if (c.op !== 'delete') {
      throw new ProtocolError(`Unknown change op ${String(c.op)}`);
    }
  }
}

/** The page's shape, as for pull pages: records are trusted as the server's own rows. */
export function assertSnapshotPage(value: unknown): asserts value is SnapshotPage {
  const page = value as Partial<SnapshotPage> | null;
  if (!page || typeof page.head !== 'number' || !Array.isArray(page.appeals) || !Array.isArray(page.threads) || (page.next !== null && typeof page.next !== 'string')) {
    throw new ProtocolError('Malformed snapshot page');
  }
  if (!page.threads.every(isThread)) throw new ProtocolError('Malformed thread in snapshot page');
  const d = page.directory;
  if (d !== undefined && (!Array.isArray(d.users) || !Array.isArray(d.municipalities) || !Array.isArray(d.bodies) || !Array.isArray(d.templates) || typeof d.total !== 'number' || typeof d.closed !== 'number')) {
    throw new ProtocolError('Malformed snapshot directory');
  }
}

/** A `threads` page from a server that sends it as JSON (an older one), in the form the frames give (each thread as JSON bytes). */
function asThreadDocs(page: SnapshotPage): SnapshotPage {
  return { ...page, threads: [], docs: page.threads.map((t) => threadDoc(t, threadBytes)) };
}

const RESULT_STATUSES: ReadonlySet<string> = new Set(['applied', 'duplicate', 'rejected']);

/** The results decide what leaves the outbox, so each must name a mutation and a known status. */
export function assertPushResponse(value: unknown): asserts value is PushResponse {
  const body = value as { results?: unknown } | null;
  if (!body || !Array.isArray(body.results)) throw new ProtocolError('Malformed push response');
  for (const r of body.results as { id?: unknown; status?: unknown }[]) {
    if (typeof r?.id !== 'string' || typeof r.status !== 'string' || !RESULT_STATUSES.has(r.status)) {
      throw new ProtocolError('Malformed push result');
    }
  }
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Api {
  readonly serverUrl: string;
  login(username: string, password: string): Promise<LoginResponse>;
  refresh(refreshToken: string): Promise<RefreshResult>;
  pull(token: string, cursor: number, limit: number, signal?: AbortSignal): Promise<PullResponse>;
  push(token: string, clientId: string, mutations: MutationEnvelope[]): Promise<PushResponse>;
  /** One page of a phase of the first download (shared/snapshot.ts). */
  snapshot(token: string, phase: SnapshotPhase, after: string, limit: number): Promise<SnapshotPage>;
  /** One appeal and its thread, read on demand (404 outside the caller's scope). */
  thread(token: string, appealId: string): Promise<ThreadResponse>;
  /** The live channel's address with a fresh one-minute ticket (EventSource sends no header). */
  liveUrl(token: string): Promise<string>;
  /** A one-minute ticket for an <img> or a link of one attachment (shared/tickets.ts). */
  attachmentTicket(token: string, attachmentId: string): Promise<string>;
  /**
   * Any other authorised JSON call under the API prefix (the administrator's console). A 204
   * answer resolves to undefined.
   */
  call(token: string, method: ApiMethod, path: string, body?: unknown): Promise<unknown>;
}

/** What /auth/refresh answers: new tokens, and the user when the server sends it. */
export interface RefreshResult {
  accessToken: string;
  refreshToken: string;
  user?: LoginResponse['user'];
}

export function createApi(serverUrl: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): Api {
  const base = `${normalizeServerUrl(serverUrl)}${API_PREFIX}`;

  async function respond(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, init);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new NetworkError((error as Error)?.message ?? 'fetch failed');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function request(path: string, init: RequestInit): Promise<unknown> {
    const response = await respond(path, init);
    // «No content» (a deletion) is a success with nothing to parse.
    if (response.status === 204) return undefined;
    try {
      return await response.json();
    } catch {
      throw new ProtocolError(`Response of ${path} is not JSON`);
    }
  }

  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

  return {
    serverUrl: normalizeServerUrl(serverUrl),
    async login(username, password) {
      const body = await request('/auth/login', json({ username, password }));
      const parsed = loginResponseSchema.safeParse(body);
      if (!parsed.success) throw new ProtocolError('Malformed login response');
      return parsed.data;
    },
    async refresh(refreshToken) {
      const body = (await request('/auth/refresh', json({ refreshToken }))) as Partial<RefreshResult>;
      if (typeof body?.accessToken !== 'string') throw new ProtocolError('Malformed refresh response');
      return { accessToken: body.accessToken, refreshToken: body.refreshToken ?? refreshToken, user: body.user };
    },
    async pull(token, cursor, limit, signal) {
      const body = await request(`/sync/pull?cursor=${cursor}&limit=${limit}`, {
        headers: { authorization: `Bearer ${token}` },
        signal,
      });
      assertPullPage(body);
      return body;
    },
    async push(token, clientId, mutations) {
      const body = await request('/sync/push', json({ clientId, mutations }, token));
      assertPushResponse(body);
      return body;
    },
    async snapshot(token, phase, after, limit) {
      const path = `/sync/snapshot?phase=${phase}&after=${encodeURIComponent(after)}&limit=${limit}`;
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (phase === 'threads') headers.accept = `${THREAD_FRAMES_TYPE}, application/json;q=0.5`;
      const response = await respond(path, { headers });
      if (phase === 'threads' && (response.headers.get('content-type') ?? '').startsWith(THREAD_FRAMES_TYPE)) {
        let body: Uint8Array;
        try {
          body = new Uint8Array(await response.arrayBuffer());
        } catch (error) {
          throw new NetworkError((error as Error)?.message ?? 'body cut');
        }
        try {
          return { appeals: [], threads: [], ...parseThreadFrames(body) };
        } catch (error) {
          throw new ProtocolError(`Malformed thread frames: ${(error as Error).message}`);
        }
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ProtocolError(`Response of ${path} is not JSON`);
      }
      assertSnapshotPage(body);
      return phase === 'threads' ? asThreadDocs(body) : body;
    },
    async thread(token, appealId) {
      const body = (await request(`/sync/thread/${encodeURIComponent(appealId)}`, { headers: { authorization: `Bearer ${token}` } })) as Partial<ThreadResponse> | null;
      if (!body || typeof body.appeal !== 'object' || !isThread(body.thread)) throw new ProtocolError('Malformed thread response');
      return body as ThreadResponse;
    },
    async liveUrl(token) {
      const parsed = ticketResponseSchema.safeParse(await request(TICKET_PATH, json({ purpose: 'live' }, token)));
      if (!parsed.success) throw new ProtocolError('Malformed ticket response');
      return `${base}/sync/live?ticket=${encodeURIComponent(parsed.data.ticket)}`;
    },
    async attachmentTicket(token, attachmentId) {
      const body = await request(TICKET_PATH, json({ purpose: 'attachment', resource: attachmentId }, token));
      const parsed = ticketResponseSchema.safeParse(body);
      if (!parsed.success) throw new ProtocolError('Malformed ticket response');
      return parsed.data.ticket;
    },
    call(token, method, path, body) {
      if (method === 'POST' || method === 'PUT') return request(path, { ...json(body ?? {}, token), method });
      // No body and no content-type: the server refuses an empty body declared as JSON.
      return request(path, { method, headers: { authorization: `Bearer ${token}` } });
    },
  };
}
