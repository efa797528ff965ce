import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal } from '../shared/domain';
import { buildApp, closeApp } from './app';
import { claimEvents } from './channels/inbox/claim';
import type { MaxEmulator } from './channels/max/emulator';
import type { OkEmulator } from './channels/ok/emulator';
import { postWebhook } from './channels/emulator-kit';
import type { SecretBox } from './channels/secrets';
import { BACKENDS } from './test-support/backends';
import { appealByRef, type ConnectedChannel, connectMax, connectOk, countOf, eventsOf, eventually, testSecretBox } from './test-support/channels';
import { startTestServer, type TestServer } from './test-support/server';

const fixture = (platform: 'ok' | 'max', name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./channels/${platform}/fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** A JPEG as a phone makes it: JFIF, then an Exif block with the GPS position, a comment, the picture. */
function phoneJpeg(): Buffer {
  const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude=44.6098;GPSLongitude=40.1006', 'latin1')),
    segment(0xfe, Buffer.from('Home of Ivan, 12 Pushkina st', 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]),
  ]);
}

/** Citizens' messages from the OK and MAX emulators, through the webhook and the inbox, into appeals. */
describe.each(BACKENDS)('channel inbox through the server (%s)', (backend) => {
  let s: TestServer;
  let box: SecretBox;
  let ok: { emulator: OkEmulator; channel: ConnectedChannel };
  let max: { emulator: MaxEmulator; channel: ConnectedChannel; webhookSecret: string };

  beforeAll(async () => {
    box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 100 });
    // Both pages belong to Takhtamukaysky district, not to the default body (Maykop).
    ok = await connectOk(s, box, 'takhtamukaysky');
    max = await connectMax(s, box, 'takhtamukaysky');
  });
  afterAll(async () => {
    await ok?.emulator.close();
    await max?.emulator.close();
    await s?.close();
  });

  it('turns an OK message into an appeal of the page\'s body, assigned to its clerk, with the dialog kept for replies', async () => {
    const raw = fixture('ok', 'message-text');
    const res = await postWebhook(ok.channel.webhookUrl, raw);
    expect(res).toEqual({ status: 200, text: 'ok' });
    const appeal = await eventually(() => appealByRef(s, 'mid:C3ecb9d02a600.15cea67d78d2059'), 5000, 'the appeal');
    expect(appeal).toMatchObject({ source: 'ok', municipalityId: 'takhtamukaysky', assigneeId: 'u-operator2', status: 'assigned', text: 'text' });
    expect(appeal.author).toEqual({ name: 'Пользователь ОК 123456789012', profileUrl: 'https://ok.ru/profile/123456789012' });
    const events = await eventsOf(s, appeal.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'routed', 'assigned']);
    expect(events[1]!.data).toMatchObject({ municipalityId: 'takhtamukaysky' });
    expect(events[0]!.data).toMatchObject({ channelId: ok.channel.id, source: 'ok' });
    const thread = await s.db.query('SELECT channel_id, thread_key, author_key, reply_target FROM channel_threads WHERE appeal_id = $1', [appeal.id]);
    expect(thread.rows).toEqual([{ channel_id: ok.channel.id, thread_key: 'ok:chat:C3ecb9d02a600', author_key: 'user:123456789012', reply_target: { chat_id: 'chat:C3ecb9d02a600' } }]);
    // The clerk's workstation learns of it through the change log.
    const changes = await countOf(s, `SELECT count(*) AS n FROM changes WHERE entity = 'appeal' AND entity_id = $1 AND scope = 'm:takhtamukaysky'`, [appeal.id]);
    expect(changes).toBeGreaterThan(0);
    const channel = await s.db.query<{ last_event_at: Date | null }>('SELECT last_event_at FROM channels WHERE id = $1', [ok.channel.id]);
    expect(channel.rows[0]!.last_event_at).not.toBeNull();
  });

  it('answers 403 to a call without the secret (or from outside the allowed ranges) and 404 to an unknown channel, storing nothing', async () => {
    const before = await countOf(s, 'SELECT count(*) AS n FROM channel_inbox');
    const update = max.emulator.messageCreated({ userId: 700, chatId: 7000, text: 'Подделка' });
    expect(await max.emulator.deliver(update, { url: max.channel.webhookUrl, secret: 'wrong-secret' })).toBe(403);
    expect(await max.emulator.deliver(update, { url: max.channel.webhookUrl, secret: null })).toBe(403);
    const limited = await connectOk(s, box, 'maykop', { allowedCidrs: '217.20.144.0/20' });
    expect((await postWebhook(limited.channel.webhookUrl, ok.emulator.message({ userId: '1', chatId: 'chat:C1', text: 'x' }))).status).toBe(403);
    await limited.emulator.close();
    const unknown = await postWebhook(`${s.url}/api/v1/channels/ok/not-a-channel-key`, fixture('ok', 'message-text'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).error.code).toBe('not_found');
    expect((await postWebhook(`${s.url}/api/v1/channels/max/${ok.channel.webhookKey}`, update)).status).toBe(404);
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox')).toBe(before);
    expect(await countOf(s, `SELECT count(*) AS n FROM appeals WHERE text = 'Подделка'`)).toBe(0);
  });

  it('files an event delivered twice (a platform retry) once, and acks both deliveries', async () => {
    const update = max.emulator.messageCreated({ userId: 58204418, chatId: 196003113, text: 'Не горит фонарь у школы № 3', firstName: 'Мадина' });
    const sent = await Promise.all([1, 2].map(() => max.emulator.deliver(update, { url: max.channel.webhookUrl, secret: max.webhookSecret })));
    expect(sent).toEqual([200, 200]);
    expect(await max.emulator.deliver(update, { url: max.channel.webhookUrl, secret: max.webhookSecret })).toBe(200);
    const mid = update.message.body.mid;
    const appeal = await eventually(() => appealByRef(s, mid), 5000, 'the appeal');
    await eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0);
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE event_id = $1', [mid])).toBe(1);
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals WHERE external_ref = $1', [mid])).toBe(1);
    expect(appeal).toMatchObject({ source: 'chatbot', municipalityId: 'takhtamukaysky' });
  });

  it('joins a second message of the same person in the same dialog to their open appeal; another person opens their own', async () => {
    const first = ok.emulator.message({ userId: '5550001', chatId: 'chat:CDIALOG1', text: 'Во дворе не вывозят мусор', name: 'Анна Ш.' });
    await ok.emulator.deliver(ok.channel.webhookUrl, first);
    const firstMid = (first.message as { mid: string }).mid;
    const appeal = await eventually(() => appealByRef(s, firstMid), 5000, 'the first appeal');
    const second = ok.emulator.message({ userId: '5550001', chatId: 'chat:CDIALOG1', text: 'Уже третью неделю', name: 'Анна Ш.' });
    await ok.emulator.deliver(ok.channel.webhookUrl, second);
    const joined = await eventually(async () => (await eventsOf(s, appeal.id)).find((e) => e.kind === 'citizen_message'), 5000, 'the citizen_message');
    expect(joined.data).toMatchObject({ text: 'Уже третью неделю', messageRef: (second.message as { mid: string }).mid, attachments: [] });
    expect(joined.actorId).toBeNull();
    expect(await appealByRef(s, (second.message as { mid: string }).mid)).toBeUndefined();
    expect(await countOf(s, `SELECT count(*) AS n FROM changes WHERE entity = 'event' AND entity_id = $1`, [joined.id])).toBeGreaterThan(0);

    // Another person in their own dialog, and the same person in MAX: each a new appeal.
    const other = ok.emulator.message({ userId: '5550002', chatId: 'chat:CDIALOG2', text: 'И у нас тоже не вывозят', name: 'Олег' });
    await ok.emulator.deliver(ok.channel.webhookUrl, other);
    const otherAppeal = await eventually(() => appealByRef(s, (other.message as { mid: string }).mid), 5000, 'the other appeal');
    expect(otherAppeal.id).not.toBe(appeal.id);

    // Once the first appeal is closed, the person's next message opens a new one.
    await s.db.query(`UPDATE appeals SET status = 'closed' WHERE id = $1`, [appeal.id]);
    const third = ok.emulator.message({ userId: '5550001', chatId: 'chat:CDIALOG1', text: 'Снова не вывезли', name: 'Анна Ш.' });
    await ok.emulator.deliver(ok.channel.webhookUrl, third);
    const reopened = await eventually(() => appealByRef(s, (third.message as { mid: string }).mid), 5000, 'a new appeal after closing');
    expect(reopened.id).not.toBe(appeal.id);
  });

  it('takes a MAX photo into the appeal with its EXIF (GPS position, comment) gone and the picture kept', async () => {
    const raw = fixture('max', 'message-created-photo');
    const body = ((raw.message as Record<string, unknown>).body as { attachments: Array<{ payload: { url: string } }> });
    body.attachments[0]!.payload.url = max.emulator.photoUrl('yard.jpg');
    const original = phoneJpeg();
    max.emulator.api.answerNext({ status: 200, bytes: original, contentType: 'image/jpeg' });
    expect(await max.emulator.deliver(raw, { url: max.channel.webhookUrl, secret: max.webhookSecret })).toBe(200);
    const appeal = await eventually(() => appealByRef(s, 'mid.000000000bb0e0a8019ad9f2b0c1a7d4'), 5000, 'the photo appeal');
    expect(appeal.text).toBe('Вот фото');
    expect(appeal.author).toMatchObject({ name: 'Азамат Тхагапсо', profileUrl: 'https://max.ru/azamat_t' });
    expect(appeal.attachments).toHaveLength(1);
    const stored = await s.db.query<{ data: Uint8Array; mime: string; appeal_id: string }>('SELECT data, mime, appeal_id FROM attachments WHERE id = $1', [appeal.attachments[0]!.id]);
    const bytes = Buffer.from(stored.rows[0]!.data);
    expect(stored.rows[0]).toMatchObject({ mime: 'image/jpeg', appeal_id: appeal.id });
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(bytes.includes(Buffer.from('Pushkina'))).toBe(false);
    // The picture itself (tables, scan, end) is byte for byte what the phone made.
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(bytes.subarray(-7)).toEqual(original.subarray(-7));
    expect(appeal.attachments[0]!.size).toBe(bytes.length);
    // The clerk downloads it through the ordinary attachments route.
    const clerk = await s.login('operator2');
    const res = await fetch(`${s.url}${appeal.attachments[0]!.url}`, { headers: { authorization: `Bearer ${clerk.accessToken}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a 20 MB photo but keeps the message, with a note and the photo\'s link for the clerk', async () => {
    const photoUrl = ok.emulator.photoUrl('huge.jpg');
    const big = Buffer.alloc(20 * 1024 * 1024, 0);
    big.set([0xff, 0xd8, 0xff, 0xe0], 0);
    ok.emulator.api.answerNext({ status: 200, bytes: big, contentType: 'image/jpeg' });
    const msg = ok.emulator.message({ userId: '5550003', chatId: 'chat:CBIG', text: 'Яма на дороге, фото во вложении', name: 'Руслан', imageUrl: photoUrl });
    await ok.emulator.deliver(ok.channel.webhookUrl, msg);
    const appeal = await eventually(() => appealByRef(s, (msg.message as { mid: string }).mid), 10_000, 'the appeal without its photo');
    expect(appeal.text.startsWith('Яма на дороге, фото во вложении')).toBe(true);
    expect(appeal.text).toContain('Вложение не сохранено');
    expect(appeal.text).toContain(photoUrl);
    expect(appeal.attachments).toEqual([]);
    expect(await countOf(s, 'SELECT count(*) AS n FROM attachments WHERE appeal_id = $1', [appeal.id])).toBe(0);
  });

  it('keeps HTML in an author\'s name as the text it is, and cleans a NUL out of a hostile payload', async () => {
    const name = '<img src=x onerror="alert(1)"><b>Иван</b> & Co';
    const msg = ok.emulator.message({ userId: '5550004', chatId: 'chat:CHTML', text: 'Текст\u0000 с NUL', name });
    expect((await postWebhook(ok.channel.webhookUrl, msg)).status).toBe(200);
    const appeal = await eventually(() => appealByRef(s, (msg.message as { mid: string }).mid), 5000, 'the appeal');
    expect(appeal.author.name).toBe(name);
    expect(appeal.text).toBe('Текст с NUL');
    // What the clerk's workstation receives is the same string, not markup and not escaped twice.
    const change = await s.db.query<{ data: Appeal }>(`SELECT data FROM changes WHERE entity = 'appeal' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`, [appeal.id]);
    expect(change.rows[0]!.data.author.name).toBe(name);

    const deep = JSON.stringify(Array.from({ length: 200 }).reduce<unknown>((inner) => ({ a: inner }), { sender: 1 }));
    const refused = await fetch(ok.channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('validation_failed');
    const broken = await fetch(ok.channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sender": ' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('validation_failed');
    const huge = await fetch(ok.channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');
  });

  it('resumes an event stored while no worker ran, and one whose claimer died mid-work, after a restart', async () => {
    await s.app.channelInbox.stop();
    const left = ok.emulator.message({ userId: '5550005', chatId: 'chat:CRESTART', text: 'Сообщение во время перезапуска', name: 'Зарема' });
    const crashed = max.emulator.messageCreated({ userId: 58204499, chatId: 196003199, text: 'Второе сообщение во время сбоя' });
    expect(await ok.emulator.deliver(ok.channel.webhookUrl, left)).toEqual([200]);
    expect(await max.emulator.deliver(crashed, { url: max.channel.webhookUrl, secret: max.webhookSecret })).toBe(200);
    // A process claims the MAX event and dies before filing it: its lease runs out in 300 ms.
    const claimed = await claimEvents(s.db, 10, 300);
    expect(claimed.map((r) => r.eventId)).toEqual([(left.message as { mid: string }).mid, crashed.message.body.mid]);
    await s.db.query('UPDATE channel_inbox SET locked_until = NULL WHERE event_id = $1', [(left.message as { mid: string }).mid]);
    expect(await appealByRef(s, (left.message as { mid: string }).mid)).toBeUndefined();

    // Another server process on the same database starts and takes both.
    const second = await buildApp({ db: s.db, staticDir: null, channelSecrets: box, inboxPollMs: 100 });
    await second.ready();
    try {
      await eventually(() => appealByRef(s, (left.message as { mid: string }).mid), 5000, 'the event left in the inbox');
      await eventually(() => appealByRef(s, crashed.message.body.mid), 5000, 'the event whose claimer died');
      await eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');
      expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE attempts > 2')).toBe(0);
    } finally {
      await closeApp(second, 200);
      s.app.channelInbox.start();
    }
  });
});
