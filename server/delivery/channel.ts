import type { PermanentDeliveryError } from '../../shared/channels/delivery';
import type { ChannelSettings } from '../../shared/channels/channel';
import type { ChannelPlatform } from '../../shared/channels/platforms';
import { connectorFor } from '../channels/registry';
import type { Connector, ConnectorChannel } from '../channels/types';
import type { ChannelSecretSealer } from '../context';
import type { Queryable } from '../db/types';

export type SendingChannel =
  | { ok: true; connector: Connector; channel: ConnectorChannel }
  | { ok: false; code: PermanentDeliveryError; detail: string };

/**
 * The channel a delivery goes through, with its secrets opened for the connector, or why it
 * cannot go: the channel was removed or disabled by an administrator, its platform has no
 * connector on this server (`channel_missing`), or its secrets cannot be opened with this
 * server's key (`channel_unauthorized`).
 */
export async function sendingChannel(q: Queryable, channelId: string, sealer: ChannelSecretSealer | null): Promise<SendingChannel> {
  const res = await q.query<{ platform: ChannelPlatform; bodyId: string; settings: ChannelSettings; secrets: Uint8Array | null; enabled: boolean }>(
    'SELECT platform, body_id AS "bodyId", settings, secrets, enabled FROM channels WHERE id = $1',
    [channelId],
  );
  const row = res.rows[0];
  if (!row) return { ok: false, code: 'channel_missing', detail: 'the channel is no longer connected' };
  if (!row.enabled) return { ok: false, code: 'channel_missing', detail: 'the channel is disabled' };
  const connector = connectorFor(row.platform);
  if (!connector) return { ok: false, code: 'channel_missing', detail: `no connector sends to ${row.platform} on this server` };
  if (!row.secrets || !sealer) return { ok: false, code: 'channel_unauthorized', detail: 'the channel has no secrets this server can open' };
  let secrets: Record<string, string>;
  try {
    secrets = sealer.open(row.secrets);
  } catch {
    return { ok: false, code: 'channel_unauthorized', detail: 'the stored secrets cannot be opened with this server key' };
  }
  return { ok: true, connector, channel: { id: channelId, platform: row.platform, bodyId: row.bodyId, settings: row.settings, secrets } };
}
