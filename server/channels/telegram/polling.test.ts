import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealByRef, connectChannel, eventually, testSecretBox } from '../../test-support/channels';
import { startTestServer, type TestServer } from '../../test-support/server';
import type { SecretBox } from '../secrets';
import { TelegramEmulator } from './emulator';

/** A Telegram channel set to long polling: the server asks the emulator's getUpdates, nothing posts to it. */
describe('Telegram long polling through the server', () => {
  let s: TestServer;
  let box: SecretBox;
  let tg: TelegramEmulator;
  let channelId: string;

  beforeAll(async () => {
    box = testSecretBox();
    tg = await new TelegramEmulator().start();
    s = await startTestServer('pglite', { channelSecrets: box, inboxPollMs: 100 });
    const connected = await connectChannel(s, box, {
      platform: 'telegram',
      bodyId: 'takhtamukaysky',
      secrets: { botToken: tg.botToken, webhookSecret: 'never-used-by-polling' },
      settings: { apiBaseUrl: tg.url, receive: 'polling' },
    });
    channelId = connected.id;
    await s.app.telegramPollers.refresh();
  });
  afterAll(async () => {
    await s?.close();
    await tg?.close();
  });

  it('files what a citizen writes as an appeal of the channel\'s body, and their next message joins it', async () => {
    expect(s.app.telegramPollers.channelIds).toEqual([channelId]);
    const first = tg.citizenWrites({ userId: 5550101, firstName: 'Саида', lastName: 'Нехай', text: 'В Энеме у дома 3 по ул. Ленина прорвало трубу' });
    const appeal = await eventually(() => appealByRef(s, `5550101:${first.message.message_id}`), 5000, 'the appeal');
    expect(appeal).toMatchObject({ source: 'telegram', municipalityId: 'takhtamukaysky', text: 'В Энеме у дома 3 по ул. Ленина прорвало трубу' });
    expect(appeal.author).toMatchObject({ name: 'Саида Нехай' });

    tg.citizenWrites({ userId: 5550101, firstName: 'Саида', text: 'Вода уже во дворе', photo: true });
    await eventually(async () => Number((await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM channel_inbox WHERE channel_id = $1 AND processed_at IS NOT NULL`, [channelId])).rows[0]?.n) === 2, 5000, 'both filed');
    const appeals = await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM appeals WHERE source = 'telegram'`);
    expect(Number(appeals.rows[0]?.n)).toBe(1);
    // Stored updates were confirmed by the next poll's offset: Telegram holds none of them any more.
    const pending = async () => ((await (await fetch(`${tg.url}/bot${tg.botToken}/getWebhookInfo`)).json()) as { result: { pending_update_count: number } }).result.pending_update_count;
    await eventually(async () => (await pending()) === 0, 3000, 'the updates confirmed');
  });

  it('stops polling a channel that is disabled', async () => {
    await s.db.query('UPDATE channels SET enabled = false, updated_at = now() WHERE id = $1', [channelId]);
    await s.app.telegramPollers.refresh();
    expect(s.app.telegramPollers.channelIds).toEqual([]);
  });
});
