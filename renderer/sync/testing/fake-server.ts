import { OPEN_STATUSES, type Appeal, type AppealEvent, type Note, type Reply, type User } from '../../../shared/domain';
import type { Delivery } from '../../../shared/channels/delivery';
import type { Change, Entity, MutationEnvelope, MutationResult } from '../../../shared/protocol';
import { threadDoc, type SnapshotPage, type SnapshotPhase, type Thread } from '../../../shared/snapshot';
import { formatThreadFrames, threadFrame, THREAD_FRAMES_TYPE } from '../../../shared/thread-frames';
import type { FetchLike } from '../api';

/** Test fixtures and an in-memory regional server speaking the wire protocol over a fake fetch. */

export const CLERK: User = { id: 'u-clerk', username: 'operator', displayName: 'Ирина Петрова', role: 'clerk', municipalityId: 'maykop' };
export const COLLEAGUE: User = { id: 'u-clerk2', username: 'operator3', displayName: 'Олег Ким', role: 'clerk', municipalityId: 'maykop' };

export function makeAppeal(overrides: Partial<Appeal> = {}): Appeal {
  const id = overrides.id ?? 'a1';
  return {
    id,
    source: 'vk',
    externalRef: `https://vk.com/wall-1_${id}`,
    author: { name: 'Заур Хачемизов' },
    text: 'Нет воды третий день',
    attachments: [],
    receivedAt: '2025-03-03T07:00:00.000Z',
    category: 'housing',
    municipalityId: 'maykop',
    settlement: 'Майкоп',
    address: null,
    assigneeId: CLERK.id,
    status: 'assigned',
    priority: 'normal',
    firstResponseDueAt: null,
    dueAt: '2025-03-10T15:00:00.000Z',
    firstRespondedAt: null,
    version: 1,
    updatedAt: '2025-03-03T07:00:00.000Z',
    ...overrides,
  };
}

type PushHandler = (mutation: MutationEnvelope) => MutationResult | 'stop';

export class FakeServer {
  readonly log: Change[] = [];
  readonly pushed: MutationEnvelope[] = [];
  readonly requests: string[] = [];
  accessToken = 'access-1';
  refreshToken = 'refresh-1';
  /** Whether /auth/refresh accepts the refresh token. */
  refreshWorks = true;
  /** false: every request fails as if the cable were pulled. */
  reachable = true;
  /** Answers each pushed mutation; 'stop' ends the batch there (a transient error). */
  onPush: PushHandler = (m) => ({ id: m.id, status: 'applied' });
  /** While set, pulls wait for it (a pull in flight). */
  pullGate: Promise<void> | null = null;
  /** Whether the server has the first download's endpoints (/sync/snapshot, /sync/thread). */
  snapshots = false;
  /** Appeals whose thread the thread endpoint refuses (404), as for one gone from the scope. */
  readonly threadGone = new Set<string>();
  /** Whether the `threads` phase comes as frames when asked so (shared/thread-frames.ts); false: JSON, as an older server sends it. */
  threadFrames = true;
  /** How many `threads` pages went out as frames. */
  threadFramePages = 0;
  /** At most this many appeals per snapshot page, whatever the client asks. */
  snapshotPageSize = Number.POSITIVE_INFINITY;
  /** Runs (and is awaited) before each snapshot page is read: a change landing mid-download. */
  beforeSnapshotPage: ((phase: SnapshotPhase, after: string) => void | Promise<void>) | null = null;
  private seq = 0;

  upsert(entity: Entity, data: { id: string }): number {
    this.log.push({ seq: ++this.seq, entity, id: data.id, op: 'upsert', data } as Change);
    return this.seq;
  }

  remove(entity: Entity, id: string): number {
    this.log.push({ seq: ++this.seq, entity, id, op: 'delete' });
    return this.seq;
  }

  /** The live poke that carries the log's changes after `after`, as the server's hub sends it. */
  carriedPoke(after: number): { seq: number; after: number; changes: Change[] } {
    return { seq: this.seq, after, changes: this.log.filter((c) => c.seq > after) };
  }

  /** Every record's latest state (the log replayed), keyed `entity:id`. */
  state(): Map<string, { id: string }> {
    const state = new Map<string, { id: string }>();
    for (const c of this.log) {
      if (c.op === 'delete') state.delete(`${c.entity}:${c.id}`);
      else state.set(`${c.entity}:${c.id}`, c.data);
    }
    return state;
  }

  private of<T>(entity: Entity): T[] {
    return [...this.state()].filter(([k]) => k.startsWith(`${entity}:`)).map(([, v]) => v as T);
  }

  thread(appealId: string): Thread {
    const mine = <T extends { appealId: string }>(rows: T[]) => rows.filter((r) => r.appealId === appealId);
    return {
      appealId,
      replies: mine(this.of<Reply>('reply')),
      notes: mine(this.of<Note>('note')),
      events: mine(this.of<AppealEvent>('event')).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.version - b.version)),
      deliveries: mine(this.of<Delivery>('delivery')),
    };
  }

  /** As server/snapshot.ts pages it; every appeal is in the (one) caller's scope, CLERK's. */
  snapshotPage(phase: SnapshotPhase, after: string, limit: number): SnapshotPage {
    const open = (a: Appeal) => OPEN_STATUSES.includes(a.status);
    const inPhase = (a: Appeal) =>
      phase === 'mine' ? open(a) && a.assigneeId === CLERK.id : phase === 'open' ? open(a) && a.assigneeId !== CLERK.id : !open(a);
    const appeals = this.of<Appeal>('appeal').sort((a, b) => (a.id < b.id ? -1 : 1));
    const matching = appeals.filter((a) => a.id > after && inPhase(a));
    const page = matching.slice(0, limit);
    return {
      head: this.seq,
      appeals: phase === 'threads' ? [] : page,
      threads: phase === 'rows' ? [] : page.map((a) => this.thread(a.id)),
      ...(phase === 'mine' && after === ''
        ? { directory: { users: this.of('user'), municipalities: this.of('municipality'), bodies: this.of('body'), templates: this.of('template'), total: appeals.length, closed: appeals.filter((a) => !open(a)).length } }
        : {}),
      next: matching.length > page.length ? page.at(-1)!.id : null,
    };
  }

  get head(): number {
    return this.seq;
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    this.requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (!this.reachable) throw new TypeError('Failed to fetch');
    const path = url.pathname.replace('/api/v1', '');
    if (path === '/auth/refresh') {
      const body = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (!this.refreshWorks || body.refreshToken !== this.refreshToken) return error(401, 'unauthorized');
      this.accessToken = `access-${Number(this.accessToken.split('-')[1]) + 1}`;
      this.refreshToken = `refresh-${Number(this.refreshToken.split('-')[1]) + 1}`;
      return json({ accessToken: this.accessToken, refreshToken: this.refreshToken, expiresIn: 900, user: CLERK });
    }
    const auth = new Headers(init?.headers).get('authorization');
    if (auth !== `Bearer ${this.accessToken}`) return error(401, 'token_expired');
    if (path === '/auth/ticket') {
      const body = JSON.parse(String(init?.body)) as { purpose: string };
      return json({ ticket: `ticket-${body.purpose}-${this.accessToken}`, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    }
    if (path === '/sync/pull') {
      if (this.pullGate) await this.pullGate;
      const cursor = Number(url.searchParams.get('cursor'));
      const limit = Number(url.searchParams.get('limit'));
      const after = this.log.filter((c) => c.seq > cursor);
      const changes = after.slice(0, limit);
      return json({ changes, cursor: changes.at(-1)?.seq ?? cursor, hasMore: after.length > limit });
    }
    if (this.snapshots && path === '/sync/snapshot') {
      const phase = url.searchParams.get('phase') as SnapshotPhase;
      const after = url.searchParams.get('after') ?? '';
      await this.beforeSnapshotPage?.(phase, after);
      const page = this.snapshotPage(phase, after, Math.min(Number(url.searchParams.get('limit')), this.snapshotPageSize));
      const accept = new Headers(init?.headers).get('accept') ?? '';
      if (phase === 'threads' && this.threadFrames && accept.includes(THREAD_FRAMES_TYPE)) {
        const docs = page.threads.map((t) => threadDoc(t, threadFrame));
        this.threadFramePages++;
        return new Response(formatThreadFrames({ head: page.head, next: page.next }, docs) as Uint8Array<ArrayBuffer>, { headers: { 'content-type': THREAD_FRAMES_TYPE } });
      }
      return json(page);
    }
    if (this.snapshots && path.startsWith('/sync/thread/')) {
      const id = decodeURIComponent(path.slice('/sync/thread/'.length));
      const appeal = this.state().get(`appeal:${id}`) as Appeal | undefined;
      return appeal && !this.threadGone.has(id) ? json({ head: this.seq, appeal, thread: this.thread(id) }) : error(404, 'not_found');
    }
    if (path === '/sync/push') {
      const body = JSON.parse(String(init?.body)) as { mutations: MutationEnvelope[] };
      const results: MutationResult[] = [];
      for (const m of body.mutations) {
        const result = this.onPush(m);
        if (result === 'stop') break;
        this.pushed.push(m);
        results.push(result);
      }
      return json({ results });
    }
    return error(404, 'not_found');
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: string): Response {
  return json({ error: { code, message: code } }, status);
}

