import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeImportResultSchema } from '../../../shared/channels/exchange';
import { BACKENDS } from '../../test-support/backends';
import { startTestServer, type TestServer } from '../../test-support/server';
import { push, uid } from '../../test-support/sync';

const batch = JSON.parse(readFileSync(new URL('./fixtures/pos-messages.json', import.meta.url), 'utf8')) as { format: string; messages: Array<Record<string, unknown>> };

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Обращения');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(BACKENDS)('ПОС / incident exchange (%s)', (backend) => {
  let s: TestServer;
  const keys = { pos: `key-pos-${uid('k')}`, incident: `key-inc-${uid('k')}`, off: `key-off-${uid('k')}` };
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer(backend);
    await s.db.query(
      `INSERT INTO channels (id, platform, body_id, name, webhook_key, enabled) VALUES
        ('ch-pos', 'pos', 'giaginsky', 'ПОС: Гиагинский район', $1, true),
        ('ch-inc', 'incident', 'maykop', 'Инцидент Менеджмент: Майкоп', $2, true),
        ('ch-off', 'pos', 'maykop', 'ПОС: отключён', $3, false)`,
      [keys.pos, keys.incident, keys.off],
    );
    for (const u of ['head-m', 'curator', 'admin', 'operator', 'operator2']) tokens[u] = (await s.login(u)).accessToken;
    // Five sign-ins (bcrypt) after migrating and seeding PGlite: minutes on a machine shared by many.
  }, 180_000);
  afterAll(async () => s?.close());

  const send = (platform: string, body: unknown, key?: string) =>
    s.call('POST', `/api/v1/exchange/${platform}/messages`, { body, headers: key === undefined ? {} : { 'x-otklik-channel-key': key } });
  const appealsOf = async (source: string, ref: string) =>
    (
      await s.db.query<{ id: string; category: string; municipality_id: string; address: string | null; due_at: string; author: { name: string }; text: string }>(
        `SELECT id, category, municipality_id, address, iso(due_at) AS due_at, author, text FROM appeals WHERE source = $1 AND external_ref = $2`,
        [source, ref],
      )
    ).rows;

  it('takes a batch of messages: category, address, the platform deadline, routed by the place or to the channel body', async () => {
    const res = await send('pos', batch, keys.pos);
    expect(res.status).toBe(200);
    const result = exchangeImportResultSchema.parse(res.body);
    expect(result).toMatchObject({ created: 2, duplicates: 0, rejected: 0 });
    const [first] = await appealsOf('pos', 'pos:POS-2026-0412377');
    expect(first).toMatchObject({
      category: 'roads',
      municipality_id: 'takhtamukaysky',
      address: 'Республика Адыгея, Тахтамукайский район, а. Тахтамукай, ул. Гагарина, 12',
      author: { name: 'Бэла Нехай' },
    });
    expect(new Date(first!.due_at).toISOString()).toBe(new Date('2026-12-11T18:00:00+03:00').toISOString());
    expect(first!.text).toContain('На платформе: https://pos.gosuslugi.ru/lkp/appeals/0412377');
    const [second] = await appealsOf('pos', 'pos:POS-2026-0412390');
    // No place named: the channel's body (Гиагинский район) takes it.
    expect(second).toMatchObject({ category: 'landscaping', municipality_id: 'giaginsky', author: { name: 'Заявитель ПОС' } });
  });

  it('a message sent again is taken once', async () => {
    const again = await send('pos', batch, keys.pos);
    expect(again.body).toMatchObject({ created: 0, duplicates: 2 });
    expect(await appealsOf('pos', 'pos:POS-2026-0412377')).toHaveLength(1);
  });

  it('refuses a missing, wrong or disabled key, or another platform\'s key, and stores nothing', async () => {
    const one = { format: batch.format, messages: [{ id: `X-${uid('x')}`, text: 'Проверка ключа' }] };
    expect((await send('pos', one)).status).toBe(401);
    expect(await send('pos', one, 'not-a-key')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await send('pos', one, keys.off)).status).toBe(403);
    expect((await send('pos', one, keys.incident)).status).toBe(403);
    expect((await send('telegram', one, keys.pos)).status).toBe(404);
    const n = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appeals WHERE external_ref = $1`, [`pos:${one.messages[0]!.id}`]);
    expect(n.rows[0]?.n).toBe(0);
  });

  it('reports each bad message with its fields and takes the good ones', async () => {
    const good = { id: `INC-${uid('i')}`, text: 'Не работает светофор на перекрёстке Пушкина и Ленина', category: 'transport', settlement: 'г. Майкоп' };
    const res = await send('incident', { format: batch.format, messages: [{ id: 'INC-bad', text: '' }, good, { text: 'без номера', deadline: 'завтра' }] }, keys.incident);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: 2 });
    expect(res.body.rows[0]).toMatchObject({ row: 1, id: 'INC-bad', outcome: 'rejected', errors: [expect.objectContaining({ field: 'text' })] });
    expect(res.body.rows[2].errors.map((e: { field: string }) => e.field).sort()).toEqual(['deadline', 'id']);
    const [appeal] = await appealsOf('incident', `incident:${good.id}`);
    expect(appeal).toMatchObject({ category: 'transport', municipality_id: 'maykop' });
    expect((await send('incident', { format: 'something/2', messages: [good] }, keys.incident)).status).toBe(400);
  });

  it('gives the platform its statuses and published answers from an outbox, each change once', async () => {
    const poll = async (cursor: number) => (await s.call('GET', `/api/v1/exchange/pos/outbox?cursor=${cursor}`, { headers: { 'x-otklik-channel-key': keys.pos } })).body;
    const first = await poll(0);
    expect(first.items.map((i: { id: string }) => i.id).sort()).toEqual(['POS-2026-0412377', 'POS-2026-0412390']);
    expect(first.items[0]).toMatchObject({ status: 'assigned', answer: null });
    expect((await poll(first.cursor)).items).toEqual([]);

    const [appeal] = await appealsOf('pos', 'pos:POS-2026-0412377');
    const [applied] = await push(s, tokens.operator2!, [{ name: 'reply.submit', args: { replyId: uid('r'), appealId: appeal!.id, body: 'Провал заделан 4 декабря.' } }]);
    expect(applied?.status).toBe('applied');
    const next = await poll(first.cursor);
    expect(next.items).toEqual([
      expect.objectContaining({ id: 'POS-2026-0412377', appealId: appeal!.id, status: 'answered', answer: expect.objectContaining({ text: 'Провал заделан 4 декабря.' }) }),
    ]);
    expect(next.cursor).toBeGreaterThan(first.cursor);
    expect((await s.call('GET', '/api/v1/exchange/pos/outbox?cursor=0', { headers: { 'x-otklik-channel-key': 'wrong' } })).status).toBe(403);
  });

  it('imports a downloaded XLSX for a supervisor, with per-row errors, and a second import finds the duplicates', async () => {
    const file = await xlsx([
      ['Номер', 'Дата поступления', 'Категория', 'Текст обращения', 'Населённый пункт', 'Адрес', 'Срок ответа', 'Заявитель'],
      ['POS-X-1', '02.12.2026 10:30', 'ЖКХ', 'Нет горячей воды третий день', 'Майкоп', 'ул. Пионерская, 5', '12.12.2026', 'Людмила Ткаченко'],
      ['POS-X-2', '', 'Дороги', '', '', '', '', ''],
      ['POS-X-3', '', '', 'Сломана скамейка у остановки', 'ст. Гиагинская', '', '', ''],
    ]);
    const upload = (token: string, channelId = 'ch-pos', body: Uint8Array | string = file) =>
      fetch(`${s.url}/api/v1/exchange/pos/import?channelId=${channelId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: typeof body === 'string' ? body : Buffer.from(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));

    const res = await upload(tokens.curator!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, duplicates: 0, rejected: 1 });
    expect(res.body.rows[1]).toMatchObject({ row: 3, id: 'POS-X-2', outcome: 'rejected', errors: [expect.objectContaining({ field: 'text' })] });
    const [water] = await appealsOf('pos', 'pos:POS-X-1');
    expect(water).toMatchObject({ category: 'housing', municipality_id: 'maykop', author: { name: 'Людмила Ткаченко' } });
    expect(new Date(water!.due_at).toISOString()).toBe(new Date('2026-12-12T23:59:00+03:00').toISOString());

    expect((await upload(tokens.admin!)).body).toMatchObject({ created: 0, duplicates: 2, rejected: 1 });
    expect((await upload(tokens.operator!)).status).toBe(403);
    // head-m supervises Майкоп; ch-pos belongs to Гиагинский район.
    expect((await upload(tokens['head-m']!)).status).toBe(403);
    expect(await upload(tokens.curator!, 'ch-pos', 'not a file')).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', message: 'The file is not valid JSON' } } });
    expect((await upload(tokens.curator!, 'ch-nope')).status).toBe(404);
    const json = new TextEncoder().encode(JSON.stringify([{ id: 'POS-J-1', text: 'Из JSON-выгрузки', category: 'other' }]));
    expect((await upload(tokens.curator!, 'ch-pos', json)).body).toMatchObject({ created: 1 });
  });

  it('without a connected channel, a supervisor imports into their own file channel, routed to their municipality', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ format: 'otklik.exchange/1', messages: [{ id: 'INC-F-1', text: 'Не вывозят мусор с площадки' }] }));
    const res = await fetch(`${s.url}/api/v1/exchange/incident/import`, { method: 'POST', headers: { authorization: `Bearer ${tokens['head-m']}` }, body: Buffer.from(body) });
    expect(await res.json()).toMatchObject({ created: 1 });
    const [appeal] = await appealsOf('incident', 'incident:INC-F-1');
    expect(appeal).toMatchObject({ municipality_id: 'maykop', author: { name: 'Заявитель (Инцидент Менеджмент)' } });
    const channel = await s.db.query<{ channel_id: string }>('SELECT channel_id FROM exchange_messages WHERE appeal_id = $1', [appeal!.id]);
    expect(channel.rows[0]?.channel_id).toBe('file:incident:maykop');
  });

  it('exports the published answers as JSON and as XLSX for the platform cabinet', async () => {
    const auth = { authorization: `Bearer ${tokens.curator}` };
    const json = await s.call('GET', '/api/v1/exchange/pos/export?channelId=ch-pos', { headers: auth });
    expect(json.status).toBe(200);
    expect(json.body.answers).toEqual([expect.objectContaining({ id: 'POS-2026-0412377', status: 'answered', answer: 'Провал заделан 4 декабря.' })]);
    const res = await fetch(`${s.url}/api/v1/exchange/pos/export?channelId=ch-pos&format=xlsx`, { headers: auth });
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="otklik-pos-answers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).text).toBe('Ответ');
    expect(ws.getRow(2).getCell(1).text).toBe('POS-2026-0412377');
    expect(ws.getRow(2).getCell(4).text).toBe('Провал заделан 4 декабря.');
    expect((await s.call('GET', '/api/v1/exchange/pos/export?channelId=ch-pos', { token: tokens.operator })).status).toBe(403);
  });
});
