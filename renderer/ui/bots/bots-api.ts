import { botChannelsSchema, botListSchema, botViewSchema, type BotView } from '../../../shared/chatbot/admin';
import type { BotTree } from '../../../shared/chatbot/model';
import { API_PREFIX } from '../../../shared/protocol';
import type { SyncClient } from '../../sync';

/** What the server said was wrong: its code, and the tree's problems in the screen's words. */
export class BotsApiError extends Error {
  constructor(
    readonly code: string,
    readonly problems: string[],
  ) {
    super(code);
  }
}

async function call(client: SyncClient, method: string, path: string, body?: unknown): Promise<unknown> {
  return client.auth.call(async (token) => {
    const res = await fetch(`${client.api.serverUrl}${API_PREFIX}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; details?: { problems?: string[] } } } | null;
    if (!res.ok) throw new BotsApiError(json?.error?.code ?? 'unknown', json?.error?.details?.problems ?? []);
    return json;
  });
}

export const listBots = async (client: SyncClient) => botListSchema.parse(await call(client, 'GET', '/bots'));
export const createBot = async (client: SyncClient, name: string): Promise<BotView> => botViewSchema.parse(await call(client, 'POST', '/bots', { name, channelIds: [] }));
export const listBotChannels = async (client: SyncClient) => botChannelsSchema.parse(await call(client, 'GET', '/bots/channels')).channels;
export const updateBot = async (client: SyncClient, id: string, change: { enabled?: boolean; name?: string; channelIds?: string[] }): Promise<BotView> =>
  botViewSchema.parse(await call(client, 'PATCH', `/bots/${encodeURIComponent(id)}`, change));
export const publishBotTree = async (client: SyncClient, id: string, tree: BotTree): Promise<BotView> =>
  botViewSchema.parse(await call(client, 'PUT', `/bots/${encodeURIComponent(id)}/tree`, { tree }));
