import type { ChannelSettings } from '../../../shared/channels/channel';
import type { ChannelPlatform } from '../../../shared/channels/platforms';
import type { ChannelSecretSealer } from '../../context';
import type { Queryable } from '../../db/types';
import type { ConnectorChannel } from '../types';

interface ChannelRow {
  id: string;
  platform: ChannelPlatform;
  bodyId: string;
  settings: ChannelSettings | null;
  secrets: Uint8Array | null;
}

/** Thrown when a channel's secrets are stored but this server has no key to open them. */
export class SecretsUnavailable extends Error {
  constructor() {
    super('This server has no key to open channel secrets');
  }
}

/**
 * A channel as its connector needs it, secrets opened, by `where` (`id` or the webhook key with
 * the platform); null when there is none. A disabled channel is still found by id: its stored
 * events are processed.
 */
export async function loadChannel(
  q: Queryable,
  sealer: ChannelSecretSealer | null,
  where: { id: string } | { webhookKey: string; platform: string },
): Promise<ConnectorChannel | null> {
  const res =
    'id' in where
      ? await q.query<ChannelRow>('SELECT id, platform, body_id AS "bodyId", settings, secrets FROM channels WHERE id = $1', [where.id])
      : await q.query<ChannelRow>('SELECT id, platform, body_id AS "bodyId", settings, secrets FROM channels WHERE webhook_key = $1 AND platform = $2 AND enabled', [
          where.webhookKey,
          where.platform,
        ]);
  const row = res.rows[0];
  if (!row) return null;
  let secrets: Record<string, string> = {};
  if (row.secrets) {
    if (!sealer) throw new SecretsUnavailable();
    secrets = sealer.open(row.secrets);
  }
  return { id: row.id, platform: row.platform, bodyId: row.bodyId, settings: row.settings ?? {}, secrets };
}
