import type { FastifyInstance } from 'fastify';
import { buildApp, closeApp, type AppOptions } from '../app';
import { migrate } from '../db/migrate';
import { demoIntegrationToken, seedDemo } from '../db/seed';
import type { Db } from '../db/types';
import type { DemoData } from '../seed/types';
import { createTestDatabase, type Backend, type TestDatabase } from './backends';
import { tinyDemoData } from './fixture';
import type { LoginResponse } from '../../shared/protocol';

export interface TestServer {
  backend: Backend;
  url: string;
  app: FastifyInstance;
  db: Db;
  database: TestDatabase;
  integrationToken: string;
  login(username: string): Promise<LoginResponse>;
  /** fetch on the server's URL with JSON in and out. The body is loosely typed for test assertions. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real listening server on port 0 over a fresh database seeded with the tiny region. */
export async function startTestServer(
  backend: Backend,
  options: Partial<Omit<AppOptions, 'db'>> & { data?: DemoData } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(backend);
  const db = await database.open();
  await migrate(db);
  await seedDemo(db, options.data ?? tinyDemoData());
  // The thread docs' timer writes in the background (server/closed-docs.ts): off unless a test asks for it.
  const app = await buildApp({ staticDir: null, loginRateLimit: { max: 1000, timeWindowMs: 60_000 }, closedDocIntervalMs: null, ...options, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const integrationToken = (await demoIntegrationToken(db)) ?? '';

  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON; keep the text
    }
    return { status: res.status, body: parsed };
  };

  return {
    backend,
    url,
    app,
    db,
    database,
    integrationToken,
    call,
    async login(username) {
      const res = await call('POST', '/api/v1/auth/login', { body: { username, password: 'demo' } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as LoginResponse;
    },
    async close() {
      await closeApp(app, 200);
      await database.dispose();
    },
  };
}
