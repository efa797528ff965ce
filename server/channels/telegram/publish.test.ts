import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '../../../shared/channels/publish';
import type { ConnectorChannel } from '../types';
import { TelegramEmulator } from './emulator';
import { telegramConnector } from './index';

const PHOTO = Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x04, 0x01, 0x02, 0xff, 0xd9]);
const PUBLIC = -1001987654321;
const PRIVATE = -1001222333444;

describe('Telegram resolution posts', () => {
  let tg: TelegramEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    tg = await new TelegramEmulator().start();
    tg.addChannel({ id: PUBLIC, title: 'Администрация Майкопа', username: 'maykop_adm' });
    tg.addChannel({ id: PRIVATE, title: 'Закрытый канал' });
    channel = { id: 'ch-tg', platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url, postChatId: '@maykop_adm' }, secrets: { botToken: tg.botToken, webhookSecret: 's' } };
  });
  afterAll(() => tg.close());

  const pub = (photos: number, text = 'Яму засыпали.'): Publication => ({
    publicationId: 'p',
    text,
    photos: Array.from({ length: photos }, (_, i) => ({ bytes: PHOTO, mime: 'image/jpeg', name: `after-${i + 1}.jpg` })),
    idempotencyKey: 'k',
  });

  it('posts an album with the text as the first photo\'s caption, and links to it', async () => {
    const result = await telegramConnector.publish!(channel, pub(3));
    const post = tg.channelPosts.at(-1)!;
    expect(post.text).toBe('Яму засыпали.');
    expect(post.photos.map((f) => [f.filename, [...f.bytes]])).toEqual([1, 2, 3].map((i) => [`after-${i}.jpg`, [...PHOTO]]));
    expect(result).toEqual({ outcome: 'delivered', externalId: `${PUBLIC}:${post.messageId}`, externalUrl: `https://t.me/maykop_adm/${post.messageId}` });
    expect(telegramConnector.idempotentPublish).toBe(false);
  });

  it('posts one photo by sendPhoto, text alone by sendMessage, and a long text before the photos', async () => {
    const priv = { ...channel, settings: { ...channel.settings, postChatId: String(PRIVATE) } };
    const one = await telegramConnector.publish!(priv, pub(1));
    expect(tg.api.callsTo(`/bot${tg.botToken}/sendPhoto`)).toHaveLength(1);
    expect(one.outcome === 'delivered' && one.externalUrl).toMatch(/^https:\/\/t\.me\/c\/1222333444\/\d+$/);
    const none = await telegramConnector.publish!(priv, pub(0, 'Только текст'));
    expect(none.outcome).toBe('delivered');
    expect(tg.channelPosts.at(-1)).toMatchObject({ chatId: PRIVATE, text: 'Только текст', photos: [] });
    const long = 'Длинный текст. '.repeat(100).trim();
    const before = tg.channelPosts.length;
    const res = await telegramConnector.publish!(channel, pub(2, long));
    expect(tg.channelPosts.slice(before).map((p) => [p.text, p.photos.length])).toEqual([
      [long, 0],
      ['', 2],
    ]);
    expect(res.outcome === 'delivered' && res.externalUrl).toBe(`https://t.me/maykop_adm/${tg.channelPosts[before]!.messageId}`);
  });

  it('stops without a channel to post to, on a revoked token, and leaves a half-posted post to a person', async () => {
    expect(await telegramConnector.publish!({ ...channel, settings: { apiBaseUrl: tg.url } }, pub(1))).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    expect(await telegramConnector.publish!({ ...channel, secrets: { ...channel.secrets, botToken: '1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }, pub(1))).toMatchObject({ outcome: 'permanent', code: 'channel_unauthorized' });
    tg.api.answerNext({ status: 200, json: { ok: true, result: { message_id: 99, chat: { id: PUBLIC, type: 'channel', username: 'maykop_adm' }, date: 1, text: 'x' } } }, { status: 500, json: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    const half = await telegramConnector.publish!(channel, pub(2, 'Длинный текст. '.repeat(100)));
    expect(half).toMatchObject({ outcome: 'permanent', code: 'unknown_outcome' });
    expect(half.outcome === 'permanent' && half.detail).toContain('https://t.me/maykop_adm/99');
  });
});
