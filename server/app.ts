import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../shared/approval';
import { seedApprovalPolicy } from './approval-policy';
import { HEALTH_PATH, OTKLIK_APP_ID, type Health } from '../shared/health';
import { version as SERVER_VERSION } from '../package.json';
import type { AccountLockout } from './auth/lockout';
import { AccessTokens, ACCESS_TOKEN_TTL_SECONDS } from './auth/tokens';
import { BodyDirectory } from './body-directory';
import type { ChannelSecretSealer, ServerContext } from './context';
import type { Db } from './db/types';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery/worker';
import { PublishingWorker, type PublishingWorkerOptions } from './publishing/worker';
import { onPostPublished } from './posts/published';
import { HEARTBEAT_MS, LiveHub } from './live-hub';
import { registerExchangeRoutes } from './channels/exchange/routes';
import { InboxWorker } from './channels/inbox/worker';
import { TelegramPollers } from './channels/telegram/pollers';
import { registerOpen311Routes } from './channels/open311/routes';
import { registerAdminRoutes } from './routes/admin/index';
import { registerAttachmentRoutes } from './routes/attachments';
import { registerPostPageRoutes } from './routes/post-pages';
import { registerBotFileRoutes } from './routes/bot-files';
import { registerBotRoutes } from './routes/bots';
import { registerChannelWebhookRoute } from './routes/channel-webhook';
import { AUDIT_PURGE_INTERVAL_MS, startAuditPurge } from './audit/retention';
import { FOLLOWUP_INTERVAL_MS, startFollowUps } from './ratings/followup';
import { startClosedDocs, CLOSED_DOC_INTERVAL_MS } from './closed-docs';
import { registerAuthRoutes, type LoginRateLimit } from './routes/auth';
import { errorBody, frameworkErrors, installErrorHandler } from './routes/errors';
import { registerIntakeRoute } from './routes/intake';
import { registerLiveRoute } from './routes/live';
import { registerStatic } from './routes/static';
import { registerPullRoute } from './routes/sync-pull';
import { registerSnapshotRoutes } from './routes/sync-snapshot';
import { registerPushRoute } from './routes/sync-push';
import { registerUpdateRoutes } from './routes/updates';
import { registerSecurityHeaders } from './routes/security-headers';
import { trackRoutes } from './routes/registry';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** A push batch of up to 500 mutations with long replies needs more room than other requests. */
export const DEFAULT_PUSH_BODY_LIMIT = 8 * 1024 * 1024;
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export interface AppOptions {
  /** A migrated database (see db/migrate.ts). */
  db: Db;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  pushBodyLimit?: number;
  loginRateLimit?: LoginRateLimit;
  /** Failed sign-ins that lock an account, and for how long (default: 10 in 15 minutes lock it for 15). */
  accountLockout?: AccountLockout;
  accessTokenTtlSeconds?: number;
  approvalPolicy?: ApprovalPolicy;
  defaultMunicipalityId?: string;
  /** The built renderer; null serves only the "not built" page. */
  staticDir?: string | null;
  heartbeatMs?: number;
  /** Where the operator drops workstation releases (electron-updater's generic feed); null: none. */
  updatesDir?: string | null;
  /** How often the audit log's retention purge runs; null: never on a timer (tests that run it themselves). */
  auditPurgeIntervalMs?: number | null;
  /** How often problems promised four weeks ago have their authors asked; null: never on a timer. */
  followUpIntervalMs?: number | null;
  /** How often the closed appeals' docs (rows and threads) are brought up to date (server/closed-docs.ts); null: never. */
  closedDocIntervalMs?: number | null;
  /** Routes of the demo (`npm start`: «Демо: написать как житель»), registered with the others. */
  extraRoutes?: (app: FastifyInstance) => void;
  /** Stores channels' secrets encrypted; without it the «Каналы» screen cannot take any. */
  channelSecrets?: ChannelSecretSealer | null;
  /** The delivery worker that sends published replies to the platforms; false: none in this app (tests). */
  delivery?: DeliveryWorkerOptions | false;
  /** The worker that publishes resolution posts on the bodies' pages (server/publishing/); false: none. */
  publishing?: PublishingWorkerOptions | false;
  /**
   * The channel inbox worker (server/channels/inbox/): on by default; false leaves webhook events
   * stored and unprocessed (a test of the inbox itself drains it by hand, or restarts the app).
   */
  inboxWorker?: boolean;
  /** How often the worker looks at the inbox without being woken (other processes, retries). */
  inboxPollMs?: number;
  /** How often the Telegram channels set to long polling (`receive: polling`) are looked up again. */
  telegramPollRefreshMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The channel inbox's worker, started with the app unless `inboxWorker: false`. */
    channelInbox: InboxWorker;
    /** Long pollers of the Telegram channels with no webhook, storing into the same inbox. */
    telegramPollers: TelegramPollers;
  }
}

/** Electron's renderer and any local development origin. */
export function isAllowedOrigin(origin: string): boolean {
  return origin === 'app://otklik' || /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT, frameworkErrors });
  trackRoutes(app);
  const tokens = await AccessTokens.load(opts.db, opts.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS);
  const hub = new LiveHub(opts.db, opts.heartbeatMs ?? HEARTBEAT_MS);
  await hub.start();
  // OTKLIK_APPROVAL (or a test's policy) seeds the stored policy once; the console edits it after.
  await seedApprovalPolicy(opts.db, opts.approvalPolicy ?? DEFAULT_APPROVAL_POLICY);
  const ctx: ServerContext = {
    db: opts.db,
    tokens,
    hub,
    bodies: new BodyDirectory(),
    defaultMunicipalityId: opts.defaultMunicipalityId ?? 'maykop',
    channelSecrets: opts.channelSecrets ?? null,
  };
  // Live connections never end on their own; close them so the server can stop.
  app.addHook('preClose', async () => hub.stop());
  // null: no timer (a test that checks the purge runs it itself, and must not race the timer).
  const stopPurge =
    opts.auditPurgeIntervalMs === null
      ? () => undefined
      : startAuditPurge(opts.db, opts.auditPurgeIntervalMs ?? AUDIT_PURGE_INTERVAL_MS, (err) => app.log.error({ err }, 'audit purge failed'));
  app.addHook('onClose', async () => stopPurge());
  // The questionnaire four weeks after a promise (server/ratings/followup.ts); null: none.
  const stopFollowUps =
    opts.followUpIntervalMs === null ? () => undefined : startFollowUps(opts.db, opts.followUpIntervalMs ?? FOLLOWUP_INTERVAL_MS, (err) => app.log.error({ err }, 'follow-up questions failed'));
  app.addHook('onClose', async () => stopFollowUps());
  const stopClosedDocs =
    opts.closedDocIntervalMs === null ? () => undefined : startClosedDocs(opts.db, opts.closedDocIntervalMs ?? CLOSED_DOC_INTERVAL_MS, (err) => app.log.error({ err }, 'closed appeals docs failed'));
  app.addHook('onClose', async () => stopClosedDocs());
  if (opts.delivery !== false) {
    const worker = new DeliveryWorker(opts.db, ctx.channelSecrets, app.log, opts.delivery ?? {});
    await worker.start();
    // After the HTTP server stopped taking requests, before the caller closes the database.
    app.addHook('onClose', async () => worker.stop());
  }
  if (opts.publishing !== false) {
    const publisher = new PublishingWorker(opts.db, ctx.channelSecrets, app.log, { onPublished: onPostPublished, ...(opts.publishing ?? {}) });
    await publisher.start();
    app.addHook('onClose', async () => publisher.stop());
  }
  const inbox = new InboxWorker({
    db: opts.db,
    channelSecrets: ctx.channelSecrets,
    defaultMunicipalityId: ctx.defaultMunicipalityId,
    pollMs: opts.inboxPollMs,
    onError: (err, row) => app.log.warn({ err, inboxId: row?.id, channelId: row?.channelId }, 'channel inbox event failed'),
  });
  app.decorate('channelInbox', inbox);
  // Stopped before the connections close, so the event in hand is finished with the database still open.
  app.addHook('preClose', async () => inbox.stop());
  const pollers = new TelegramPollers({
    db: opts.db,
    channelSecrets: ctx.channelSecrets,
    wake: () => inbox.wake(),
    refreshMs: opts.telegramPollRefreshMs,
    onError: (channelId, code, detail) => app.log.warn({ channelId, code, detail }, 'telegram long poll failed'),
  });
  app.decorate('telegramPollers', pollers);
  app.addHook('preClose', async () => pollers.stop());

  installErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin === undefined || isAllowedOrigin(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      ...errorBody('rate_limited', `Too many attempts; try again in ${context.after}`),
    }),
  });

  // A workstation checks this to recognise an Otklik server before it saves the address.
  const health: Health = { status: 'ok', app: OTKLIK_APP_ID, version: SERVER_VERSION };
  app.get(HEALTH_PATH, async () => health);
  registerAuthRoutes(app, ctx, opts.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 }, opts.accountLockout);
  registerPullRoute(app, ctx);
  registerSnapshotRoutes(app, ctx);
  registerPushRoute(app, ctx, opts.pushBodyLimit ?? DEFAULT_PUSH_BODY_LIMIT);
  registerLiveRoute(app, ctx);
  registerIntakeRoute(app, ctx);
  await registerOpen311Routes(app, ctx);
  await registerExchangeRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx);
  await registerPostPageRoutes(app, ctx);
  await registerBotRoutes(app, ctx);
  await registerBotFileRoutes(app, ctx);
  if (opts.updatesDir) await registerUpdateRoutes(app, opts.updatesDir);
  await registerAdminRoutes(app, ctx);
  registerChannelWebhookRoute(app, ctx, () => inbox.wake());
  opts.extraRoutes?.(app);
  await registerStatic(app, opts.staticDir === undefined ? DEFAULT_STATIC_DIR : opts.staticDir);
  if (opts.inboxWorker !== false) app.addHook('onReady', async () => inbox.start());
  app.addHook('onReady', async () => pollers.start());
  return app;
}

/**
 * Stops the app gracefully: requests in flight may finish for `graceMs`, then the connections
 * still open (a client that keeps an idle socket) are dropped.
 */
export async function closeApp(app: FastifyInstance, graceMs = 3000): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
