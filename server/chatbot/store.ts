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

/** Publishes a new version of the tree; the versions before it stay in bot_versions. */
export async function publishTree(db: Db, botId: string, tree: unknown, by: string | null = null): Promise<number> {
  const parsed = botTreeSchema.parse(tree);
  return db.tx(async (q) => {
    const bumped = await q.query<{ version: number }>('UPDATE bots SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version', [botId]);
    const version = bumped.rows[0]?.version;
    if (version === undefined) throw new Error(`no bot ${botId}`);
    await q.query('INSERT INTO bot_versions (bot_id, version, tree, published_by) VALUES ($1, $2, $3::jsonb, $4)', [botId, version, JSON.stringify(parsed), by]);
    return version;
  });
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
