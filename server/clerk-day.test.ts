import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, AppealEvent, Template } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay } from './test-support/sync';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(BACKENDS)("the clerk's day on the server (%s)", (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const token = (u: string) => tokens[u]!;

  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'operator2', 'head-m', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  const state = async (as = 'curator') => replay((await pullAll(s, token(as))).changes);
  const appeal = async (id: string) => (await state()).get(`appeal:${id}`) as Appeal;
  const events = async (id: string) =>
    [...(await state()).values()].filter((v) => (v as AppealEvent).appealId === id && 'kind' in (v as object)) as AppealEvent[];

  it('a clerk corrects the sphere; a change made on an old version by someone else is refused', async () => {
    const before = await appeal('a-m1');
    const [ok] = await push(s, token('operator'), [{ name: 'appeal.setCategory', args: { appealId: 'a-m1', category: 'roads', baseVersion: before.version } }]);
    expect(ok?.status).toBe('applied');
    expect((await appeal('a-m1')).category).toBe('roads');
    expect((await events('a-m1')).some((e) => e.kind === 'category_changed' && e.data.to === 'roads')).toBe(true);
    const [stale] = await push(s, token('head-m'), [{ name: 'appeal.setCategory', args: { appealId: 'a-m1', category: 'health', baseVersion: before.version } }]);
    expect(stale).toMatchObject({ status: 'rejected', code: 'stale_version' });
    const [foreign] = await push(s, token('operator2'), [{ name: 'appeal.setCategory', args: { appealId: 'a-m1', category: 'health', baseVersion: before.version + 1 } }]);
    expect(foreign).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('forwarding to another body and asking for clarification move the status and keep the text in the history', async () => {
    const m2 = await appeal('a-m2');
    const [clarify] = await push(s, token('operator'), [
      { name: 'appeal.requestClarification', args: { appealId: 'a-m2', question: 'Уточните номер дома, пожалуйста.', baseVersion: m2.version } },
    ]);
    expect(clarify?.status).toBe('applied');
    expect((await appeal('a-m2')).status).toBe('clarification');
    expect((await events('a-m2')).find((e) => e.kind === 'clarification_requested')?.data.question).toBe('Уточните номер дома, пожалуйста.');

    const m1 = await appeal('a-m1');
    const [forward] = await push(s, token('operator'), [
      { name: 'appeal.forward', args: { appealId: 'a-m1', to: 'Министерство здравоохранения', reason: 'Вопрос о работе поликлиники', baseVersion: m1.version } },
    ]);
    expect(forward?.status).toBe('applied');
    expect((await appeal('a-m1')).status).toBe('forwarded');
    expect((await events('a-m1')).find((e) => e.kind === 'forwarded')?.data).toMatchObject({ body: 'Министерство здравоохранения', reason: 'Вопрос о работе поликлиники' });
    // A «new» one goes on from registration (59-FZ); one waiting for the citizen's clarification does not.
    const m3 = await appeal('a-m3');
    expect(m3.status).toBe('new');
    const [fromNew] = await push(s, token('operator'), [{ name: 'appeal.forward', args: { appealId: 'a-m3', to: 'Прокуратура', reason: 'Не наша компетенция', baseVersion: m3.version } }]);
    expect(fromNew?.status).toBe('applied');
    const waiting = await appeal('a-m2');
    const [refused] = await push(s, token('operator'), [{ name: 'appeal.forward', args: { appealId: 'a-m2', to: 'Прокуратура', reason: 'Не наша компетенция', baseVersion: waiting.version } }]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'invalid_transition' });
    expect((await appeal('a-m2')).status).toBe('clarification');
  });

  it('clerks keep their own templates; shared ones are for supervisors', async () => {
    const [own] = await push(s, token('operator'), [{ name: 'template.save', args: { templateId: 't-new-own', title: 'Мой новый', body: 'Здравствуйте, {{citizenName}}!' } }]);
    expect(own?.status).toBe('applied');
    const mine = (await state('operator')).get('template:t-new-own') as Template;
    expect(mine).toMatchObject({ ownerId: 'u-operator', title: 'Мой новый' });
    expect((await state('operator2')).has('template:t-new-own')).toBe(false);

    const [sharedByClerk] = await push(s, token('operator'), [{ name: 'template.save', args: { templateId: 't-x', title: 'Общий', body: 'Текст', shared: true } }]);
    expect(sharedByClerk).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [editShared] = await push(s, token('operator'), [{ name: 'template.save', args: { templateId: 't-shared', title: 'Чужой', body: 'Текст' } }]);
    expect(editShared).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [sharedByHead] = await push(s, token('head-m'), [{ name: 'template.save', args: { templateId: 't-m-shared', title: 'Для Майкопа', body: 'Текст', shared: true } }]);
    expect(sharedByHead?.status).toBe('applied');
    expect((await state('operator')).get('template:t-m-shared')).toMatchObject({ ownerId: null, municipalityId: 'maykop' });

    const [del] = await push(s, token('operator'), [{ name: 'template.delete', args: { templateId: 't-new-own' } }]);
    expect(del?.status).toBe('applied');
    expect((await state('operator')).has('template:t-new-own')).toBe(false);
    // A region supervisor's replica learns of the delete of their own template too.
    await push(s, token('curator'), [{ name: 'template.save', args: { templateId: 't-cur', title: 'Куратор', body: 'Текст' } }]);
    await push(s, token('curator'), [{ name: 'template.delete', args: { templateId: 't-cur' } }]);
    expect((await state('curator')).has('template:t-cur')).toBe(false);
  });

  it('attachments: photos and PDF are stored and served to the scope; other files and big ones are refused', async () => {
    const up = (body: Buffer, type: string, id: string, as = 'operator', appealId = 'a-m1') =>
      fetch(`${s.url}/api/v1/attachments?id=${id}&appealId=${appealId}&name=${encodeURIComponent('фото.png')}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token(as)}`, 'content-type': type },
        body: new Uint8Array(body),
      });
    const ok = await up(PNG, 'image/png', 'att-1');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ id: 'att-1', mime: 'image/png', url: '/api/v1/attachments/att-1' });
    expect((await up(PNG, 'image/png', 'att-1')).status).toBe(200);

    const ticket = async (as: string, id: string) =>
      (await (await fetch(`${s.url}/api/v1/auth/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token(as)}`, 'content-type': 'application/json' }, body: JSON.stringify({ purpose: 'attachment', resource: id }) })).json()).ticket as string;
    const got = await fetch(`${s.url}/api/v1/attachments/att-1?ticket=${await ticket('operator', 'att-1')}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${s.url}/api/v1/attachments/att-1?ticket=${await ticket('operator2', 'att-1')}`)).status).toBe(404);

    const exe = await up(Buffer.from('MZ\x90\x00'), 'application/x-msdownload', 'att-2');
    expect(exe.status).toBe(415);
    expect((await exe.json()).error.code).toBe('unsupported_media_type');
    const disguised = await up(Buffer.from('MZ\x90\x00'), 'image/png', 'att-3');
    expect(disguised.status).toBe(415);
    const big = await up(Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'image/png', 'att-4');
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    expect((await up(PNG, 'image/png', 'att-5', 'operator2')).status).toBe(403);
  });

  it('tells the workstation which replies need approval', async () => {
    const res = await s.call('GET', '/api/v1/policy/approval', { token: token('operator') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rules: {} });
  });
});
