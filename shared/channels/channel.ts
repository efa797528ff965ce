import { z } from 'zod';
import { idSchema, isoDateTime } from '../domain';
import { machineString, proseText } from '../text';
import { channelPlatformSchema } from './platforms';

export const CHANNEL_NAME_MAX_LENGTH = 200;

/**
 * Public settings of a connected channel: what may be shown to an administrator and is no secret
 * (VK: the community id; Telegram: the bot's username). Tokens and secrets are never here: they
 * live only on the server, encrypted at rest (server/channels/secrets.ts).
 */
export const channelSettingsSchema = z.record(z.string().max(64), z.union([z.string().max(2048), z.number(), z.boolean()]));
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

/** A community, bot or platform account connected to Otklik, as any client may see it. */
export const channelSchema = z.object({
  id: idSchema,
  platform: channelPlatformSchema,
  /** The body the channel belongs to (today a municipality id): its appeals go there first. */
  bodyId: idSchema,
  name: z.string().min(1).max(CHANNEL_NAME_MAX_LENGTH),
  settings: channelSettingsSchema,
  enabled: z.boolean(),
  /** The path of its webhook on our server, under /api/v1 (to paste into the platform). */
  webhookPath: z.string().max(512),
  lastEventAt: isoDateTime.nullable(),
  /** A stable code of the last failure (see DELIVERY_ERROR_CODES), or null. */
  lastErrorCode: z.string().max(64).nullable(),
  lastErrorAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type Channel = z.infer<typeof channelSchema>;

/**
 * What an administrator sends to connect or change a channel. `secrets` are write-only: the server
 * stores them encrypted and never returns them; omitted on an update, the stored ones are kept.
 */
export const channelInputSchema = z.object({
  id: idSchema,
  platform: channelPlatformSchema,
  bodyId: idSchema,
  name: proseText(1, CHANNEL_NAME_MAX_LENGTH),
  // Machine values (ids, URLs, names of bots): stored and compared as sent, so refused when they cannot be.
  settings: z.record(machineString(1, 64), z.union([machineString(0, 2048), z.number(), z.boolean()])).default({}),
  enabled: z.boolean().default(true),
  secrets: z.record(machineString(1, 64), machineString(0, 4096)).optional(),
});
export type ChannelInput = z.infer<typeof channelInputSchema>;
