import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '../../../shared/channels/publish';
import type { ConnectorChannel } from '../types';
import { VkEmulator } from './emulator';
import { vkConnector } from './index';

const GROUP = 218830127;
/** A small JPEG as the composer's canvas would encode it (start, a quantisation-table stub, end). */
const PHOTO = Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x04, 0x01, 0x02, 0xff, 0xd9]);

describe('VK resolution posts', () => {
  let vk: VkEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    vk = await new VkEmulator(GROUP).start();
    channel = {
      id: 'ch-vk',
      platform: 'vk',
      bodyId: 'maykop',
      settings: { groupId: GROUP, apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode, userToken: vk.userToken },
    };
  });
  afterAll(() => vk.close());

  const publication = (over: Partial<Publication> = {}): Publication => ({
    publicationId: 'pub-1',
    text: 'Яму на ул. Пионерской засыпали.',
    photos: [
      { bytes: PHOTO, mime: 'image/jpeg', name: 'after-1.jpg' },
      { bytes: PHOTO, mime: 'image/jpeg', name: 'after-2.jpg' },
    ],
    idempotencyKey: 'post:p1:ch-vk',
    ...over,
  });

  it('uploads each photo (getWallUploadServer → multipart → saveWallPhoto) and posts as the community with them, all with the user token', async () => {
    const result = await vkConnector.publish!(channel, publication());
    expect(result.outcome).toBe('delivered');
    const [post] = vk.publishedPosts();
    expect(post?.text).toBe('Яму на ул. Пионерской засыпали.');
    expect(post?.photos.map((f) => [f.filename, f.type, [...f.bytes]])).toEqual([
      ['after-1.jpg', 'image/jpeg', [...PHOTO]],
      ['after-2.jpg', 'image/jpeg', [...PHOTO]],
    ]);
    expect(result).toEqual({ outcome: 'delivered', externalId: `-${GROUP}_${post!.id}`, externalUrl: `https://vk.com/wall-${GROUP}_${post!.id}` });
    const [wallPost] = vk.methodCalls('wall.post');
    expect(wallPost).toMatchObject({ owner_id: String(-GROUP), from_group: '1', guid: 'post:p1:ch-vk', access_token: vk.userToken, v: '5.199' });
    expect(wallPost?.attachments).toMatch(new RegExp(`^photo-${GROUP}_\\d+,photo-${GROUP}_\\d+$`));
    for (const m of ['photos.getWallUploadServer', 'photos.saveWallPhoto']) {
      expect(vk.methodCalls(m).map((c) => [c.group_id, c.access_token])).toEqual([
        [String(GROUP), vk.userToken],
        [String(GROUP), vk.userToken],
      ]);
    }
  });

  it('leaves one post when the same publication is sent again (wall.post guid)', async () => {
    const before = vk.publishedPosts().length;
    const again = await vkConnector.publish!(channel, publication({ photos: [] }));
    expect(vkConnector.idempotentPublish).toBe(true);
    expect(vk.publishedPosts()).toHaveLength(before);
    expect(again.outcome === 'delivered' && again.externalUrl).toBe(`https://vk.com/wall-${GROUP}_${vk.publishedPosts()[0]!.id}`);
  });

  it('says the user token is missing, or expired, or a community token was given instead', async () => {
    const { userToken: _omit, ...noUser } = channel.secrets;
    expect(await vkConnector.publish!({ ...channel, secrets: noUser }, publication({ idempotencyKey: 'k2' }))).toMatchObject({ outcome: 'permanent', code: 'publish_token_missing' });
    const expired = await vkConnector.publish!({ ...channel, secrets: { ...channel.secrets, userToken: 'vk1.a.revoked' } }, publication({ idempotencyKey: 'k3' }));
    expect(expired).toMatchObject({ outcome: 'permanent', code: 'publish_token_expired' });
    expect(expired.outcome === 'permanent' && expired.detail).toMatch(/^VK 5:/);
    const community = await vkConnector.publish!({ ...channel, secrets: { ...channel.secrets, userToken: vk.accessToken } }, publication({ idempotencyKey: 'k4' }));
    expect(community.outcome === 'permanent' && [community.code, community.detail.slice(0, 5)]).toEqual(['publish_token_expired', 'VK 27']);
    vk.api.answerNext({ status: 200, json: { error: { error_code: 15, error_msg: 'Access denied' } } });
    expect(await vkConnector.publish!(channel, publication({ idempotencyKey: 'k5' }))).toMatchObject({ outcome: 'permanent', code: 'publish_token_expired' });
  });

  it('retries what VK says is passing, and refuses a photo the upload server did not take', async () => {
    vk.api.answerNext({ status: 200, json: { error: { error_code: 10, error_msg: 'Internal server error' } } });
    expect(await vkConnector.publish!(channel, publication({ idempotencyKey: 'k6' }))).toMatchObject({ outcome: 'transient', code: 'platform_unavailable' });
    vk.api.answerNext({ status: 200, json: { response: { upload_url: `${vk.url}/upload/wall`, album_id: -14, user_id: 0 } } }, { status: 200, json: { server: 1, photo: '[]', hash: '' } });
    expect(await vkConnector.publish!(channel, publication({ idempotencyKey: 'k7' }))).toMatchObject({ outcome: 'permanent', code: 'rejected' });
    vk.api.answerNext({ status: 200, json: { response: { upload_url: `${vk.url}/upload/wall`, album_id: -14, user_id: 0 } } }, { status: 502, text: 'Bad Gateway' });
    expect(await vkConnector.publish!(channel, publication({ idempotencyKey: 'k8' }))).toMatchObject({ outcome: 'transient', code: 'platform_unavailable' });
  });

  it('posts text alone when there are no photos', async () => {
    const result = await vkConnector.publish!(channel, publication({ idempotencyKey: 'k9', photos: [], text: 'Только текст' }));
    expect(result.outcome).toBe('delivered');
    expect(vk.methodCalls('wall.post').at(-1)?.attachments).toBeUndefined();
  });
});
