import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '../../../shared/channels/publish';
import type { ConnectorChannel } from '../types';
import { MaxEmulator } from './emulator';
import { maxConnector } from './index';

const PHOTO = Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x04, 0x01, 0x02, 0xff, 0xd9]);
const CHANNEL_CHAT = -72000123;

describe('MAX resolution posts', () => {
  let max: MaxEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    max = await new MaxEmulator().start();
    max.addChannel(CHANNEL_CHAT, 'maykop_adm');
    channel = { id: 'ch-max', platform: 'max', bodyId: 'maykop', settings: { apiBaseUrl: max.url, postChatId: String(CHANNEL_CHAT) }, secrets: { accessToken: max.accessToken, webhookSecret: 's' } };
  });
  afterAll(() => max.close());

  const pub = (photos: number): Publication => ({
    publicationId: 'p',
    text: 'Яму засыпали.',
    photos: Array.from({ length: photos }, (_, i) => ({ bytes: PHOTO, mime: 'image/jpeg', name: `after-${i + 1}.jpg` })),
    idempotencyKey: 'k',
  });

  it('uploads each photo (/uploads → multipart data) and posts the message with them in the channel, linked', async () => {
    const result = await maxConnector.publish!(channel, pub(2));
    const [post] = max.channelPosts;
    expect(post?.text).toBe('Яму засыпали.');
    expect(post?.photos.map((f) => [f.filename, [...f.bytes]])).toEqual([
      ['after-1.jpg', [...PHOTO]],
      ['after-2.jpg', [...PHOTO]],
    ]);
    expect(result).toEqual({ outcome: 'delivered', externalId: post!.mid, externalUrl: post!.url });
    expect(max.api.callsTo('/uploads').map((c) => [c.query.type, c.headers.authorization])).toEqual([
      ['image', max.accessToken],
      ['image', max.accessToken],
    ]);
    expect(maxConnector.idempotentPublish).toBe(false);
  });

  it('stops without a channel, on a revoked token, and retries MAX\'s 5xx', async () => {
    expect(await maxConnector.publish!({ ...channel, settings: { apiBaseUrl: max.url } }, pub(0))).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    expect(await maxConnector.publish!({ ...channel, secrets: { accessToken: 'revoked', webhookSecret: 's' } }, pub(1))).toMatchObject({ outcome: 'permanent', code: 'channel_unauthorized' });
    max.api.answerNext({ status: 503, json: { code: 'service.unavailable', message: 'try later' } });
    expect(await maxConnector.publish!(channel, pub(0))).toMatchObject({ outcome: 'transient', code: 'platform_unavailable' });
  });
});
