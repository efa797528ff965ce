import { dirname, join, resolve } from 'node:path';
import { parseApprovalPolicy } from '../shared/approval';
import { UPDATES_PATH } from '../shared/updates';
import { DEMO_PASSWORD } from './db/seed';
import { DEFAULT_DEMO_APPEALS, startServer } from './start';

const env = process.env;
const port = Number(env.PORT ?? 8787);
// Not $HOST: some shells set it to the machine's name.
const host = env.OTKLIK_HOST ?? '127.0.0.1';
const dataDir = env.OTKLIK_DATA_DIR || './data/pglite';
// Workstation releases sit beside the database folder unless the operator names another place.
const updatesDir = env.OTKLIK_UPDATES_DIR || (dataDir === 'memory' ? './data/updates' : join(dirname(dataDir), 'updates'));
const loginPerMinute = Number(env.OTKLIK_LOGIN_RATE_LIMIT ?? 10);
const lockFailures = Number(env.OTKLIK_LOGIN_LOCK_FAILURES ?? 10);
const lockMinutes = Number(env.OTKLIK_LOGIN_LOCK_MINUTES ?? 15);

const server = await startServer({
  port,
  host,
  databaseUrl: env.DATABASE_URL || undefined,
  // PostgreSQL connections this process may hold (its listener comes on top).
  dbPoolSize: env.OTKLIK_DB_POOL ? Number(env.OTKLIK_DB_POOL) : undefined,
  dataDir,
  updatesDir,
  seed: env.OTKLIK_SEED !== '0',
  demoAppeals: Number(env.OTKLIK_DEMO_APPEALS ?? DEFAULT_DEMO_APPEALS),
  integrationTokens: env.OTKLIK_INTEGRATION_TOKEN ? [env.OTKLIK_INTEGRATION_TOKEN] : [],
  loginRateLimit: { max: loginPerMinute, timeWindowMs: 60_000 },
  // N failed sign-ins within M minutes lock the account for M minutes.
  accountLockout: { maxFailures: lockFailures, windowMs: lockMinutes * 60_000, lockMs: lockMinutes * 60_000 },
  // Which replies wait for a supervisor's approval, e.g. 'giaginsky:*' or 'maykop:vk,ok; *:pos'.
  approvalPolicy: parseApprovalPolicy(env.OTKLIK_APPROVAL ?? ''),
  logger: { level: env.LOG_LEVEL ?? 'warn' },
  secretKey: env.OTKLIK_SECRET_KEY || undefined,
  // `npm start` and the end-to-end tests: the demo's Telegram and VK channels on loopback emulators.
  demoChannels: env.OTKLIK_DEMO_CHANNELS === '1',
  // 0: this process takes webhooks into the inbox but files nothing (another process's worker does).
  inboxWorker: env.OTKLIK_INBOX_WORKER !== '0',
  // The embedded database's own key, so that the demo's channels work with nothing set; a
  // PostgreSQL server keeps its key in the environment, where the operator backs it up.
  secretKeyFile: env.DATABASE_URL || dataDir === 'memory' ? null : join(dirname(dataDir), 'secret.key'),
});

const lines = [
  `Otklik regional server listening on ${server.url}`,
  `  database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${dataDir}`}`,
  `  workstation updates: ${resolve(updatesDir)} (served at ${UPDATES_PATH})`,
  `  demo logins (password "${DEMO_PASSWORD}"): operator, operator2, curator, admin`,
];
const key = server.secretKey;
lines.push(
  key.kind === 'env'
    ? '  channel secrets: sealed with OTKLIK_SECRET_KEY'
    : key.kind === 'file'
      ? `  channel secrets: sealed with the key in ${resolve(key.path)}${key.created ? ' (made now; back it up with the database)' : ''}`
      : '  channel secrets: NO KEY (set OTKLIK_SECRET_KEY): channels cannot be connected',
);
lines.push(...server.demoLines);
if (server.demoIntegrationToken) lines.push(`  demo integration token: ${server.demoIntegrationToken}`);
console.log(lines.join('\n'));

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
