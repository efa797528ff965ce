import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { adminChannelSchema, channelWebhookPath, setChannelEnabledRequestSchema, type AdminChannel, type ChannelCheckResponse } from '../../../shared/channels/admin';
import { channelInputSchema, type ChannelInput, type ChannelSettings } from '../../../shared/channels/channel';
import { CHANNEL_PLATFORMS, type ChannelPlatform } from '../../../shared/channels/platforms';
import { idSchema } from '../../../shared/domain';
import { audit } from '../../audit/log';
import { connectorFor } from '../../channels/registry';
import { checkChannel } from '../../channels/types';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { municipalityExists } from '../../repo/admin-users';
import { adminOf } from './guard';

interface Row {
  id: string;
  platform: ChannelPlatform;
  bodyId: string;
  name: string;
  settings: ChannelSettings;
  hasSecrets: boolean;
  enabled: boolean;
  webhookKey: string;
  lastEventAt: string | null;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  updatedAt: string;
}

// Never the secrets themselves: only whether there are any.
const COLUMNS = `id, platform, body_id AS "bodyId", name, settings, secrets IS NOT NULL AS "hasSecrets", enabled,
  webhook_key AS "webhookKey", iso(last_event_at) AS "lastEventAt", last_error_code AS "lastErrorCode",
  iso(last_error_at) AS "lastErrorAt", iso(updated_at) AS "updatedAt"`;

/** This server's own address as the administrator reached it: what the platform must call. */
function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

function toAdmin(row: Row, base: string): AdminChannel {
  const webhookPath = channelWebhookPath(row.platform, row.webhookKey);
  const { webhookKey: _key, ...rest } = row;
  return adminChannelSchema.parse({ ...rest, webhookPath, webhookUrl: base + webhookPath });
}

/** What the audit log keeps of a channel: what the screen shows, never a secret. */
const snapshot = (c: AdminChannel | null) => c && { platform: c.platform, bodyId: c.bodyId, name: c.name, settings: c.settings, enabled: c.enabled, hasSecrets: c.hasSecrets };

const idParam = (params: unknown): string => {
  const id = (params as { id?: unknown }).id;
  if (!idSchema.safeParse(id).success) throw new ApiError(400, 'validation_failed', 'Bad channel id');
  return id as string;
};

async function lockRow(q: Queryable, id: string): Promise<Row | null> {
  return (await q.query<Row>(`SELECT ${COLUMNS} FROM channels WHERE id = $1 FOR UPDATE`, [id])).rows[0] ?? null;
}

/**
 * The secrets as stored: sealed by the server's key, checked against what the platform's connector
 * needs. Platforms without a connector (the ПОС/incident exchange, Open311) are reached through
 * the webhook's own key and take none.
 */
function sealSecrets(ctx: ServerContext, input: ChannelInput, required: boolean): Uint8Array | null {
  const connector = connectorFor(input.platform);
  if (!input.secrets) {
    if (required && connector) throw new ApiError(400, 'validation_failed', 'The channel needs its secrets', [{ path: 'secrets', message: 'Required' }]);
    return null;
  }
  if (connector) {
    const parsed = connector.secretsSchema.safeParse(input.secrets);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: ['secrets', ...i.path.map(String)].join('.'), message: i.message }));
      throw new ApiError(400, 'validation_failed', 'The secrets are not what this platform needs', details);
    }
  }
  if (!ctx.channelSecrets) throw new ApiError(503, 'secrets_unavailable', 'This server has no key to store channel secrets (OTKLIK_SECRET_KEY)');
  return ctx.channelSecrets.seal(input.secrets);
}

/** The names of the secrets each platform's connector asks for (its schema's keys). */
function secretFields(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const platform of CHANNEL_PLATFORMS) {
    const schema = connectorFor(platform)?.secretsSchema as { shape?: Record<string, unknown> } | undefined;
    out[platform] = schema?.shape ? Object.keys(schema.shape) : [];
  }
  return out;
}

async function checkBody(q: Queryable, bodyId: string): Promise<void> {
  if (!(await municipalityExists(q, bodyId))) {
    throw new ApiError(400, 'validation_failed', 'Unknown body', [{ path: 'bodyId', message: 'Unknown municipality' }]);
  }
}

/**
 * «Каналы»: list, connect, change, disable and enable, «Проверить подключение». Secrets are written
 * sealed and never read back out of this file except to hand them to the connector's check.
 */
export function registerAdminChannelRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/channels', async (request) => {
    const res = await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM channels ORDER BY name, id`);
    return { channels: res.rows.map((r) => toAdmin(r, origin(request))), secretFields: secretFields() };
  });

  app.post('/channels', async (request, reply) => {
    const admin = adminOf(request);
    const input = parseOr400(channelInputSchema, request.body);
    const sealed = sealSecrets(ctx, input, true);
    const channel = await ctx.db.tx(async (q) => {
      await checkBody(q, input.bodyId);
      const res = await q.query<Row>(
        `INSERT INTO channels (id, platform, body_id, name, settings, secrets, enabled, webhook_key, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, now()) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
        [input.id, input.platform, input.bodyId, input.name, JSON.stringify(input.settings), sealed, input.enabled, randomBytes(18).toString('base64url')],
      );
      if (!res.rows[0]) throw new ApiError(409, 'conflict', 'A channel with this id exists');
      const created = toAdmin(res.rows[0], origin(request));
      await audit(q, { kind: 'admin.change', actor: admin, subject: created.name, address: request.ip, data: { action: 'channel.connect', before: null, after: snapshot(created) } });
      return created;
    });
    return reply.status(201).send({ channel });
  });

  app.post('/channels/:id', async (request) => {
    const admin = adminOf(request);
    const id = idParam(request.params);
    const input = parseOr400(channelInputSchema, { ...(request.body as object), id });
    const sealed = sealSecrets(ctx, input, false);
    const channel = await ctx.db.tx(async (q) => {
      const before = await lockRow(q, id);
      if (!before) throw new ApiError(404, 'not_found', 'Channel not found');
      if (before.platform !== input.platform) throw new ApiError(409, 'conflict', 'A channel cannot change its platform; connect a new one');
      await checkBody(q, input.bodyId);
      const res = await q.query<Row>(
        `UPDATE channels SET body_id = $2, name = $3, settings = $4::jsonb, secrets = COALESCE($5, secrets), enabled = $6, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, input.bodyId, input.name, JSON.stringify(input.settings), sealed, input.enabled],
      );
      const after = toAdmin(res.rows[0]!, origin(request));
      await audit(q, { kind: 'admin.change', actor: admin, subject: after.name, address: request.ip, data: { action: 'channel.update', before: snapshot(toAdmin(before, '')), after: snapshot(after) } });
      return after;
    });
    return { channel };
  });

  app.post('/channels/:id/enabled', async (request) => {
    const admin = adminOf(request);
    const id = idParam(request.params);
    const { enabled } = parseOr400(setChannelEnabledRequestSchema, request.body);
    const channel = await ctx.db.tx(async (q) => {
      const before = await lockRow(q, id);
      if (!before) throw new ApiError(404, 'not_found', 'Channel not found');
      const res = await q.query<Row>(`UPDATE channels SET enabled = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, enabled]);
      const after = toAdmin(res.rows[0]!, origin(request));
      await audit(q, { kind: 'admin.change', actor: admin, subject: after.name, address: request.ip, data: { action: enabled ? 'channel.enable' : 'channel.disable', before: snapshot(toAdmin(before, '')), after: snapshot(after) } });
      return after;
    });
    return { channel };
  });

  app.post('/channels/:id/check', async (request): Promise<ChannelCheckResponse> => {
    const id = idParam(request.params);
    const res = await ctx.db.query<{ platform: ChannelPlatform; bodyId: string; settings: ChannelSettings; secrets: Uint8Array | null }>(
      'SELECT platform, body_id AS "bodyId", settings, secrets FROM channels WHERE id = $1',
      [id],
    );
    const row = res.rows[0];
    if (!row) throw new ApiError(404, 'not_found', 'Channel not found');
    const connector = connectorFor(row.platform);
    if (!connector) return { ok: true, code: null, detail: 'no connector: the platform calls our exchange with the webhook key' };
    let secrets: Record<string, string> = {};
    try {
      secrets = row.secrets && ctx.channelSecrets ? ctx.channelSecrets.open(row.secrets) : {};
    } catch {
      return { ok: false, code: 'channel_unauthorized', detail: 'the stored secrets cannot be opened with this server key' };
    }
    const result = await checkChannel(connector, { id, platform: row.platform, bodyId: row.bodyId, settings: row.settings, secrets });
    // The page token's state is kept on the channel, as a failed post keeps it, so «Каналы» shows it
    // in the list; a check that finds it good clears it.
    const tokenState = result.ok ? (result.warning ?? null) : result.code;
    if (tokenState === 'publish_token_missing' || tokenState === 'publish_token_expired') {
      await ctx.db.query('UPDATE channels SET last_error_code = $2, last_error_at = now() WHERE id = $1', [id, tokenState]);
    } else if (result.ok) {
      await ctx.db.query(`UPDATE channels SET last_error_code = NULL, last_error_at = NULL WHERE id = $1 AND last_error_code IN ('publish_token_missing', 'publish_token_expired')`, [id]);
    }
    return result.ok
      ? { ok: true, code: null, detail: result.detail, warning: result.warning ?? null }
      : { ok: false, code: result.code, detail: result.detail.slice(0, 500) };
  });
}
