import type { ServerResponse } from 'node:http';
import { CHANGES_CHANNEL, currentSeq, type ChangeNotice } from './changes';
import type { Db } from './db/types';
import { MAX_FRAME_ROWS, carryingPoke, committedRows, plainPoke, pulledBy, type CommittedRow } from './live-frames';
import { scopeMatches, type CallerScope } from './scopes';

interface LiveClient {
  res: ServerResponse;
  scope: CallerScope;
  userId: string;
  /**
   * Every change of this client's scope with a seq up to here was carried to it, or it was told
   * to pull past here; null before its hello (it is then poked plainly and pulls).
   */
  after: number | null;
}

export const HEARTBEAT_MS = 25_000;

/**
 * Server-sent event connections of this process. Notices come from PostgreSQL NOTIFY at commit,
 * so a write in any server process on the same database reaches every connected workstation.
 *
 * A poke carries the transaction's changes to the workstations whose scope it touched, so they
 * need not pull: with a thousand workstations, a change in a municipality used to make each of
 * its workstations pull at once, and the pulls, not the writes, filled the server. This is
 * sound because NOTIFYs arrive in commit order and commits take their seqs in order (the
 * change_seq row lock): the hub sees every transaction's seqs one after the other, so a
 * workstation told "your changes in (after, seq]" has them all. When the hub cannot say that
 * (a gap in the seqs, the listener lost, a transaction too large), it pokes plainly and the
 * workstation pulls, as before.
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  /** The last seq this hub has handled: the notices arrive one transaction after another. */
  private seq = 0;
  /**
   * Notices not handled yet. They are handled in batches, one query for all that came while the
   * last batch was read: under load that query waits for a pooled connection behind the requests,
   * and one query per notice would fall further behind with every commit.
   */
  private pending: Array<ChangeNotice | 'lost'> = [];
  private draining = false;
  /** Pokes written, carrying changes or plain (for the load benchmark and the tests). */
  readonly counts = { carried: 0, plain: 0 };

  constructor(
    private readonly db: Db,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  async start(): Promise<void> {
    this.draining = true;
    try {
      this.unlisten = await this.db.listen(CHANGES_CHANNEL, (payload) => this.onNotification(payload));
      // After LISTEN: a commit in between arrives as a notice at or below this seq and is skipped.
      this.seq = await currentSeq(this.db);
    } finally {
      this.draining = false;
    }
    void this.drain();
    this.timer = setInterval(() => this.broadcast(': heartbeat\n\n'), this.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** A connection, registered before its hello: a commit meanwhile pokes it plainly. */
  add(res: ServerResponse, scope: CallerScope, userId: string): { hello(seq: number): void; remove(): void } {
    const client: LiveClient = { res, scope, userId, after: null };
    this.clients.add(client);
    return {
      hello: (seq) => {
        // What this hub handled before the hello was poked plainly (when in scope): the
        // workstation pulls past it, so carrying starts from there.
        client.after = Math.max(seq, this.seq);
        write(res, `retry: 3000\n\nevent: hello\ndata: {"seq":${client.after}}\n\n`);
      },
      remove: () => void this.clients.delete(client),
    };
  }

  /** Pokes plainly the clients whose scope the transaction touched (or everyone, scopes null). */
  poke(notice: ChangeNotice): void {
    const frame = plainPoke(notice.seq);
    for (const c of this.clients) {
      if (notice.scopes === null || notice.scopes.some((s) => scopeMatches(c.scope, s))) {
        write(c.res, frame);
        this.counts.plain++;
        if (c.after !== null) c.after = Math.max(c.after, notice.seq);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Ended and dropped: a workstation reconnects on its own, and the server need not wait for it.
    for (const c of this.clients) c.res.destroy();
    this.clients.clear();
    const unlisten = this.unlisten;
    this.unlisten = null;
    if (unlisten) await unlisten().catch(() => undefined);
  }

  private onNotification(payload: string | null): void {
    if (payload === null) {
      // The listening connection was lost: anything may have changed meanwhile.
      this.pending.push('lost');
    } else {
      try {
        const n = JSON.parse(payload) as ChangeNotice;
        if (typeof n.seq !== 'number') return;
        this.pending.push({ first: typeof n.first === 'number' ? n.first : undefined, seq: n.seq, scopes: Array.isArray(n.scopes) ? n.scopes : null });
      } catch {
        return; // Not ours to understand.
      }
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) await this.handle(this.pending.splice(0)).catch(() => undefined);
    } finally {
      this.draining = false;
    }
  }

  /** One batch of notices, in commit order: carried in one poke per client, or poked plainly. */
  private async handle(batch: Array<ChangeNotice | 'lost'>): Promise<void> {
    if (batch.includes('lost')) {
      // Every notice of the batch came before this read: the seq read covers them all.
      const seq = await currentSeq(this.db).catch(() => this.seq);
      this.seq = Math.max(this.seq, seq);
      this.poke({ seq: this.seq, scopes: null });
      for (const c of this.clients) if (c.after !== null) c.after = Math.max(c.after, this.seq);
      return;
    }
    const notices = (batch as ChangeNotice[]).filter((n) => n.seq > this.seq);
    if (notices.length === 0) return;
    let expected = this.seq;
    let contiguous = true;
    let scopes: string[] | null = [];
    for (const n of notices) {
      contiguous &&= n.first === expected + 1;
      expected = n.seq;
      scopes = scopes === null || n.scopes === null ? null : [...scopes, ...n.scopes];
    }
    const last = expected;
    let rows: CommittedRow[] | null = null;
    if (contiguous && last - this.seq <= MAX_FRAME_ROWS) rows = await committedRows(this.db, this.seq, last).catch(() => null);
    this.seq = last;
    if (rows === null) {
      // Nothing can be said of what came between: everyone pulls past it.
      this.poke({ seq: last, scopes: contiguous ? scopes : null });
      if (!contiguous) for (const c of this.clients) if (c.after !== null) c.after = Math.max(c.after, last);
      return;
    }
    this.carry(last, rows);
  }

  private carry(seq: number, rows: CommittedRow[]): void {
    const frames = new Map<string, string>();
    const bodies = rows.some((r) => r.entity === 'body');
    const people = new Set(rows.filter((r) => r.entity === 'user').map((r) => r.entityId));
    for (const c of this.clients) {
      if (c.after !== null && c.after >= seq) continue;
      const mine: CommittedRow[] = [];
      const key: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if ((c.after === null || r.seq > c.after) && pulledBy(c.scope, r)) {
          key.push(i);
          if (r.json !== null) mine.push(r);
        }
      }
      if (key.length === 0) continue;
      if (bodies || people.has(c.userId)) {
        // The person or the body tree changed: their scope may have, and it is read at connect.
        // Ended, the connection comes back (after a pull) with the scope of now.
        c.res.end();
        this.clients.delete(c);
        continue;
      }
      if (c.after === null) {
        write(c.res, plainPoke(seq));
        this.counts.plain++;
        continue;
      }
      // Complete from c.after, not only from `from`: the hub saw every transaction in between
      // and none touched this scope (or it would have been carried and c.after moved).
      const after = c.after;
      const cacheKey = `${after}:${key.join(',')}`;
      let frame = frames.get(cacheKey);
      if (frame === undefined) frames.set(cacheKey, (frame = carryingPoke(after, seq, mine)));
      write(c.res, frame);
      this.counts.carried++;
      c.after = seq;
    }
  }

  private broadcast(frame: string): void {
    for (const c of this.clients) write(c.res, frame);
  }
}

function write(res: ServerResponse, frame: string): void {
  if (!res.writableEnded && !res.destroyed) res.write(frame);
}
