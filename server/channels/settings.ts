import type { ConnectorChannel } from './types';

/**
 * Where a channel's platform API is: the platform's own address unless the channel's settings name
 * another (`apiBaseUrl`: the emulator's loopback address in tests and the demo, or a proxy).
 */
export function channelApiBase(channel: ConnectorChannel, platformDefault: string): string {
  const given = channel.settings.apiBaseUrl;
  return (typeof given === 'string' && given.trim() !== '' ? given.trim() : platformDefault).replace(/\/+$/, '');
}
