import { randomBytes } from 'node:crypto';
import type { ChannelPlatform } from '../../shared/channels/platforms';
import { channelWebhookPath } from '../../shared/channels/admin';
import type { ChannelSecretSealer } from '../context';
import type { Db } from '../db/types';
import type { DemoChannelInfo } from './platform';

/** A demo channel: a community or bot of a demo body, wired to its platform's emulator. */
export interface DemoChannelSpec {
  id: string;
  platform: ChannelPlatform;
  name: string;
  bodyId: string;
  settings: Record<string, string | number | boolean>;
  secrets: Record<string, string>;
  /** What to print besides the webhook (VK: group id, confirmation code). */
  details: Record<string, string>;
}

/**
 * Connects (or re-points, on a later start) the demo's channels: the emulators listen on new
 * ports each start, so the settings and secrets are written again; the webhook key stays, so an
 * address someone copied from an earlier start keeps working.
 */
export async function connectDemoChannels(db: Db, sealer: ChannelSecretSealer, serverUrl: string, specs: readonly DemoChannelSpec[]): Promise<DemoChannelInfo[]> {
  const out: DemoChannelInfo[] = [];
  for (const spec of specs) {
    const res = await db.query<{ webhook_key: string; body_name: string | null }>(
      `INSERT INTO channels (id, platform, body_id, name, settings, secrets, enabled, webhook_key, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, true, $7, now())
       ON CONFLICT (id) DO UPDATE SET platform = EXCLUDED.platform, body_id = EXCLUDED.body_id, name = EXCLUDED.name,
         settings = EXCLUDED.settings, secrets = EXCLUDED.secrets, enabled = true, updated_at = now()
       RETURNING webhook_key, (SELECT name FROM bodies WHERE id = $3) AS body_name`,
      [spec.id, spec.platform, spec.bodyId, spec.name, JSON.stringify(spec.settings), sealer.seal(spec.secrets), randomBytes(18).toString('base64url')],
    );
    const row = res.rows[0]!;
    out.push({
      platform: spec.platform,
      channelId: spec.id,
      bodyName: row.body_name ?? spec.bodyId,
      webhookUrl: `${serverUrl}${channelWebhookPath(spec.platform, row.webhook_key)}`,
      details: spec.details,
    });
  }
  return out;
}

/** The lines `npm start` prints for each demo channel. */
export function describeDemoChannels(channels: readonly DemoChannelInfo[], pageUrl: string): string[] {
  const lines = [`  «Демо: написать как житель»: ${pageUrl}`];
  for (const c of channels) {
    lines.push(`  demo channel ${c.channelId} (${c.platform}) of «${c.bodyName}»: webhook ${c.webhookUrl}`);
    for (const [k, v] of Object.entries(c.details)) lines.push(`      ${k}: ${v}`);
  }
  return lines;
}
