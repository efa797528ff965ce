import { expect } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type Change, type MutationResult } from '../../shared/protocol';
import type { TestServer } from './server';

/** Pulls pages until hasMore is false; every page must match the wire schema. */
export async function pullAll(s: TestServer, token: string, cursor = 0, limit?: number): Promise<{ changes: Change[]; cursor: number; pages: number }> {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const res = await s.call('GET', `/api/v1/sync/pull?cursor=${cursor}${limit ? `&limit=${limit}` : ''}`, { token });
    expect(res.status).toBe(200);
    const page = pullResponseSchema.parse(res.body);
    pages++;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

let counter = 0;
export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function push(
  s: TestServer,
  token: string,
  mutations: Array<{ id?: string; name: string; args: unknown }>,
  clientId = 'client-1',
): Promise<MutationResult[]> {
  const res = await s.call('POST', '/api/v1/sync/push', {
    token,
    body: { clientId, mutations: mutations.map((m) => ({ id: m.id ?? uid('m'), name: m.name, args: m.args })) },
  });
  expect(res.status).toBe(200);
  return pushResponseSchema.parse(res.body).results;
}

/** The latest state of each record in a list of changes (deletes remove). */
export function replay(changes: readonly Change[]): Map<string, unknown> {
  const state = new Map<string, unknown>();
  for (const c of changes) {
    const key = `${c.entity}:${c.id}`;
    if (c.op === 'delete') state.delete(key);
    else state.set(key, c.data);
  }
  return state;
}
