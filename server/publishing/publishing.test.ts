import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeSet, writeTx } from '../changes';
import { TelegramEmulator } from '../channels/telegram/emulator';
import { VkEmulator } from '../channels/vk/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectChannelAsAdmin, eventually, testSecretBox } from '../test-support/channels';
import { startTestServer, type TestServer } from '../test-support/server';
import { threadedAppeal } from '../test-support/delivery';
import { enqueuePublications } from './enqueue';
import { noticeAuthors, settledLinks } from './notice';
import type { Published } from './outcome';

/** A JPEG carrying an EXIF block (with the camera's words in it) before its tables. */
const EXIF_PAYLOAD = [...Buffer.from('Exif\0\0GPS-44N', 'latin1')];
const EXIF = [0xff, 0xe1, 0x00, EXIF_PAYLOAD.length + 2, ...EXIF_PAYLOAD];
const TABLES = [0xff, 0xdb, 0x00, 0x04, 0x01, 0x02];
const WITH_EXIF = Uint8Array.from([0xff, 0xd8, ...EXIF, ...TABLES, 0xff, 0xd9]);
const WITHOUT_EXIF = [0xff, 0xd8, ...TABLES, 0xff, 0xd9];

const VK = 'ch-vk-post';
const VK_NO_USER = 'ch-vk-nouser';
const TG = 'ch-tg-post';
const TG_CHAT = -1001987654321;

/** Resolution posts through the publishing worker to the VK and Telegram emulators. */
describe.each(BACKENDS)('publishing resolution posts (%s)', (backend) => {
  let s: TestServer;
  let vk: VkEmulator;
  let tg: TelegramEmulator;
  let admin: string;
  const published: Published[] = [];
  /** The appeals of each post's problem (the problem model's part, stood in for here). */
  const appealsOf = new Map<string, string[]>();

  beforeAll(async () => {
    vk = await new VkEmulator().start();
    tg = await new TelegramEmulator().start();
    tg.addChannel({ id: TG_CHAT, title: 'Администрация Майкопа', username: 'maykop_adm' });
    s = await startTestServer(backend, {
      channelSecrets: testSecretBox(),
      delivery: { pollMs: 50 },
      publishing: {
        pollMs: 50,
        leaseCheckMs: 50,
        retry: { baseMs: 30 },
        onPublished: async (q, changes, p) => {
          published.push(p);
          const links = await settledLinks(q, p.postId);
          if (links) await noticeAuthors(q, changes, { postId: p.postId, appealIds: appealsOf.get(p.postId) ?? [], links, now: new Date().toISOString() });
        },
      },
    });
    admin = (await s.login('admin')).accessToken;
    const vkSecrets = { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode };
    const vkSettings = { groupId: String(vk.groupId), apiBaseUrl: vk.url };
    await connectChannelAsAdmin(s, admin, { id: VK, platform: 'vk', bodyId: 'maykop', name: 'Майкоп во ВКонтакте', settings: vkSettings, secrets: { ...vkSecrets, userToken: vk.userToken } });
    await connectChannelAsAdmin(s, admin, { id: VK_NO_USER, platform: 'vk', bodyId: 'maykop', name: 'Майкоп во ВКонтакте без ключа', settings: vkSettings, secrets: vkSecrets });
    await connectChannelAsAdmin(s, admin, {
      id: TG,
      platform: 'telegram',
      bodyId: 'maykop',
      name: 'Майкоп в Telegram',
      settings: { apiBaseUrl: tg.url, postChatId: '@maykop_adm' },
      secrets: { botToken: tg.botToken, webhookSecret: 'tg-webhook-secret' },
    });
    for (const id of ['ph-1', 'ph-2']) {
      await s.db.query('INSERT INTO attachments (id, appeal_id, owner_id, name, mime, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)', [id, 'a-1', 'operator', `${id}.jpg`, 'image/jpeg', WITH_EXIF.length, WITH_EXIF]);
    }
    await s.db.query('INSERT INTO attachments (id, appeal_id, owner_id, name, mime, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)', ['ph-pdf', 'a-1', 'operator', 'x.jpg', 'image/jpeg', 5, Buffer.from('%PDF-')]);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await vk?.close();
    await tg?.close();
  });

  const enqueue = (postId: string, channelIds: string[], photoIds = ['ph-1', 'ph-2'], municipalityId = 'maykop') =>
    writeTx(s.db, (q) => enqueuePublications(q, { postId, municipalityId, text: 'Яму на ул. Пионерской засыпали.', photoIds, channelIds }));
  const publication = async (postId: string, channelId: string) =>
    (
      await s.db.query<{ state: string; attempts: number; code: string | null; url: string | null }>(
        'SELECT state, attempts, last_error_code AS code, external_url AS url FROM publications WHERE post_id = $1 AND channel_id = $2',
        [postId, channelId],
      )
    ).rows[0];
  const settled = (postId: string, channelId: string) =>
    eventually(async () => {
      const p = await publication(postId, channelId);
      return p && (p.state === 'delivered' || p.state === 'failed') ? p : undefined;
    }, 10_000, `publication of ${postId} to ${channelId}`);

  it('posts to the VK wall and the Telegram channel with the photos stripped of EXIF, and records each link once', async () => {
    expect(await enqueue('post-1', [VK, TG])).toEqual({ queued: 2, refused: [] });
    const onVk = await settled('post-1', VK);
    const onTg = await settled('post-1', TG);
    const [wall] = vk.publishedPosts();
    expect(wall?.text).toBe('Яму на ул. Пионерской засыпали.');
    expect(wall?.photos.map((f) => [...f.bytes])).toEqual([WITHOUT_EXIF, WITHOUT_EXIF]);
    expect(vk.methodCalls('wall.post')[0]).toMatchObject({ from_group: '1', guid: `post:post-1:${VK}`, access_token: vk.userToken });
    expect(onVk).toMatchObject({ state: 'delivered', attempts: 1, url: `https://vk.com/wall-${vk.groupId}_${wall!.id}` });
    const album = tg.channelPosts.at(-1)!;
    expect(album.photos.map((f) => [...f.bytes])).toEqual([WITHOUT_EXIF, WITHOUT_EXIF]);
    expect(onTg).toMatchObject({ state: 'delivered', url: `https://t.me/maykop_adm/${album.messageId}` });
    expect(published.filter((p) => p.postId === 'post-1').map((p) => [p.channelId, p.state === 'delivered' && p.externalUrl]).sort()).toEqual(
      [
        [TG, onTg.url],
        [VK, onVk.url],
      ].sort(),
    );
  });

  it('tells each author in their own dialog, once, with the post on their platform, when the last page has settled', async () => {
    const vkAuthor = 61000001;
    tg.citizenWrites({ userId: 52000001, firstName: 'Бэла', text: 'Яма на Пионерской' });
    const vkAppeal = await threadedAppeal(s, s.db, { channelId: VK, source: 'vk', municipalityId: 'maykop', target: { mode: 'message', peer_id: vkAuthor } });
    const tgAppeal = await threadedAppeal(s, s.db, { channelId: TG, source: 'telegram', municipalityId: 'maykop', target: { chat_id: 52000001, message_id: 1 } });
    appealsOf.set('post-n', [vkAppeal, tgAppeal]);
    await enqueue('post-n', [VK, TG], []);
    const vkUrl = (await settled('post-n', VK)).url!;
    const tgUrl = (await settled('post-n', TG)).url!;
    const vkNotice = await eventually(async () => vk.dialogs.get(vkAuthor)?.find((m) => m.text.includes('решена')), 10_000, 'the VK notice');
    expect(vkNotice.text).toContain(vkUrl);
    const tgNotice = await eventually(async () => tg.chat(52000001).find((l) => l.from === 'bot' && l.text.includes('решена')), 10_000, 'the Telegram notice');
    expect(tgNotice.text).toContain(tgUrl);
    const notices = await s.db.query<{ appealId: string; kind: string }>("SELECT appeal_id AS \"appealId\", kind FROM deliveries WHERE kind = 'post'");
    expect(notices.rows.map((r) => r.appealId).sort()).toEqual([vkAppeal, tgAppeal].sort());
    // Asked again (a second page settling late, a retry): nobody is told twice.
    expect(await noticeAuthors(s.db, new ChangeSet(), { postId: 'post-n', appealIds: [vkAppeal, tgAppeal], links: [{ channelId: VK, platform: 'vk', url: vkUrl }], now: new Date().toISOString() })).toBe(0);
  });

  it('queues a post for a page once, however often it is asked', async () => {
    expect((await enqueue('post-1', [VK])).queued).toBe(0);
    expect(Number((await s.db.query<{ n: string }>("SELECT count(*) AS n FROM publications WHERE post_id = 'post-1'")).rows[0]!.n)).toBe(2);
  });

  it('refuses pages of another body or gone, queuing nothing', async () => {
    expect(await enqueue('post-2', [VK, 'ch-nowhere'])).toEqual({ queued: 0, refused: [{ channelId: 'ch-nowhere', reason: 'channel_missing' }] });
    expect(await enqueue('post-2', [VK], ['ph-1'], 'giaginsky')).toEqual({ queued: 0, refused: [{ channelId: VK, reason: 'channel_missing' }] });
    expect(await publication('post-2', VK)).toBeUndefined();
  });

  it('retries a VK outage and still leaves one post', async () => {
    const before = vk.publishedPosts().length;
    vk.api.answerNext({ status: 200, json: { error: { error_code: 10, error_msg: 'Internal server error' } } });
    await enqueue('post-3', [VK], ['ph-1']);
    expect(await settled('post-3', VK)).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(vk.publishedPosts()).toHaveLength(before + 1);
  });

  it('says on the channel, for «Каналы», that the page administrator\'s token is missing', async () => {
    await enqueue('post-4', [VK_NO_USER], ['ph-1']);
    expect(await settled('post-4', VK_NO_USER)).toMatchObject({ state: 'failed', code: 'publish_token_missing' });
    const res = await s.call('GET', '/api/v1/admin/channels', { token: admin });
    expect(res.body.channels.find((c: { id: string }) => c.id === VK_NO_USER)).toMatchObject({ lastErrorCode: 'publish_token_missing' });
    expect(res.body.channels.find((c: { id: string }) => c.id === VK)).toMatchObject({ lastErrorCode: null });
  });

  it('«Проверить подключение» says whether the page administrator\'s token is there and alive, and «Каналы» keeps it', async () => {
    const noUser = await s.call('POST', `/api/v1/admin/channels/${VK_NO_USER}/check`, { token: admin });
    expect(noUser.body).toMatchObject({ ok: true, code: null, warning: 'publish_token_missing' });
    const good = await s.call('POST', `/api/v1/admin/channels/${VK}/check`, { token: admin });
    expect(good.body).toMatchObject({ ok: true, code: null, warning: null });
    const list = (await s.call('GET', '/api/v1/admin/channels', { token: admin })).body.channels as Array<{ id: string; lastErrorCode: string | null }>;
    expect(list.find((c) => c.id === VK)?.lastErrorCode).toBeNull();
    expect(list.find((c) => c.id === VK_NO_USER)?.lastErrorCode).toBe('publish_token_missing');
    vk.api.answerNext({ status: 200, json: { response: { groups: [{ id: vk.groupId, name: vk.groupName }], profiles: [] } } }, { status: 200, json: { error: { error_code: 5, error_msg: 'User authorization failed: access_token has expired.' } } });
    expect((await s.call('POST', `/api/v1/admin/channels/${VK}/check`, { token: admin })).body).toMatchObject({ ok: false, code: 'publish_token_expired' });
    const after = (await s.call('GET', '/api/v1/admin/channels', { token: admin })).body.channels as Array<{ id: string; lastErrorCode: string | null }>;
    expect(after.find((c) => c.id === VK)?.lastErrorCode).toBe('publish_token_expired');
    // The next post that goes through clears it.
    await enqueue('post-7', [VK], []);
    expect(await settled('post-7', VK)).toMatchObject({ state: 'delivered' });
    const cleared = (await s.call('GET', '/api/v1/admin/channels', { token: admin })).body.channels as Array<{ id: string; lastErrorCode: string | null }>;
    expect(cleared.find((c) => c.id === VK)?.lastErrorCode).toBeNull();
  });

  it('never publishes a file that is not a photo', async () => {
    const before = vk.methodCalls('photos.getWallUploadServer').length;
    await enqueue('post-5', [VK], ['ph-pdf']);
    expect(await settled('post-5', VK)).toMatchObject({ state: 'failed', code: 'rejected' });
    expect(vk.methodCalls('photos.getWallUploadServer')).toHaveLength(before);
  });

  it('after a process stopped mid-post: VK is posted again (guid), Telegram waits for a person', async () => {
    // As a stopped process leaves them: taken, attempt counted, lease run out (written directly, so the live worker cannot take them first).
    for (const [channelId, platform] of [[VK, 'vk'], [TG, 'telegram']] as const) {
      await s.db.query(
        `INSERT INTO publications (id, post_id, channel_id, platform, municipality_id, body, photo_ids, idempotency_key, state, attempts, locked_until)
         VALUES ($1, 'post-6', $2, $3, 'maykop', 'Яму засыпали.', '[]'::jsonb, $4, 'sending', 1, now() - interval '1 second')`,
        [`pub-6-${platform}`, channelId, platform, `post:post-6:${channelId}`],
      );
    }
    expect(await settled('post-6', TG)).toMatchObject({ state: 'failed', code: 'unknown_outcome' });
    expect(await settled('post-6', VK)).toMatchObject({ state: 'delivered' });
  });
});
