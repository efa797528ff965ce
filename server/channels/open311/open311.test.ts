import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/domain';
import { BACKENDS } from '../../test-support/backends';
import { startTestServer, type TestServer } from '../../test-support/server';
import { push, uid } from '../../test-support/sync';

describe.each(BACKENDS)('Open311 GeoReport v2 (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(backend);
  }, 180_000);
  afterAll(async () => s?.close());

  const form = async (fields: Record<string, string>) => {
    const res = await fetch(`${s.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, body: (await res.json()) as Array<Record<string, unknown>> };
  };
  const request = (over: Record<string, string> = {}) => ({
    api_key: s.integrationToken,
    service_code: 'roads',
    address_string: 'Республика Адыгея, а. Тахтамукай, ул. Гагарина, 12',
    description: `Яма на проезжей части напротив дома, глубиной с ладонь ${uid('d')}`,
    email: 'citizen@example.ru',
    first_name: 'Мурат',
    last_name: 'Хачемизов',
    ...over,
  });
  const appealsWithRef = async (ref: string) =>
    (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE external_ref = $1', [ref])).rows[0]?.n;

  it('lists our spheres as services', async () => {
    const res = await s.call('GET', '/open311/v2/services.json');
    expect(res.status).toBe(200);
    expect(res.body.map((x: { service_code: string }) => x.service_code)).toEqual([...CATEGORIES]);
    expect(res.body[4]).toEqual({
      service_code: 'roads',
      service_name: 'Дороги',
      description: 'Ямы, разметка, освещение улиц, тротуары',
      metadata: false,
      type: 'realtime',
      keywords: 'яма,дорога,тротуар',
      group: 'Обращения граждан',
    });
  });

  it('files a form-encoded request as an appeal, routed by its address, to the least busy clerk', async () => {
    const res = await form(request());
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.any(String), service_notice: null, account_id: null }]);
    const id = res.body[0]!.service_request_id as string;
    const appeal = (
      await s.db.query<{ source: string; category: string; municipality_id: string; assignee_id: string; author: { name: string; contact: string }; address: string }>(
        'SELECT source, category, municipality_id, assignee_id, author, address FROM appeals WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(appeal).toMatchObject({
      source: 'incident',
      category: 'roads',
      municipality_id: 'takhtamukaysky',
      assignee_id: 'u-operator2',
      author: { name: 'Мурат Хачемизов', contact: 'citizen@example.ru' },
      address: 'Республика Адыгея, а. Тахтамукай, ул. Гагарина, 12',
    });
  });

  it('the same request posted twice (a client retrying) is one appeal with one id', async () => {
    const body = request({ lat: '44.6098', long: '40.1006', address_string: '' });
    const first = await form(body);
    const second = await form(body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body[0]!.service_request_id).toBe(first.body[0]!.service_request_id);
    const ref = (await s.db.query<{ external_ref: string }>('SELECT external_ref FROM appeals WHERE id = $1', [first.body[0]!.service_request_id])).rows[0]!.external_ref;
    expect(await appealsWithRef(ref)).toBe(1);
  });

  it('answers a bad request with the error array and the right status, and stores nothing', async () => {
    const before = (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals')).rows[0]?.n;
    expect(await form(request({ api_key: '' }))).toEqual({ status: 400, body: [{ code: 400, description: 'api_key was not provided' }] });
    expect(await form(request({ api_key: 'otk_wrong' }))).toEqual({ status: 403, body: [{ code: 403, description: 'api_key is not valid' }] });
    expect(await form(request({ service_code: 'potholes' }))).toEqual({ status: 404, body: [{ code: 404, description: 'service_code "potholes" was not found' }] });
    expect((await form(request({ address_string: '' }))).body).toEqual([{ code: 400, description: 'A location is required: lat and long, or address_string' }]);
    expect((await form(request({ lat: '95', long: '40' }))).status).toBe(400);
    expect((await form(request({ description: ' ' }))).body).toEqual([{ code: 400, description: 'description was not provided' }]);
    expect((await form(request({ media_url: 'javascript:alert(1)' }))).status).toBe(400);
    expect((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals')).rows[0]?.n).toBe(before);
  });

  it('shows a request open, then closed with the published reply as status_notes', async () => {
    const created = await form(request({ lat: '44.9', long: '38.95', media_url: 'https://example.ru/yama.jpg' }));
    const id = created.body[0]!.service_request_id as string;
    const one = await s.call('GET', `/open311/v2/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        status_notes: null,
        service_code: 'roads',
        service_name: 'Дороги',
        agency_responsible: 'Тахтамукайский район',
        address: 'Республика Адыгея, а. Тахтамукай, ул. Гагарина, 12',
        lat: 44.9,
        long: 38.95,
        media_url: 'https://example.ru/yama.jpg',
      }),
    ]);
    expect(one.body[0].description).toMatch(/^Яма на проезжей части/);
    expect(Object.keys(one.body[0])).not.toContain('email');

    const token = (await s.login('operator2')).accessToken;
    const [applied] = await push(s, token, [{ name: 'reply.submit', args: { replyId: uid('r'), appealId: id, body: 'Яму заделали 3 декабря.' } }]);
    expect(applied?.status).toBe('applied');
    const after = await s.call('GET', `/open311/v2/requests/${id}.json`);
    expect(after.body[0]).toMatchObject({ status: 'closed', status_notes: 'Яму заделали 3 декабря.' });

    const missing = await s.call('GET', '/open311/v2/requests/no-such-id.json');
    expect(missing).toEqual({ status: 404, body: [{ code: 404, description: 'service_request_id "no-such-id" was not found' }] });
  });

  it('filters GET requests.json by ids, service code, status and dates', async () => {
    const a = (await form(request({ service_code: 'dumps' }))).body[0]!.service_request_id as string;
    const b = (await form(request({ service_code: 'transport' }))).body[0]!.service_request_id as string;
    const ids = async (query: string) => ((await s.call('GET', `/open311/v2/requests.json${query}`)).body as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    expect((await ids(`?service_request_id=${a},${b}`)).sort()).toEqual([a, b].sort());
    expect(await ids('?service_code=dumps')).toContain(a);
    expect(await ids('?service_code=dumps')).not.toContain(b);
    expect(await ids('?status=open')).toEqual(expect.arrayContaining([a, b]));
    expect(await ids('?status=closed')).not.toContain(a);
    expect(await ids('?end_date=2020-01-01T00:00:00Z')).toEqual([]);
    expect(await ids(`?start_date=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).toEqual(expect.arrayContaining([a, b]));
    expect(await s.call('GET', '/open311/v2/requests.json?start_date=yesterday')).toEqual({ status: 400, body: [{ code: 400, description: 'start_date and end_date must be W3C date-times' }] });
    expect((await s.call('GET', '/open311/v2/requests.json?status=pending')).status).toBe(400);
  });
});
