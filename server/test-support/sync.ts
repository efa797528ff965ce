import { expect } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type Change, type MutationResult } from '../../shared/protocol';
import { isSettledThread, SNAPSHOT_PHASES, type SnapshotDirectory, type SnapshotPage, type SnapshotPhase } from '../../shared/snapshot';
import { parseThreadFrames, threadFromBytes, THREAD_FRAMES_TYPE } from '../../shared/thread-frames';
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

export interface SnapshotRun {
  /** Per phase, the pages' appeal ids (rows or threads) in order. */
  ids: Record<SnapshotPhase, string[]>;
  /** What a replica holds after every phase, keyed as replay() keys it (events one by one). */
  state: Map<string, unknown>;
  head: number;
  directory: SnapshotDirectory;
  pages: number;
  /** The appeals the `threads` phase's frames said were not settled (with `frames`). */
  unsettled: string[];
}

/**
 * One page of the `threads` phase as frames (shared/thread-frames.ts), each thread inflated and
 * parsed, in the shape of a JSON page.
 */
async function threadFramesPage(s: TestServer, token: string, path: string): Promise<{ page: SnapshotPage; unsettled: string[] }> {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${token}`, accept: THREAD_FRAMES_TYPE } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(THREAD_FRAMES_TYPE);
  const { head, next, docs } = parseThreadFrames(new Uint8Array(await res.arrayBuffer()));
  const page = { head, next, appeals: [], threads: docs.map((d) => threadFromBytes(d.bytes)) };
  for (const d of docs) expect(d.settled, d.appealId).toBe(isSettledThread(page.threads.find((t) => t.appealId === d.appealId)!));
  return { page, unsettled: docs.filter((d) => !d.settled).map((d) => d.appealId) };
}

/**
 * Every phase of the first download, page by page, as a workstation reads it; with `frames`, the
 * `threads` phase as frames, as the workstation asks for it.
 */
export async function snapshotAll(s: TestServer, token: string, limit?: number, frames = false): Promise<SnapshotRun> {
  const ids = { mine: [], open: [], rows: [], threads: [] } as Record<SnapshotPhase, string[]>;
  const state = new Map<string, unknown>();
  let head = -1;
  let directory: SnapshotDirectory | undefined;
  let pages = 0;
  const unsettled: string[] = [];
  for (const phase of SNAPSHOT_PHASES) {
    let after = '';
    for (;;) {
      const path = `/api/v1/sync/snapshot?phase=${phase}&after=${encodeURIComponent(after)}${limit ? `&limit=${limit}` : ''}`;
      let page: SnapshotPage;
      if (frames && phase === 'threads') {
        const read = await threadFramesPage(s, token, path);
        page = read.page;
        unsettled.push(...read.unsettled);
      } else {
        const res = await s.call('GET', path, { token });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        page = res.body as SnapshotPage;
      }
      pages++;
      if (head < 0) head = page.head;
      if (page.directory) {
        directory = page.directory;
        const d = page.directory;
        for (const [entity, rows] of [['user', d.users], ['municipality', d.municipalities], ['body', d.bodies], ['template', d.templates], ['problem', d.problems ?? []], ['post', d.posts ?? []]] as const) {
          for (const r of rows) state.set(`${entity}:${r.id}`, r);
        }
      }
      for (const a of page.appeals) {
        ids[phase].push(a.id);
        state.set(`appeal:${a.id}`, a);
      }
      for (const t of page.threads) {
        if (phase === 'threads') ids[phase].push(t.appealId);
        for (const [entity, rows] of [['reply', t.replies], ['note', t.notes], ['event', t.events], ['delivery', t.deliveries]] as const) {
          for (const r of rows) state.set(`${entity}:${r.id}`, r);
        }
      }
      if (page.next === null) break;
      after = page.next;
    }
  }
  if (!directory) throw new Error('no directory on the first page');
  return { ids, state, head, directory, pages, unsettled };
}
