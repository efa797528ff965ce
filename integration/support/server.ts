import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, closeApp } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { seedDemo } from '../../server/db/seed';
import type { Db } from '../../server/db/types';
import type { DemoData } from '../../server/seed/types';
import type { Body } from '../../shared/bodies';
import type { Appeal, AppealEvent, Municipality, Note, Reply, Template, User } from '../../shared/domain';
import type { Change, LoginResponse, PullResponse } from '../../shared/protocol';

/** A seeded data folder to copy (not a reply template: shared/domain Template is that). */
export interface SeededFolder {
  dir: string;
  /** A login of every user, made once: every copy of the folder knows its tokens. */
  logins: Map<string, LoginResponse>;
}

/**
 * A PGlite data folder migrated, seeded and logged into once, copied for every run (initdb and
 * bcrypt take seconds, a copy milliseconds).
 */
export async function makeTemplate(data: DemoData, usernames: readonly string[]): Promise<SeededFolder> {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-cv-template-'));
  const db = await openPglite(dir);
  await migrate(db);
  await seedDemo(db, data);
  const app = await buildApp({ db, staticDir: null, loginRateLimit: { max: 100_000, timeWindowMs: 60_000 } });
  const logins = new Map<string, LoginResponse>();
  for (const username of new Set(usernames)) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo' } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    logins.set(username, res.json() as LoginResponse);
  }
  await closeApp(app, 100);
  await db.close();
  return { dir, logins };
}

/**
 * The database as the server sees it, with transient failures injected: a transaction fails
 * (and rolls back) before or after doing its work, as a serialization failure or a lost
 * connection would. The push route then stops its batch there and answers for the ones before.
 */
function faultyDb(db: Db, rate: () => number, random: () => number, failures: { count: number }): Db {
  return {
    ...db,
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    listen: (channel, cb) => db.listen(channel, cb),
    close: () => db.close(),
    tx(fn) {
      if (random() >= rate()) return db.tx(fn);
      failures.count++;
      const after = random() < 0.5;
      return db.tx(async (q) => {
        if (!after) throw new Error('injected transient failure before the work');
        await fn(q);
        throw new Error('injected transient failure before commit');
      });
    },
  };
}

export interface ScopeView {
  appeals: Map<string, Appeal>;
  replies: Map<string, Reply>;
  notes: Map<string, Note>;
  events: Map<string, AppealEvent>;
  users: Map<string, User>;
  municipalities: Map<string, Municipality>;
  templates: Map<string, Template>;
  bodies: Map<string, Body>;
}

export function emptyView(): ScopeView {
  return { appeals: new Map(), replies: new Map(), notes: new Map(), events: new Map(), users: new Map(), municipalities: new Map(), templates: new Map(), bodies: new Map() };
}

const VIEW_TABLE = {
  appeal: 'appeals',
  reply: 'replies',
  note: 'notes',
  event: 'events',
  user: 'users',
  municipality: 'municipalities',
  template: 'templates',
  body: 'bodies',
} as const;

/**
 * The regional server over a PGlite data folder of its own, restartable: a restart closes the
 * HTTP server and the database and opens both again on the same folder and port.
 */
export class RestartableServer {
  private app: FastifyInstance | null = null;
  private port = 0;
  restarts = 0;
  /** Probability that a writing transaction fails transiently. */
  txFailureRate = 0;
  readonly txFailures = { count: 0 };

  private constructor(
    readonly dir: string,
    public db: Db,
  ) {}

  private random: () => number = Math.random;

  static async fromTemplate(template: SeededFolder, random: () => number): Promise<RestartableServer> {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-cv-run-'));
    cpSync(template.dir, dir, { recursive: true });
    const server = new RestartableServer(dir, await openPglite(dir));
    server.random = random;
    await server.listen();
    return server;
  }

  /** The address while it listens; null while it is down. */
  get url(): string | null {
    return this.app ? `http://127.0.0.1:${this.port}` : null;
  }

  private async listen(): Promise<void> {
    await migrate(this.db);
    const db = faultyDb(this.db, () => this.txFailureRate, this.random, this.txFailures);
    const app = await buildApp({ db, staticDir: null, loginRateLimit: { max: 100_000, timeWindowMs: 60_000 } });
    await app.listen({ port: this.port, host: '127.0.0.1' });
    const address = app.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.app = app;
  }

  async restart(): Promise<void> {
    const app = this.app;
    this.app = null;
    if (app) await closeApp(app, 100);
    await this.db.close();
    this.db = await openPglite(this.dir);
    await this.listen();
    this.restarts++;
  }

  async close(): Promise<void> {
    const app = this.app;
    this.app = null;
    if (app) await closeApp(app, 100);
    await this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private base(): string {
    const url = this.url;
    if (!url) throw new Error('server is down');
    return url;
  }

  async login(username: string): Promise<LoginResponse> {
    const res = await fetch(`${this.base()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return (await res.json()) as LoginResponse;
  }

  /** The caller's scope as a fresh workstation would fold it from the whole change log. */
  async view(token: string): Promise<ScopeView> {
    const view = emptyView();
    let cursor = 0;
    for (;;) {
      const res = await fetch(`${this.base()}/api/v1/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`pull: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as PullResponse;
      for (const change of page.changes as Change[]) {
        const name = (VIEW_TABLE as Partial<Record<string, keyof ScopeView>>)[change.entity];
        // The convergence region has no problems, posts or deliveries; one arriving is a new kind to fold.
        if (!name) throw new Error(`the scope view holds no ${change.entity}`);
        const table = view[name] as Map<string, unknown>;
        if (change.op === 'delete') {
          table.delete(change.id);
          // A record leaving the scope takes its history with it (events are kept per appeal).
          if (change.entity === 'appeal') for (const [id, e] of view.events) if (e.appealId === change.id) view.events.delete(id);
        } else table.set(change.id, change.data);
      }
      cursor = page.cursor;
      if (!page.hasMore) return view;
    }
  }

  async head(): Promise<number> {
    const res = await this.db.query<{ last: number }>('SELECT last FROM change_seq WHERE id = 1');
    return Number(res.rows[0]?.last ?? 0);
  }
}
