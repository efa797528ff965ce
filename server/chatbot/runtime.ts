import { randomBytes } from 'node:crypto';
import type { InboundEvent } from '../../shared/channels/inbound';
import { dialogStateSchema, startState, step, type BotMessage, type DialogState } from '../../shared/chatbot/dialog';
import { appealFiledMessage, myAppealsMessage, type MyAppeal } from '../../shared/chatbot/texts';
import type { AppealStatus } from '../../shared/domain';
import { cleanText } from '../../shared/text';
import { writeTx } from '../changes';
import type { ChangeSet } from '../changes';
import type { BotOutgoing, Connector, ConnectorChannel } from '../channels/types';
import type { Db, Queryable } from '../db/types';
import { intakeAppealIn } from '../intake';
import { liveBotForChannel, type LiveBot } from './store';

/** What the bot says back, to send once its transaction committed. */
interface Reply {
  botId: string;
  target: Record<string, string | number>;
  messages: BotMessage[];
  callbackId: string | null;
}

/** The number a citizen is told and may quote by phone: the appeal id's head, as the clerk's card shows it. */
export function appealNumber(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

function nonce(): string {
  return randomBytes(6).toString('hex');
}

async function myAppeals(q: Queryable, channelId: string, authorKey: string): Promise<MyAppeal[]> {
  // Only this person's threads in this channel: nobody else's appeal can be listed to them.
  const res = await q.query<{ id: string; status: AppealStatus; text: string; receivedAt: string | Date; dueAt: string | Date }>(
    `SELECT a.id, a.status, a.text, a.received_at AS "receivedAt", a.due_at AS "dueAt" FROM channel_threads t JOIN appeals a ON a.id = t.appeal_id
     WHERE t.channel_id = $1 AND t.author_key = $2 ORDER BY a.received_at DESC LIMIT 10`,
    [channelId, authorKey],
  );
  return res.rows.map((r) => ({
    number: appealNumber(r.id),
    status: r.status,
    topic: (r.text.split('\n')[0] ?? '').replace(/^Тема: /, '').slice(0, 100),
    createdAt: new Date(r.receivedAt).toISOString(),
    dueAt: new Date(r.dueAt).toISOString(),
  }));
}

async function fileAppeal(
  q: Queryable,
  changes: ChangeSet,
  channel: ConnectorChannel,
  bot: LiveBot,
  event: InboundEvent,
  effect: Extract<ReturnType<typeof step>['effect'], { kind: 'file_appeal' }>,
  defaultMunicipalityId: string,
): Promise<{ id: string; dueAt: string }> {
  const name = cleanText(event.author.name).trim().slice(0, 200) || `Пользователь ${channel.platform}`;
  const result = await intakeAppealIn(
    q,
    changes,
    {
      source: 'chatbot',
      externalRef: `${bot.id}:${channel.id}:${event.messageRef}`.slice(0, 512),
      author: { name, ...(effect.phone ? { contact: effect.phone } : {}), ...(event.author.profileUrl ? { profileUrl: event.author.profileUrl } : {}) },
      text: effect.text,
      receivedAt: event.receivedAt,
      ...(effect.settlement ? { settlement: effect.settlement.slice(0, 200) } : {}),
      municipalityId: effect.bodyId,
    },
    defaultMunicipalityId,
    { channelId: channel.id, bot: bot.name },
  );
  // The thread the clerk's answer goes back to through delivery, as for any channel appeal.
  await q.query(
    `INSERT INTO channel_threads (appeal_id, channel_id, thread_key, author_key, reply_target) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (appeal_id) DO NOTHING`,
    [result.id, channel.id, event.threadKey, event.author.externalId, JSON.stringify(event.replyTarget)],
  );
  const due = await q.query<{ dueAt: string | Date }>('SELECT due_at AS "dueAt" FROM appeals WHERE id = $1', [result.id]);
  return { id: result.id, dueAt: new Date(due.rows[0]!.dueAt).toISOString() };
}

/** A message's files with their bytes, read after COMMIT (only the ids are in the tree). */
async function withFileBytes(q: Queryable, botId: string, message: BotMessage): Promise<BotOutgoing> {
  const ids = (message.files ?? []).map((f) => f.id);
  if (ids.length === 0) return { text: message.text, buttons: message.buttons };
  const rows = await q.query<{ id: string; name: string; mime: string; data: Uint8Array }>('SELECT id, name, mime, data FROM bot_files WHERE bot_id = $1 AND id = ANY($2::text[])', [botId, ids]);
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  // In the tree's order; a file the publish check let through is always there, so none is skipped in practice.
  const files = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ name: r.name, mime: r.mime, bytes: new Uint8Array(r.data) }] : [];
  });
  return { text: message.text, buttons: message.buttons, files };
}

/**
 * An event on a channel that has a bot goes to the bot instead of straight to an appeal: one
 * transaction takes the person's conversation (locked), steps the dialog (shared/chatbot/dialog.ts),
 * files the appeal it asks for, records the topic figures and stores the new state; the replies
 * are sent after COMMIT. Answers false when the channel has no live bot.
 */
export async function handleBotEvent(
  db: Db,
  connector: Connector,
  channel: ConnectorChannel,
  event: InboundEvent,
  defaultMunicipalityId: string,
  now: () => number = Date.now,
): Promise<boolean> {
  const reply = await writeTx(db, async (q, changes): Promise<Reply | null | 'none'> => {
    const bot = await liveBotForChannel(q, channel.id);
    if (!bot) return 'none';
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bot\u0001${bot.id}\u0001${channel.id}\u0001${event.author.externalId}`]);
    const row = (
      await q.query<{ state: unknown; lastEventId: string | null }>(
        'SELECT state, last_event_id AS "lastEventId" FROM bot_conversations WHERE bot_id = $1 AND channel_id = $2 AND author_key = $3',
        [bot.id, channel.id, event.author.externalId],
      )
    ).rows[0];
    // The inbox may hand an event again after a crash past this commit: it was answered already.
    if (row?.lastEventId === event.eventId) return null;
    const stored = row ? dialogStateSchema.safeParse(typeof row.state === 'string' ? JSON.parse(row.state) : row.state) : null;
    const prev: DialogState = stored?.success ? stored.data : startState(nonce(), bot.version);
    const input = event.button ? { kind: 'button' as const, data: event.button.data } : { kind: 'text' as const, text: event.text };
    const result = step(prev, input, bot.tree, bot.version, now());
    const messages = [...result.messages];
    let appealId: string | null = null;
    if (result.effect?.kind === 'file_appeal') {
      const filed = await fileAppeal(q, changes, channel, bot, event, result.effect, defaultMunicipalityId);
      appealId = filed.id;
      messages.push(appealFiledMessage(appealNumber(filed.id), filed.dueAt));
    } else if (result.effect?.kind === 'list_appeals') {
      messages.push(myAppealsMessage(await myAppeals(q, channel.id, event.author.externalId)));
    }
    for (const s of result.stats) {
      await q.query('INSERT INTO bot_topic_events (bot_id, topic_id, outcome, appeal_id) VALUES ($1, $2, $3, $4)', [
        bot.id,
        s.topicId,
        s.outcome,
        s.outcome === 'appeal' ? appealId : null,
      ]);
    }
    await q.query(
      `INSERT INTO bot_conversations (bot_id, channel_id, author_key, thread_key, reply_target, state, last_event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, now())
       ON CONFLICT (bot_id, channel_id, author_key) DO UPDATE SET thread_key = $4, reply_target = $5::jsonb, state = $6::jsonb, last_event_id = $7, updated_at = now()`,
      [bot.id, channel.id, event.author.externalId, event.threadKey, JSON.stringify(event.replyTarget), JSON.stringify(result.state), event.eventId],
    );
    return { botId: bot.id, target: event.replyTarget, messages, callbackId: event.button?.callbackId ?? null };
  });
  if (reply === 'none') return false;
  if (reply === null) return true;
  if (reply.callbackId && connector.ackButton) await connector.ackButton(channel, reply.callbackId);
  for (const [i, m] of reply.messages.entries()) {
    const key = `bot:${event.eventId}:${i}`;
    if (connector.sendBot) await connector.sendBot(channel, reply.target, await withFileBytes(db, reply.botId, m), key);
    else {
      // No buttons on this platform: the text with its numbered menu is the whole dialog.
      await connector.send(channel, { deliveryId: `bot-${event.eventId}-${i}`, kind: 'reply', text: m.text, target: reply.target, idempotencyKey: key });
    }
  }
  return true;
}
