import { botChannelsSchema, botListSchema, botVersionsSchema, botViewSchema, type BotVersion, type BotView } from '../../../shared/chatbot/admin';
import { botFileSchema, type BotFile, type BotTree } from '../../../shared/chatbot/model';
import { API_PREFIX } from '../../../shared/protocol';
import type { SyncClient } from '../../sync';

/** What the server said was wrong: its code, and the tree's problems in the screen's words. */
export class BotsApiError extends Error {
  constructor(
    readonly code: string,
    readonly problems: string[],
    /** On stale_version: the bot's version now. */
    readonly current: number | null = null,
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
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; details?: { problems?: string[]; current?: number } } } | null;
    if (!res.ok) throw new BotsApiError(json?.error?.code ?? 'unknown', json?.error?.details?.problems ?? [], json?.error?.details?.current ?? null);
    return json;
  });
}

export const listBots = async (client: SyncClient) => botListSchema.parse(await call(client, 'GET', '/bots'));
export const createBot = async (client: SyncClient, name: string): Promise<BotView> => botViewSchema.parse(await call(client, 'POST', '/bots', { name, channelIds: [] }));
export const listBotChannels = async (client: SyncClient) => botChannelsSchema.parse(await call(client, 'GET', '/bots/channels')).channels;
export const updateBot = async (client: SyncClient, id: string, change: { enabled?: boolean; name?: string; channelIds?: string[] }): Promise<BotView> =>
  botViewSchema.parse(await call(client, 'PATCH', `/bots/${encodeURIComponent(id)}`, change));
export const listBotVersions = async (client: SyncClient, id: string): Promise<BotVersion[]> =>
  botVersionsSchema.parse(await call(client, 'GET', `/bots/${encodeURIComponent(id)}/versions`)).versions;
/** `baseVersion`: the version the draft was made on; the server refuses it if another was published since. */
export const publishBotTree = async (client: SyncClient, id: string, tree: BotTree, baseVersion: number): Promise<BotView> =>
  botViewSchema.parse(await call(client, 'PUT', `/bots/${encodeURIComponent(id)}/tree`, { tree, baseVersion }));

/** A file for a topic's answer: the bytes as the body, the type as content-type, the name in the query. */
export async function uploadBotFile(client: SyncClient, botId: string, file: File): Promise<BotFile> {
  const json = await client.auth.call(async (token) => {
    const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/bots/${encodeURIComponent(botId)}/files?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': file.type },
      body: file,
    });
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    if (!res.ok) throw new BotsApiError(body?.error?.code ?? 'unknown', []);
    return body;
  });
  return botFileSchema.parse(json);
}

/** The stored bytes, for the supervisor to check what citizens get. */
export async function downloadBotFile(client: SyncClient, botId: string, fileId: string): Promise<Blob> {
  return client.auth.call(async (token) => {
    const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/bots/${encodeURIComponent(botId)}/files/${encodeURIComponent(fileId)}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new BotsApiError(res.status === 404 ? 'not_found' : 'unknown', []);
    return res.blob();
  });
}
