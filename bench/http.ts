/** The server's HTTP API as benchmark drivers call it from Node (loopback only). */
import type { Change, MutationEnvelope, MutationResult, PullResponse } from '../shared/protocol';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; displayName: string; role: 'clerk' | 'supervisor' | 'admin'; municipalityId: string | null };
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') throw new Error(`benchmarks talk only to loopback, not ${host}`);
}

export async function loginAs(url: string, username: string): Promise<Session> {
  assertLoopback(url);
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Session;
}

/** A one-minute ticket for the live channel, as the workstation asks for one before each connect. */
export async function liveTicket(url: string, token: string): Promise<string> {
  assertLoopback(url);
  const response = await fetch(`${url}/api/v1/auth/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ purpose: 'live' }),
  });
  if (!response.ok) throw new Error(`live ticket: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { ticket: string }).ticket;
}

export async function pullPage(url: string, token: string, cursor: number, limit = 5000): Promise<PullResponse> {
  const response = await fetch(`${url}/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`pull: ${response.status} ${await response.text()}`);
  return (await response.json()) as PullResponse;
}

/** Every change after `cursor`, page by page; returns them and the new cursor. */
export async function pullAllChanges(url: string, token: string, cursor: number): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  for (;;) {
    const page = await pullPage(url, token, cursor);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

/** The log's head as a caller sees it: pulls to the end from `from`. */
export async function headCursor(url: string, token: string, from = 0): Promise<number> {
  let cursor = from;
  for (;;) {
    const page = await pullPage(url, token, cursor);
    cursor = page.cursor;
    if (!page.hasMore) return cursor;
  }
}

export async function push(url: string, token: string, clientId: string, mutations: MutationEnvelope[]): Promise<MutationResult[]> {
  const response = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId, mutations }),
  });
  if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { results: MutationResult[] }).results;
}

export const BENCH_INTEGRATION_TOKEN = 'bench-integration-token';

/** A new appeal through the intake API, as a source connector sends it. */
export async function intake(url: string, n: number, municipalityId: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/intake/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_INTEGRATION_TOKEN}` },
    body: JSON.stringify({
      source: 'vk',
      externalRef: `bench-${Date.now()}-${n}`,
      author: { name: `Житель ${n}` },
      text: `Во дворе дома ${n} не вывозят мусор уже неделю.`,
      municipalityId,
    }),
  });
  if (!response.ok) throw new Error(`intake: ${response.status} ${await response.text()}`);
}
