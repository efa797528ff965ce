/**
 * A thin HTTP client of the regional server's public API, for arranging and checking what the
 * person in the browser did. It speaks the wire protocol directly, as another client would.
 */
export const BASE_URL = process.env.OTKLIK_E2E_BASE_URL ?? 'http://127.0.0.1:18787';
export const INTEGRATION_TOKEN = 'e2e-integration-token';

export interface ApiUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  municipalityId: string | null;
}

export interface ApiAppeal {
  id: string;
  status: string;
  assigneeId: string | null;
  municipalityId: string;
  version: number;
  author: { name: string };
  text: string;
  dueAt: string;
  externalRef: string;
  /** The problem it is linked into; absent while it is in none. */
  problemId?: string;
}

export interface ApiReply {
  id: string;
  appealId: string;
  authorId: string;
  body: string;
  state: string;
}

export interface Session {
  token: string;
  user: ApiUser;
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${response.url}: ${text}`);
  return JSON.parse(text) as T;
}

export async function login(username: string, password = 'demo'): Promise<Session> {
  const body = await json<{ accessToken: string; user: ApiUser }>(
    await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }),
  );
  return { token: body.accessToken, user: body.user };
}

/** Everything in the caller's scope, folded from the change log as a client would fold it. */
export async function snapshot(session: Session): Promise<{
  appeals: Map<string, ApiAppeal>;
  replies: Map<string, ApiReply>;
  users: Map<string, ApiUser>;
}> {
  const tables = { appeal: new Map(), reply: new Map(), user: new Map() } as Record<string, Map<string, unknown>>;
  let cursor = 0;
  for (;;) {
    const page = await json<{ changes: { entity: string; id: string; op: string; data?: unknown }[]; cursor: number; hasMore: boolean }>(
      await fetch(`${BASE_URL}/api/v1/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${session.token}` } }),
    );
    for (const change of page.changes) {
      const table = tables[change.entity];
      if (!table) continue;
      if (change.op === 'delete') table.delete(change.id);
      else table.set(change.id, change.data);
    }
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return {
    appeals: tables.appeal as Map<string, ApiAppeal>,
    replies: tables.reply as Map<string, ApiReply>,
    users: tables.user as Map<string, ApiUser>,
  };
}

export const OPEN = ['new', 'assigned', 'in_progress', 'clarification'];

export async function push(
  session: Session,
  mutations: { id: string; name: string; args: unknown }[],
): Promise<{ results: { id: string; status: string; code?: string }[] }> {
  return json(
    await fetch(`${BASE_URL}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ clientId: `e2e-${session.user.username}`, mutations }),
    }),
  );
}

export async function intake(body: Record<string, unknown>): Promise<{ id: string; assigneeId: string | null; municipalityId: string; duplicate: boolean }> {
  return json(
    await fetch(`${BASE_URL}/api/v1/intake/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify(body),
    }),
  );
}
