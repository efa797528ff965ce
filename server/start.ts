import type { FastifyInstance } from 'fastify';
import { buildApp, closeApp, type AppOptions } from './app';
import { addIntegrationToken } from './auth/integration';
import { openDb } from './db/open';
import { migrate } from './db/migrate';
import { demoIntegrationToken, isEmpty, seedDemo } from './db/seed';
import type { Db } from './db/types';
import type { DemoData } from './seed/types';
import { loadSecretBox, type SecretKeySource } from './channels/secrets';

export interface ServerConfig extends Omit<AppOptions, 'db'> {
  port?: number;
  host?: string;
  /** PostgreSQL; unset: PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PostgreSQL pool size (10 by default). */
  dbPoolSize?: number | undefined;
  /** PGlite data directory, or 'memory'. Default ./data/pglite. */
  dataDir?: string | undefined;
  /** Seed the demo region when the database is empty (default true). */
  seed?: boolean;
  demoAppeals?: number;
  /** Seed exactly this instead of generating (tests). */
  demoData?: DemoData;
  /** Extra integration tokens to accept (e.g. from OTKLIK_INTEGRATION_TOKEN). */
  integrationTokens?: string[];
  /** OTKLIK_SECRET_KEY: seals channels' secrets. */
  secretKey?: string | undefined;
  /** Without `secretKey`: the key file to use, made on first start (main.ts: beside a PGlite data folder). */
  secretKeyFile?: string | null;
  /** The demo's channels on loopback emulators and the «Демо: написать как житель» page (`npm start`). */
  demoChannels?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: Db;
  /** The demo integration token when the demo region was seeded (now or on an earlier start). */
  demoIntegrationToken: string | null;
  /** Where the key that seals channels' secrets came from. */
  secretKey: SecretKeySource;
  /** What the demo's channels are, as lines to print; empty without `demoChannels`. */
  demoLines: string[];
  close(): Promise<void>;
}

export const DEFAULT_DEMO_APPEALS = 3000;

/** Migrates (and seeds an empty database) before answering; safe for several processes at once. */
export async function prepareDb(db: Db, config: ServerConfig): Promise<string | null> {
  await migrate(db);
  // Checked again under the seeding lock: several processes may start on one empty database.
  if (config.seed !== false && (await isEmpty(db))) {
    // Loaded only when needed: the generator is large and most starts find a seeded database.
    const data =
      config.demoData ??
      (await import('./seed/generate')).generateDemoData({
        now: new Date(),
        appealCount: config.demoAppeals ?? DEFAULT_DEMO_APPEALS,
        seed: 1,
      });
    await seedDemo(db, data);
  }
  for (const token of config.integrationTokens ?? []) await addIntegrationToken(db, 'configured', token);
  return demoIntegrationToken(db);
}

export async function startServer(config: ServerConfig = {}): Promise<RunningServer> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  let demo: import('./demo/start').DemoChannels | null = null;
  try {
    const token = await prepareDb(db, config);
    const secrets = loadSecretBox(config.secretKey, config.secretKeyFile ?? null);
    // Loaded only for the demo: the emulators are test fixtures, not part of a production server.
    const demoChannels = config.demoChannels ? await (await import('./demo/start')).DemoChannels.start() : null;
    demo = demoChannels;
    const app = await buildApp({ ...config, db, channelSecrets: secrets.box, extraRoutes: demoChannels ? (a) => demoChannels.registerPage(a) : undefined });
    await app.listen({ port: config.port ?? 0, host: config.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (config.port ?? 0);
    const host = config.host ?? '127.0.0.1';
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    const url = `http://${shownHost}:${port}`;
    let demoLines: string[] = [];
    if (demo && secrets.box) demoLines = (await demo.connect(db, secrets.box, url)).lines;
    else if (demo) demoLines = ['  demo channels: not connected (no key to seal their secrets: set OTKLIK_SECRET_KEY)'];
    let closed = false;
    const running = demo;
    return {
      url,
      port,
      app,
      db,
      demoIntegrationToken: token,
      secretKey: secrets.source,
      demoLines,
      async close() {
        if (closed) return;
        closed = true;
        await closeApp(app);
        await running?.close();
        await db.close();
      },
    };
  } catch (e) {
    await demo?.close();
    await db.close();
    throw e;
  }
}
