import { randomUUID } from 'node:crypto';
import type { InboundEvent } from '../../../shared/channels/inbound';
import { PLATFORM_SOURCE } from '../../../shared/channels/platforms';
import { OPEN_STATUSES, type AppealEvent } from '../../../shared/domain';
import { cleanText } from '../../../shared/text';
import { writeTx } from '../../changes';
import type { Db, Queryable } from '../../db/types';
import { intakeAppealIn } from '../../intake';
import { insertEvent } from '../../repo/appeals';
import { municipalityScope } from '../../scopes';
import type { ConnectorChannel } from '../types';
import { refusedNote, storeFiles, type KeptFile, type RefusedFile } from './files';

/** What became of one citizen's message. */
export type Filed = { kind: 'opened'; appealId: string } | { kind: 'joined'; appealId: string } | { kind: 'duplicate'; appealId: string };

const PHOTO_ONLY = '(фото без текста)';

/** The person's open appeal in this dialog or comment thread, newest first. */
async function openThreadAppeal(q: Queryable, channelId: string, threadKey: string, authorKey: string) {
  const res = await q.query<{ id: string; municipalityId: string; version: number }>(
    `SELECT a.id, a.municipality_id AS "municipalityId", a.version FROM channel_threads t JOIN appeals a ON a.id = t.appeal_id
     WHERE t.channel_id = $1 AND t.thread_key = $2 AND t.author_key = $3 AND a.status = ANY($4::text[])
     ORDER BY t.created_at DESC, a.received_at DESC LIMIT 1 FOR UPDATE OF a`,
    [channelId, threadKey, authorKey, OPEN_STATUSES],
  );
  return res.rows[0] ?? null;
}

function textOf(event: InboundEvent, refused: RefusedFile[]): string {
  const words = cleanText(event.text).trim();
  const note = refusedNote(refused);
  return [words || (note ? '' : PHOTO_ONLY), note].filter(Boolean).join('\n\n').slice(0, 20000) || PHOTO_ONLY;
}

/** A link kept only when it is one (the connector builds it, but from the platform's fields). */
function httpLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) && url.length <= 2048 ? url : undefined;
}

/**
 * Files one citizen's message in one transaction: a message already filed (by its platform id in
 * this channel) is a no-op; a follow-up joins the same person's open appeal in the same thread as
 * a `citizen_message`; anything else opens an appeal in the channel's body (before any text
 * routing) and records its thread for the replies and the person's next messages. The change rows
 * reach the workstations (and poke them) when the transaction commits, as a mutation's do.
 */
export async function fileEvent(
  db: Db,
  channel: ConnectorChannel,
  event: InboundEvent,
  files: { kept: KeptFile[]; refused: RefusedFile[] },
  defaultMunicipalityId: string,
): Promise<Filed> {
  return writeTx(db, async (q, changes) => {
    // Two server processes taking two messages of one person at once still make one appeal of them.
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${channel.id}\u0001${event.threadKey}\u0001${event.author.externalId}`]);
    const seen = await q.query<{ appeal_id: string }>('SELECT appeal_id FROM channel_messages WHERE channel_id = $1 AND message_ref = $2', [channel.id, event.messageRef]);
    if (seen.rows[0]) return { kind: 'duplicate', appealId: seen.rows[0].appeal_id };

    const text = textOf(event, files.refused);
    const link = httpLink(event.link);
    const open = event.kind === 'follow_up' ? await openThreadAppeal(q, channel.id, event.threadKey, event.author.externalId) : null;
    let filed: Filed;
    if (open) {
      await storeFiles(q, open.id, channel.id, files.kept);
      const history: AppealEvent = {
        id: randomUUID(),
        appealId: open.id,
        actorId: null,
        actorName: null,
        kind: 'citizen_message',
        data: { text, attachments: files.kept.map((f) => f.attachment), ...(link ? { link } : {}), messageRef: event.messageRef },
        version: open.version,
        at: new Date().toISOString(),
      };
      await insertEvent(q, history);
      changes.upsert('event', history.id, municipalityScope(open.municipalityId));
      filed = { kind: 'joined', appealId: open.id };
    } else {
      const name = cleanText(event.author.name).trim().slice(0, 200) || `Пользователь ${channel.platform}`;
      const profileUrl = httpLink(event.author.profileUrl);
      const result = await intakeAppealIn(
        q,
        changes,
        {
          source: PLATFORM_SOURCE[channel.platform],
          externalRef: event.messageRef,
          author: { name, ...(profileUrl ? { profileUrl } : {}) },
          text,
          receivedAt: event.receivedAt,
          // The page or bot the person wrote to belongs to a body: that body is competent first.
          municipalityId: channel.bodyId,
          attachments: files.kept.map((f) => f.attachment),
        },
        defaultMunicipalityId,
        { channelId: channel.id, ...(link ? { link } : {}) },
      );
      if (!result.duplicate) await storeFiles(q, result.id, channel.id, files.kept);
      await q.query(
        `INSERT INTO channel_threads (appeal_id, channel_id, thread_key, author_key, reply_target) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (appeal_id) DO NOTHING`,
        [result.id, channel.id, event.threadKey, event.author.externalId, JSON.stringify(event.replyTarget)],
      );
      filed = { kind: result.duplicate ? 'duplicate' : 'opened', appealId: result.id };
    }
    await q.query('INSERT INTO channel_messages (channel_id, message_ref, appeal_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [channel.id, event.messageRef, filed.appealId]);
    return filed;
  });
}
