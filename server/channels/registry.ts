import type { ChannelPlatform } from '../../shared/channels/platforms';
import { maxConnector } from './max/index';
import { okConnector } from './ok/index';
import { telegramConnector } from './telegram/index';
import type { Connector } from './types';
import { vkConnector } from './vk/index';

/**
 * The connectors this server runs, by platform: a channel's row names its platform, and this table
 * picks the implementation. Adding a platform is adding its folder and one line here.
 */
const CONNECTORS: Partial<Record<ChannelPlatform, Connector>> = {
  ok: okConnector,
  max: maxConnector,
  telegram: telegramConnector,
  vk: vkConnector,
};

export function connectorFor(platform: string): Connector | null {
  return (CONNECTORS as Record<string, Connector | undefined>)[platform] ?? null;
}
