import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EXCHANGE_FORMAT, EXCHANGE_PLATFORMS, exchangeBatchSchema, type ExchangePlatform } from '../../../shared/channels/exchange';
import type { User } from '../../../shared/domain';
import { API_PREFIX } from '../../../shared/protocol';
import { authenticate } from '../../auth/guard';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { header } from '../secret-compare';
import { acceptMessages, type ExchangeChannel } from './accept';
import { answersXlsx, parseExchangeFile } from './file';
import { answersSince, outboxSince } from './outbox';

export const EXCHANGE_KEY_HEADER = 'x-otklik-channel-key';
const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

function platformOf(value: string): ExchangePlatform {
  if (!(EXCHANGE_PLATFORMS as readonly string[]).includes(value)) throw new ApiError(404, 'not_found', `No exchange for platform "${value}"`);
  return value as ExchangePlatform;
}

/**
 * The platform's system calls with its channel's key (the channel's webhook key, given to the
 * operator when the channel is connected) in a header. An unknown or disabled key stores nothing.
 */
async function channelByKey(q: Queryable, request: FastifyRequest, platform: ExchangePlatform): Promise<ExchangeChannel> {
  const key = header(request.headers, EXCHANGE_KEY_HEADER);
  if (!key) throw new ApiError(401, 'unauthorized', `The channel key is required in ${EXCHANGE_KEY_HEADER}`);
  const res = await q.query<{ id: string; bodyId: string }>(
    'SELECT id, body_id AS "bodyId" FROM channels WHERE platform = $1 AND webhook_key = $2 AND enabled',
    [platform, key],
  );
  const row = res.rows[0];
  if (!row) throw new ApiError(403, 'forbidden', 'Unknown or disabled channel key');
  return { id: row.id, platform, bodyId: row.bodyId };
}

/**
 * A supervisor of the channel's body (or of the region), or an administrator, works with its files.
 * Without a channel (a region whose connection to the platform is not agreed yet, so the clerk has
 * only the platform's cabinet) the files go through the person's own file channel: its appeals go
 * to their municipality, or, for the region's people, wherever the messages' places say.
 */
async function channelForPerson(q: Queryable, user: User, platform: ExchangePlatform, channelId: unknown, defaultMunicipalityId: string): Promise<ExchangeChannel> {
  if (user.role !== 'supervisor' && user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only a supervisor or an administrator imports and exports platform files');
  if (channelId === undefined || channelId === '') {
    const body = user.municipalityId ?? defaultMunicipalityId;
    return { id: `file:${platform}:${user.municipalityId ?? 'region'}`, platform, bodyId: body };
  }
  if (typeof channelId !== 'string') throw new ApiError(400, 'validation_failed', 'channelId must be a string');
  const res = await q.query<{ id: string; bodyId: string }>('SELECT id, body_id AS "bodyId" FROM channels WHERE id = $1 AND platform = $2', [channelId, platform]);
  const row = res.rows[0];
  if (!row) throw new ApiError(404, 'not_found', `No ${platform} channel "${channelId}"`);
  if (user.role === 'supervisor' && user.municipalityId !== null && user.municipalityId !== row.bodyId) {
    throw new ApiError(403, 'forbidden', "This channel belongs to another municipality's body");
  }
  return { id: row.id, platform, bodyId: row.bodyId };
}

/**
 * Otklik's exchange with ПОС and the incident system (README.md): messages in by HTTP, the outbox
 * of statuses and answers the platform polls, and the file import/export a clerk uses when the
 * platform's cabinet only offers downloads.
 */
export async function registerExchangeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const base = `${API_PREFIX}/exchange/:platform`;
  type P = { Params: { platform: string } };

  app.post<P>(`${base}/messages`, async (request) => {
    const platform = platformOf(request.params.platform);
    const channel = await channelByKey(ctx.db, request, platform);
    const batch = parseOr400(exchangeBatchSchema, request.body);
    return acceptMessages(ctx.db, channel, batch.messages.map((value, i) => ({ row: i + 1, value })));
  });

  app.get<P & { Querystring: { cursor?: string; limit?: string } }>(`${base}/outbox`, async (request) => {
    const platform = platformOf(request.params.platform);
    const channel = await channelByKey(ctx.db, request, platform);
    const cursor = Number(request.query.cursor ?? 0);
    const limit = Number(request.query.limit ?? 500);
    if (!Number.isSafeInteger(cursor) || cursor < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new ApiError(400, 'validation_failed', 'cursor must be a non-negative integer and limit 1..1000');
    }
    const items = await outboxSince(ctx.db, channel.id, cursor, limit);
    return { format: EXCHANGE_FORMAT, cursor: items.at(-1)?.seq ?? cursor, items };
  });

  await app.register(async (scope) => {
    // The file a clerk downloaded, as it is: the server tells XLSX from JSON by its bytes.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    scope.post<P & { Querystring: { channelId?: string } }>(`${base}/import`, async (request) => {
      const user = await authenticate(ctx, request);
      const platform = platformOf(request.params.platform);
      const channel = await channelForPerson(ctx.db, user, platform, request.query.channelId, ctx.defaultMunicipalityId);
      const body = request.body;
      if (!(body instanceof Uint8Array) || body.length === 0) throw new ApiError(400, 'validation_failed', 'The request body must be the file');
      const parsed = await parseExchangeFile(body);
      if (!parsed.ok) throw new ApiError(400, 'validation_failed', parsed.message);
      return acceptMessages(ctx.db, channel, parsed.rows);
    });
  });

  app.get<P & { Querystring: { channelId?: string; since?: string; format?: string } }>(`${base}/export`, async (request, reply) => {
    const user = await authenticate(ctx, request);
    const platform = platformOf(request.params.platform);
    const channel = await channelForPerson(ctx.db, user, platform, request.query.channelId, ctx.defaultMunicipalityId);
    const since = new Date(request.query.since ?? 0);
    if (Number.isNaN(since.getTime())) throw new ApiError(400, 'validation_failed', 'since must be a date-time');
    const rows = await answersSince(ctx.db, channel.id, since);
    const stamp = new Date().toISOString().slice(0, 10);
    if (request.query.format === 'xlsx') {
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="otklik-${platform}-answers-${stamp}.xlsx"`)
        .send(Buffer.from(await answersXlsx(rows)));
    }
    return reply
      .header('content-disposition', `attachment; filename="otklik-${platform}-answers-${stamp}.json"`)
      .send({ format: EXCHANGE_FORMAT, channelId: channel.id, exportedAt: new Date().toISOString(), answers: rows });
  });
}
