import type { ServerResponse } from 'node:http';
import { CHANGES_CHANNEL, currentSeq, type ChangeNotice } from './changes';
import type { Db } from './db/types';
import { scopeMatches, type CallerScope } from './scopes';

interface LiveClient {
  res: ServerResponse;
  scope: CallerScope;
}

export const HEARTBEAT_MS = 25_000;

/**
 * Server-sent event connections of this process. Pokes come from PostgreSQL NOTIFY at commit,
 * so a write in any server process on the same database reaches every connected workstation.
 * One timer and one listener for all connections keep a thousand of them cheap.
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CHANGES_CHANNEL, (payload) => void this.onNotification(payload));
    this.timer = setInterval(() => this.broadcast(': heartbeat\n\n'), this.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  add(res: ServerResponse, scope: CallerScope): () => void {
    const client: LiveClient = { res, scope };
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  /** Pokes the clients whose scope the committed transaction touched. */
  poke(notice: ChangeNotice): void {
    const frame = `event: poke\ndata: {"seq":${notice.seq}}\n\n`;
    for (const c of this.clients) {
      if (notice.scopes === null || notice.scopes.some((s) => scopeMatches(c.scope, s))) write(c.res, frame);
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

  private async onNotification(payload: string | null): Promise<void> {
    if (payload === null) {
      // The listening connection was lost: anything may have changed meanwhile; poke everyone.
      const seq = await currentSeq(this.db).catch(() => 0);
      this.poke({ seq, scopes: null });
      return;
    }
    try {
      const n = JSON.parse(payload) as ChangeNotice;
      if (typeof n.seq === 'number') this.poke({ seq: n.seq, scopes: Array.isArray(n.scopes) ? n.scopes : null });
    } catch {
      // Not ours to understand; ignore.
    }
  }

  private broadcast(frame: string): void {
    for (const c of this.clients) write(c.res, frame);
  }
}

function write(res: ServerResponse, frame: string): void {
  if (!res.writableEnded && !res.destroyed) res.write(frame);
}
