import { randomBytes } from 'node:crypto';
import { botTreeSchema, type BotTree } from '../../shared/chatbot/model';
import type { Db, Queryable } from '../db/types';

/** A bot as the runtime needs it: read at every event, so a published tree is live at once, with no restart. */
export interface LiveBot {
  id: string;
  name: string;
  version: number;
  tree: BotTree;
}

export async function createBot(db: Queryable, input: { name: string; channelIds: string[]; createdBy?: string | null }): Promise<string> {
  const id = `bot-${randomBytes(6).toString('hex')}`;
  await db.query('INSERT INTO bots (id, name, channel_ids, created_by) VALUES ($1, $2, $3::jsonb, $4)', [id, input.name, JSON.stringify(input.channelIds), input.createdBy ?? null]);
  return id;
}

/** Someone published another version since the draft was opened: `current` is the bot's version now. */
export class StaleBotVersion extends Error {
  constructor(readonly current: number) {
    super(`the bot is at version ${current}`);
  }
}

/**
 * Publishes a new version of the tree; the versions before it stay in bot_versions. With
 * `baseVersion` (the version the editor started from), a publish made meanwhile by someone else
 * is not overwritten unseen: it throws StaleBotVersion.
 */
export async function publishTree(db: Db, botId: string, tree: unknown, by: string | null = null, baseVersion?: number): Promise<number> {
  const parsed = botTreeSchema.parse(tree);
  return db.tx(async (q) => {
    const bumped = await q.query<{ version: number }>(
      'UPDATE bots SET version = version + 1, updated_at = now() WHERE id = $1 AND ($2::int IS NULL OR version = $2::int) RETURNING version',
      [botId, baseVersion ?? null],
    );
    const version = bumped.rows[0]?.version;
    if (version === undefined) {
      const now = await q.query<{ version: number }>('SELECT version FROM bots WHERE id = $1', [botId]);
      if (now.rows[0]) throw new StaleBotVersion(now.rows[0].version);
      throw new Error(`no bot ${botId}`);
    }
    await q.query('INSERT INTO bot_versions (bot_id, version, tree, published_by) VALUES ($1, $2, $3::jsonb, $4)', [botId, version, JSON.stringify(parsed), by]);
    return version;
  });
}

/**
 * The channels among `channelIds` that another enabled bot already answers in, with that bot's and
 * the channel's names: a citizen's message on a channel goes to one bot, so two may not share one.
 * Callers hold the bots lock (lockBots) so two changes cannot both pass.
 */
export async function channelClashes(q: Queryable, botId: string | null, channelIds: readonly string[]): Promise<Array<{ channel: string; bot: string }>> {
  if (channelIds.length === 0) return [];
  const res = await q.query<{ channel: string; bot: string }>(
    `SELECT COALESCE(c.name, ch.id) AS channel, b.name AS bot
     FROM bots b CROSS JOIN LATERAL jsonb_array_elements_text(b.channel_ids) AS ch(id) LEFT JOIN channels c ON c.id = ch.id
     WHERE b.enabled AND ($1::text IS NULL OR b.id <> $1) AND ch.id = ANY($2::text[]) ORDER BY 1, 2`,
    [botId, [...channelIds]],
  );
  return res.rows;
}

/** Serializes changes to which bot answers where (see channelClashes). */
export async function lockBots(q: Queryable): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtext('otklik:bots:channels'))");
}

/** The enabled, published bot that answers in this channel, if any. */
export async function liveBotForChannel(q: Queryable, channelId: string): Promise<LiveBot | null> {
  const res = await q.query<{ id: string; name: string; version: number; tree: unknown }>(
    `SELECT b.id, b.name, b.version, v.tree FROM bots b JOIN bot_versions v ON v.bot_id = b.id AND v.version = b.version
     WHERE b.enabled AND b.channel_ids @> $1::jsonb ORDER BY b.created_at LIMIT 1`,
    [JSON.stringify([channelId])],
  );
  const row = res.rows[0];
  if (!row) return null;
  const tree = botTreeSchema.safeParse(typeof row.tree === 'string' ? JSON.parse(row.tree) : row.tree);
  return tree.success ? { id: row.id, name: row.name, version: row.version, tree: tree.data } : null;
}
