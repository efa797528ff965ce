import { randomBytes } from 'node:crypto';
import { channelWebhookPath } from '../../shared/channels/admin';
import type { ChannelSettings } from '../../shared/channels/channel';
import type { Appeal, AppealEvent } from '../../shared/domain';
import type { ChannelPlatform } from '../../shared/channels/platforms';
import { VkEmulator } from '../channels/vk/emulator';
import { MaxEmulator } from '../channels/max/emulator';
import { OkEmulator } from '../channels/ok/emulator';
import { SecretBox } from '../channels/secrets';
import type { ChannelSecretSealer } from '../context';
import type { Db } from '../db/types';

/** A box with a fresh random key, for buildApp's `channelSecrets` in a test. */
export function testSecretBox(): SecretBox {
  return new SecretBox(randomBytes(32));
}

export interface ConnectedChannel {
  id: string;
  webhookKey: string;
  /** The full URL the platform (its emulator) posts to. */
  webhookUrl: string;
}

/**
 * Connects a channel the way the «Каналы» screen stores one (a row with its secrets sealed by the
 * server's box and a random webhook key), without an administrator's session, and answers with
 * the webhook URL to give the platform's emulator.
 */
export async function connectChannel(
  server: { db: Db; url: string },
  sealer: ChannelSecretSealer,
  input: { platform: ChannelPlatform; bodyId: string; secrets: Record<string, string>; settings?: ChannelSettings; id?: string; name?: string },
): Promise<ConnectedChannel> {
  const id = input.id ?? `ch-${input.platform}-${randomBytes(4).toString('hex')}`;
  const webhookKey = randomBytes(18).toString('base64url');
  await server.db.query(
    `INSERT INTO channels (id, platform, body_id, name, settings, secrets, enabled, webhook_key, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, true, $7, now())`,
    [id, input.platform, input.bodyId, input.name ?? `Тестовый канал ${id}`, JSON.stringify(input.settings ?? {}), sealer.seal(input.secrets), webhookKey],
  );
  return { id, webhookKey, webhookUrl: server.url + channelWebhookPath(input.platform, webhookKey) };
}

/**
 * Connects a channel through the administrator's «Каналы» API, as the screen does: the server
 * seals the secrets with its own key (another process's, in a multi-process test).
 */
export async function connectChannelAsAdmin(
  s: { url: string },
  adminToken: string,
  channel: { id: string; platform: string; bodyId: string; name: string; settings: Record<string, string>; secrets: Record<string, string> },
): Promise<void> {
  const res = await fetch(`${s.url}/api/v1/admin/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(channel),
  });
  if (res.status !== 201) throw new Error(`connect ${channel.id}: ${res.status} ${await res.text()}`);
}

/** An OK emulator and a channel of `bodyId` connected to it (its API base is the emulator). */
export async function connectOk(server: { db: Db; url: string }, sealer: ChannelSecretSealer, bodyId: string, settings: ChannelSettings = {}) {
  const emulator = await new OkEmulator().start();
  const channel = await connectChannel(server, sealer, {
    platform: 'ok',
    bodyId,
    secrets: { accessToken: emulator.accessToken },
    settings: { apiBaseUrl: emulator.url, groupId: '70000001', ...settings },
  });
  return { emulator, channel };
}

/** A MAX emulator and a channel of `bodyId` connected to it with its webhook secret. */
export async function connectMax(server: { db: Db; url: string }, sealer: ChannelSecretSealer, bodyId: string) {
  const emulator = await new MaxEmulator().start();
  const webhookSecret = `whs_${randomBytes(12).toString('hex')}`;
  const channel = await connectChannel(server, sealer, {
    platform: 'max',
    bodyId,
    secrets: { accessToken: emulator.accessToken, webhookSecret },
    settings: { apiBaseUrl: emulator.url },
  });
  return { emulator, channel, webhookSecret };
}

/** A VK community's emulator and its channel in `bodyId` (its API, group, tokens and Callback API secrets). */
export async function connectVk(server: { db: Db; url: string }, sealer: ChannelSecretSealer, bodyId: string, groupId: number) {
  const emulator = await new VkEmulator(groupId).start();
  const channel = await connectChannel(server, sealer, {
    platform: 'vk',
    bodyId,
    settings: { apiBaseUrl: emulator.url, groupId },
    secrets: { accessToken: emulator.accessToken, callbackSecret: emulator.callbackSecret, confirmationCode: emulator.confirmationCode },
  });
  return { emulator, channel };
}

/** Waits until `check` answers something other than undefined/false (the inbox worker is asynchronous). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An appeal filed from a channel, by its platform message id (the appeal's externalRef). */
export async function appealByRef(q: { db: Db }, externalRef: string): Promise<Appeal | undefined> {
  const res = await q.db.query<{ data: Appeal }>('SELECT appeal_json(a) AS data FROM appeals a WHERE external_ref = $1', [externalRef]);
  return res.rows[0]?.data;
}

/** An appeal's history, oldest first. */
export async function eventsOf(q: { db: Db }, appealId: string): Promise<AppealEvent[]> {
  const res = await q.db.query<{ data: AppealEvent }>('SELECT event_json(e) AS data FROM events e WHERE appeal_id = $1 ORDER BY at', [appealId]);
  return res.rows.map((r) => r.data);
}

/** The `n` a counting query answers (`SELECT count(*) AS n …`). */
export async function countOf(q: { db: Db }, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await q.db.query<{ n: string }>(sql, params)).rows[0]?.n);
}
