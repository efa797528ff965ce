import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealEvent } from '../shared/domain';
import type { Post } from '../shared/posts/post';
import { VkEmulator } from './channels/vk/emulator';
import { BACKENDS } from './test-support/backends';
import { connectChannelAsAdmin, eventually, testSecretBox } from './test-support/channels';
import { threadedAppeal } from './test-support/delivery';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, uid } from './test-support/sync';

/** A PNG with a text chunk (a camera's words) the page must never see. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a6b1d10000000049454e44ae426082',
  'hex',
);
const VK = 'ch-vk-posts';

/**
 * A solved problem's resolution post over the wire: drafted, refused while it lacks an after photo,
 * submitted to a supervisor where the policy asks for approval, approved (a clerk cannot), and
 * published by the worker on the body's VK wall with its photo; then the post carries the link,
 * every appeal's history says so, and each author is told in their own dialog.
 */
describe.each(BACKENDS)('resolution posts (%s)', (backend) => {
  let s: TestServer;
  let vk: VkEmulator;
  const tokens: Record<string, string> = {};
  const token = (u: string) => tokens[u]!;

  beforeAll(async () => {
    vk = await new VkEmulator().start();
    s = await startTestServer(backend, {
      channelSecrets: testSecretBox(),
      approvalPolicy: { rules: { maykop: ['vk'] } },
      delivery: { pollMs: 50 },
      publishing: { pollMs: 50, leaseCheckMs: 50 },
    });
    for (const u of ['operator', 'head-m', 'admin', 'clerk-g']) tokens[u] = (await s.login(u)).accessToken;
    await connectChannelAsAdmin(s, token('admin'), {
      id: VK,
      platform: 'vk',
      bodyId: 'maykop',
      name: 'Администрация Майкопа',
      settings: { groupId: String(vk.groupId), apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode, userToken: vk.userToken },
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await vk?.close();
  });

  const postNow = async (id: string, as = 'head-m') => replay((await pullAll(s, token(as))).changes).get(`post:${id}`) as Post | undefined;

  it('goes from a draft through approval to the VK wall with its photo; the appeals keep the link and their authors are told', async () => {
    const vkAuthor = 61000777;
    const appealId = await threadedAppeal(s, s.db, { channelId: VK, source: 'vk', municipalityId: 'maykop', target: { mode: 'message', peer_id: vkAuthor } });
    const problemId = uid('p');
    const photo = uid('ph');
    const upload = await fetch(`${s.url}/api/v1/attachments?id=${photo}&appealId=${appealId}&name=after.png`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token('operator')}`, 'content-type': 'image/png' },
      body: PNG,
    });
    expect(upload.status).toBe(201);
    const evidence = { comment: 'Фонарь заменили', photos: [{ phase: 'after', attachment: { id: photo, name: 'after.png', mime: 'image/png', size: PNG.length, url: `/api/v1/attachments/${photo}` } }] };
    const setup = await push(s, token('operator'), [
      { name: 'problem.create', args: { problemId, title: 'Не горит фонарь во дворе', category: 'housing', municipalityId: 'maykop', responsibleBodyId: 'maykop', promisedAt: '2026-12-20T15:00:00.000Z', appealIds: [appealId] } },
      { name: 'problem.setState', args: { problemId, state: 'solved', baseVersion: 1, evidence } },
    ]);
    expect(setup.map((r) => r.status)).toEqual(['applied', 'applied']);

    const postId = uid('post');
    const draft = { postId, problemId, text: 'Во дворе дома 5 заменили фонарь.', photos: [], quotes: [{ appealId, text: 'Спасибо, Иван Петров!', authorName: 'Иван Петров', consent: true }], channelIds: [VK] };
    expect((await push(s, token('operator'), [{ name: 'post.draft', args: draft }]))[0]?.status).toBe('applied');
    // No after photo: the submit is refused with the composer's words, and the draft stays.
    expect((await push(s, token('operator'), [{ name: 'post.submit', args: { postId } }]))[0]).toMatchObject({ status: 'rejected', code: 'validation_failed', message: expect.stringContaining('фото «после»') });
    await push(s, token('operator'), [{ name: 'post.draft', args: { ...draft, photos: [{ attachmentId: photo, role: 'after' }] } }]);
    expect((await push(s, token('operator'), [{ name: 'post.submit', args: { postId } }]))[0]?.status).toBe('applied');
    expect(await postNow(postId)).toMatchObject({ state: 'submitted', authorId: 'u-operator' });
    // Another body's clerk does not see it; a clerk cannot approve it.
    expect(await postNow(postId, 'clerk-g')).toBeUndefined();
    expect((await push(s, token('operator'), [{ name: 'post.approve', args: { postId } }]))[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await push(s, token('head-m'), [{ name: 'post.approve', args: { postId } }]))[0]?.status).toBe('applied');

    const [wall] = await eventually(async () => (vk.publishedPosts().length > 0 ? vk.publishedPosts() : undefined), 10_000, 'the wall post');
    // The citizen's name became initials; the photo went up without its metadata.
    expect(wall!.text).toBe('Во дворе дома 5 заменили фонарь.\n\n«Спасибо, И. П.!» — И. П.');
    expect(wall!.photos).toHaveLength(1);
    expect(vk.methodCalls('wall.post')[0]).toMatchObject({ from_group: '1', access_token: vk.userToken });
    const published = await eventually(async () => {
      const p = await postNow(postId);
      return p?.state === 'published' ? p : undefined;
    }, 10_000, 'the post published');
    expect(published.links).toEqual([{ channelId: VK, platform: 'vk', url: `https://vk.com/wall-${vk.groupId}_${wall!.id}` }]);
    expect(published.approvedBy).toBe('u-head-m');
    const events = [...replay((await pullAll(s, token('operator'))).changes).values()].filter((v): v is AppealEvent => (v as AppealEvent).appealId === appealId && (v as AppealEvent).kind === 'post_published');
    expect(events.map((e) => e.data.links)).toEqual([published.links]);
    const notice = await eventually(async () => vk.dialogs.get(vkAuthor)?.find((m) => m.text.includes(published.links[0]!.url)), 10_000, 'the author’s notice');
    expect(notice.text).toContain('решена');
  });

  it('lists the body’s pages that can take a post, without their secrets, to those who see the body', async () => {
    const res = await fetch(`${s.url}/api/v1/posts/pages?bodyId=maykop`, { headers: { authorization: `Bearer ${token('operator')}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pages: [{ id: VK, name: 'Администрация Майкопа', platform: 'vk' }] });
    const other = await fetch(`${s.url}/api/v1/posts/pages?bodyId=maykop`, { headers: { authorization: `Bearer ${token('clerk-g')}` } });
    expect(other.status).toBe(403);
  });

  it('a post for a problem not yet solved is refused', async () => {
    const problemId = uid('p');
    await push(s, token('operator'), [{ name: 'problem.create', args: { problemId, title: 'Яма', category: 'roads', municipalityId: 'maykop' } }]);
    const [early] = await push(s, token('operator'), [{ name: 'post.draft', args: { postId: uid('post'), problemId, text: 'x', photos: [], quotes: [], channelIds: [VK] } }]);
    expect(early).toMatchObject({ status: 'rejected', code: 'invalid_transition' });
  });
});

describe.each(BACKENDS)('the questionnaire after a promise (%s)', (backend) => {
  let s: TestServer;
  let vk: VkEmulator;
  let operator: string;

  beforeAll(async () => {
    vk = await new VkEmulator().start();
    s = await startTestServer(backend, { channelSecrets: testSecretBox(), delivery: { pollMs: 50 }, followUpIntervalMs: null });
    const admin = (await s.login('admin')).accessToken;
    operator = (await s.login('operator')).accessToken;
    await connectChannelAsAdmin(s, admin, {
      id: VK,
      platform: 'vk',
      bodyId: 'maykop',
      name: 'Администрация Майкопа',
      settings: { groupId: String(vk.groupId), apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode },
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await vk?.close();
  });

  it('asks the authors of a problem still in work four weeks after its promise, once, in their own dialog', async () => {
    const peer = 61000999;
    const appealId = await threadedAppeal(s, s.db, { channelId: VK, source: 'vk', municipalityId: 'maykop', target: { mode: 'message', peer_id: peer } });
    const problemId = uid('p');
    await push(s, operator, [{ name: 'problem.create', args: { problemId, title: 'Яма', category: 'roads', municipalityId: 'maykop', responsibleBodyId: 'maykop', promisedAt: '2026-12-20T15:00:00.000Z', appealIds: [appealId] } }]);
    // Three weeks on: nobody is asked yet; four weeks on, once.
    const { askFollowUps } = await import('./ratings/followup');
    const promiseAge = (days: number) => s.db.query(`UPDATE problems SET promise_made_at = now() - make_interval(days => $2) WHERE id = $1`, [problemId, days]);
    await promiseAge(21);
    expect(await askFollowUps(s.db)).toBe(0);
    await promiseAge(29);
    expect(await askFollowUps(s.db)).toBe(1);
    expect(await askFollowUps(s.db)).toBe(0);
    const asked = await eventually(async () => vk.dialogs.get(peer)?.find((m) => m.text.startsWith('Четыре недели назад орган взялся решить проблему')), 10_000, 'the question');
    expect(asked.text).toContain('ответьте цифрой от 1 до 5');
  });
});
