import { z } from 'zod';
import { API_PREFIX } from '../protocol';
import { channelSchema } from './channel';

/**
 * The «Каналы» screen of the administrator's console, /api/v1/admin/channels. A channel's tokens
 * and secrets go in (connect, or replace on an edit) and never come back: the list says only
 * whether they are stored.
 */
export const adminChannelSchema = channelSchema.extend({
  /** The full address to paste into the platform's settings (the webhook path on this server). */
  webhookUrl: z.string().max(2048),
  hasSecrets: z.boolean(),
});
export type AdminChannel = z.infer<typeof adminChannelSchema>;

export const adminChannelsResponseSchema = z.object({
  channels: z.array(adminChannelSchema),
  /** The secrets each platform's connector needs, by name (the form asks for these). */
  secretFields: z.record(z.string(), z.array(z.string())),
});
export type AdminChannelsResponse = z.infer<typeof adminChannelsResponseSchema>;

export const setChannelEnabledRequestSchema = z.object({ enabled: z.boolean() });

/** «Проверить подключение»: ok, or the stable code of what failed (DELIVERY_ERROR_CODES) and the platform's words. */
export const channelCheckResponseSchema = z.object({
  ok: z.boolean(),
  code: z.string().max(64).nullable(),
  detail: z.string().max(500),
  /** Works, but not for everything (VK without a page administrator's user token: `publish_token_missing`). */
  warning: z.string().max(64).nullable().optional(),
});
export type ChannelCheckResponse = z.infer<typeof channelCheckResponseSchema>;

/** Where a channel's webhook lives under the API, by its platform and the channel's own random key. */
export function channelWebhookPath(platform: string, webhookKey: string): string {
  return `${API_PREFIX}/channels/${platform}/${webhookKey}`;
}
