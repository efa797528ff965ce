import { z } from 'zod';
import type { Source } from '../domain';

/**
 * Platforms a channel can be connected on. Each has one connector folder on the server
 * (server/channels/<platform>/); the code names are part of the wire protocol.
 */
export const CHANNEL_PLATFORMS = ['vk', 'telegram', 'ok', 'max', 'pos', 'incident', 'open311'] as const;
export const channelPlatformSchema = z.enum(CHANNEL_PLATFORMS);
export type ChannelPlatform = z.infer<typeof channelPlatformSchema>;

/**
 * The appeal source an event from each platform is filed under. MAX bots and Open311 clients have
 * no source of their own yet: they count as chat-bots (MAX) and the incident system (Open311), whose
 * deadlines and limits they share, until the domain gives them one.
 */
export const PLATFORM_SOURCE: Readonly<Record<ChannelPlatform, Source>> = {
  vk: 'vk',
  telegram: 'telegram',
  ok: 'ok',
  max: 'chatbot',
  pos: 'pos',
  incident: 'incident',
  open311: 'incident',
};
