import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BOT_FIGURES_DAYS, BOT_VERSIONS_SHOWN, botCreateSchema, botPublishSchema, botUpdateSchema, topicFigures, type BotView } from '../../shared/chatbot/admin';
import { botTreeSchema, treeProblems, type BotTree } from '../../shared/chatbot/model';
import { idSchema } from '../../shared/domain';
import { canSupervise, hasRegionScope } from '../../shared/permissions';
import { API_PREFIX } from '../../shared/protocol';
import { audit } from '../audit/log';
import { authenticate } from '../auth/guard';
import type { Principal } from '../body-directory';
import { resolveTreeFiles } from '../chatbot/files';
import { channelClashes, createBot, lockBots, publishTree, StaleBotVersion } from '../chatbot/store';
import { connectorFor } from '../channels/registry';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/types';
import { ApiError, parseOr400 } from '../errors';

/**
 * «Чат-боты»: the ЦУР's supervisors (and administrators) build the topic bots without a
 * programmer. A publish is a new version (the old ones stay in bot_versions, conversations on them
 * are reconciled by the runtime); every change is in the audit log.
 */

/** 404 unless the bot exists. */
export async function requireBot(q: Queryable, id: string): Promise<void> {
  const exists = await q.query('SELECT 1 FROM bots WHERE id = $1', [id]);
  if (exists.rows.length === 0) throw new ApiError(404, 'not_found', 'Bot not found');
}

export async function botKeeper(ctx: ServerContext, request: FastifyRequest): Promise<Principal> {
  const actor = await authenticate(ctx, request);
  if (!(actor.role === 'admin' || (canSupervise(actor) && hasRegionScope(actor)))) throw new ApiError(403, 'forbidden', 'Bots are kept by the ЦУР');
  return actor;
}

const parseTree = (raw: unknown): BotTree | null => {
  const parsed = botTreeSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : null;
};

async function botViews(q: Queryable, id?: string): Promise<BotView[]> {
  const bots = await q.query<{ id: string; name: string; channelIds: string[]; enabled: boolean; version: number; tree: unknown }>(
    `SELECT b.id, b.name, b.channel_ids AS "channelIds", b.enabled, b.version, v.tree FROM bots b
     LEFT JOIN bot_versions v ON v.bot_id = b.id AND v.version = b.version
     ${id ? 'WHERE b.id = $1' : ''} ORDER BY b.created_at, b.id`,
    id ? [id] : [],
  );
  // Besides each outcome: the appeals answered by their first-response deadline, and the openings of the last week.
  const counts = await q.query<{ botId: string; topicId: string; outcome: string; n: string }>(
    `SELECT bot_id AS "botId", topic_id AS "topicId", outcome, count(*)::text AS n FROM bot_topic_events
     WHERE at > now() - make_interval(days => $1) GROUP BY bot_id, topic_id, outcome
     UNION ALL
     SELECT e.bot_id, e.topic_id, 'appeal_on_time', count(*)::text FROM bot_topic_events e JOIN appeals a ON a.id = e.appeal_id
     WHERE e.outcome = 'appeal' AND e.at > now() - make_interval(days => $1)
       AND a.first_responded_at IS NOT NULL AND a.first_responded_at <= COALESCE(a.first_response_due_at, a.due_at)
     GROUP BY e.bot_id, e.topic_id
     UNION ALL
     SELECT bot_id, topic_id, 'taken_week', count(*)::text FROM bot_topic_events WHERE outcome = 'taken' AND at > now() - interval '7 days' GROUP BY bot_id, topic_id`,
    [BOT_FIGURES_DAYS],
  );
  return bots.rows.map((b) => {
    const tree = b.tree === null ? null : parseTree(b.tree);
    const own = counts.rows.filter((c) => c.botId === b.id).map((c) => ({ topicId: c.topicId, outcome: c.outcome, n: Number(c.n) }));
    const figures = topicFigures(tree, own);
    // A dialog starts with its first topic: the root menu's choices count the dialogs.
    const roots = new Set(tree?.topics.map((t) => t.id) ?? []);
    return {
      id: b.id,
      name: b.name,
      channelIds: typeof b.channelIds === 'string' ? JSON.parse(b.channelIds) : b.channelIds,
      enabled: b.enabled,
      version: b.version,
      tree,
      figures,
      started: own.filter((c) => c.outcome === 'taken' && roots.has(c.topicId)).reduce((s, c) => s + c.n, 0),
      filed: own.filter((c) => c.outcome === 'appeal').reduce((s, c) => s + c.n, 0),
    };
  });
}

/** A bot may not answer where another enabled one does: 409 with each clash in the screen's words. */
async function refuseClashes(q: Queryable, botId: string | null, channelIds: readonly string[]): Promise<void> {
  await lockBots(q);
  const clashes = await channelClashes(q, botId, channelIds);
  if (clashes.length === 0) return;
  throw new ApiError(409, 'channel_taken', 'Another enabled bot answers in this channel', {
    problems: clashes.map((c) => `В канале «${c.channel}» уже работает бот «${c.bot}»: выключите его или уберите канал у одного из ботов`),
  });
}

export async function registerBotRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const params = z.object({ id: idSchema });

  // The channels a bot may run in: the enabled ones whose platform has buttons for a bot to press.
  app.get(`${API_PREFIX}/bots/channels`, async (request) => {
    await botKeeper(ctx, request);
    const res = await ctx.db.query<{ id: string; name: string; platform: string }>('SELECT id, name, platform FROM channels WHERE enabled ORDER BY name, id');
    return { channels: res.rows.filter((c) => connectorFor(c.platform)?.sendBot) };
  });

  app.get(`${API_PREFIX}/bots`, async (request) => {
    await botKeeper(ctx, request);
    return { bots: await botViews(ctx.db), days: BOT_FIGURES_DAYS };
  });

  app.post(`${API_PREFIX}/bots`, async (request, reply) => {
    const actor = await botKeeper(ctx, request);
    const body = parseOr400(botCreateSchema, request.body);
    const id = await ctx.db.tx(async (q) => {
      await refuseClashes(q, null, body.channelIds);
      const made = await createBot(q, { name: body.name, channelIds: body.channelIds, createdBy: actor.id });
      await audit(q, { kind: 'admin.change', actor, subject: `bot:${made}`, address: request.ip, data: { action: 'bot.create', before: null, after: body } });
      return made;
    });
    return reply.code(201).send((await botViews(ctx.db, id))[0]);
  });

  app.patch(`${API_PREFIX}/bots/:id`, async (request) => {
    const actor = await botKeeper(ctx, request);
    const { id } = parseOr400(params, request.params);
    const change = parseOr400(botUpdateSchema, request.body);
    await ctx.db.tx(async (q) => {
      const before = (await botViews(q, id))[0];
      if (!before) throw new ApiError(404, 'not_found', 'Bot not found');
      if (change.enabled ?? before.enabled) await refuseClashes(q, id, change.channelIds ?? before.channelIds);
      await q.query(
        `UPDATE bots SET name = COALESCE($2, name), enabled = COALESCE($3, enabled), channel_ids = COALESCE($4::jsonb, channel_ids), updated_at = now() WHERE id = $1`,
        [id, change.name ?? null, change.enabled ?? null, change.channelIds ? JSON.stringify(change.channelIds) : null],
      );
      const view = ({ name, enabled, channelIds }: { name: string; enabled: boolean; channelIds: string[] }) => ({ name, enabled, channelIds });
      await audit(q, { kind: 'admin.change', actor, subject: `bot:${id}`, address: request.ip, data: { action: 'bot.update', before: view(before), after: { ...view(before), ...change } } });
    });
    return (await botViews(ctx.db, id))[0];
  });

  // The versions kept, newest first: the screen opens one in the editor to publish it again.
  app.get(`${API_PREFIX}/bots/:id/versions`, async (request) => {
    await botKeeper(ctx, request);
    const { id } = parseOr400(params, request.params);
    await requireBot(ctx.db, id);
    const res = await ctx.db.query<{ version: number; publishedAt: string | Date; publishedBy: string | null; tree: unknown }>(
      `SELECT v.version, v.published_at AS "publishedAt", u.display_name AS "publishedBy", v.tree FROM bot_versions v LEFT JOIN users u ON u.id = v.published_by
       WHERE v.bot_id = $1 ORDER BY v.version DESC LIMIT $2`,
      [id, BOT_VERSIONS_SHOWN],
    );
    return {
      versions: res.rows.flatMap((r) => {
        const tree = parseTree(r.tree);
        return tree ? [{ version: r.version, publishedAt: new Date(r.publishedAt).toISOString(), publishedBy: r.publishedBy, tree }] : [];
      }),
    };
  });

  // A new version of the tree. What is wrong is said in the screen's words (details: problems).
  app.put(`${API_PREFIX}/bots/:id/tree`, async (request) => {
    const actor = await botKeeper(ctx, request);
    const { id } = parseOr400(params, request.params);
    const raw = (request.body as { tree?: { topics?: unknown } } | null)?.tree;
    const parsed = botPublishSchema.safeParse(request.body);
    if (!parsed.success) {
      const problems = Array.isArray(raw?.topics) ? treeProblems(raw as Parameters<typeof treeProblems>[0]) : [];
      throw new ApiError(400, 'validation_failed', 'The tree is not valid', { problems, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    await requireBot(ctx.db, id);
    const files = await resolveTreeFiles(ctx.db, id, parsed.data.tree);
    if (files.problems.length > 0) throw new ApiError(400, 'validation_failed', 'The tree names files that are not uploaded', { problems: files.problems });
    let version: number;
    try {
      version = await publishTree(ctx.db, id, files.tree, actor.id, parsed.data.baseVersion);
    } catch (err) {
      if (err instanceof StaleBotVersion) throw new ApiError(409, 'stale_version', 'Another version was published since this draft was opened', { current: err.current });
      throw err;
    }
    await audit(ctx.db, { kind: 'admin.change', actor, subject: `bot:${id}`, address: request.ip, data: { action: 'bot.publish', version } });
    return (await botViews(ctx.db, id))[0];
  });
}
