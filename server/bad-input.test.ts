import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  intakeRequestSchema,
  loginRequestSchema,
  MUTATION_NAMES,
  mutationEnvelopeSchema,
  parseMutation,
  pushRequestSchema,
  refreshRequestSchema,
  type MutationName,
} from '../shared/protocol';
import { isStorableString } from '../shared/text';
import { uploadQuery } from './routes/attachments';
import { registeredRoutes } from './routes/registry';
import { BACKENDS } from './test-support/backends';
import { BAD_BODIES, BAD_PATH_SEGMENTS, BAD_QUERY_VALUES, leafVariants, storedDigester, type Variant } from './test-support/bad-input';
import { startTestServer, type TestServer } from './test-support/server';
import { uid } from './test-support/sync';

// Hundreds of requests per test, each followed by a fingerprint of the whole database.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 180_000 });

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A valid request of each mutation, with fresh ids; a new mutation without one gets the generic args corpus. */
const PUSH_ARGS: Partial<Record<MutationName, () => unknown>> = {
  'reply.submit': () => ({ replyId: uid('r'), appealId: 'a-m1', body: 'Ответ', attachments: [{ id: uid('f'), name: 'фото.png', mime: 'image/png', size: 10 }] }),
  'appeal.setStatus': () => ({ appealId: 'a-m1', status: 'in_progress', baseVersion: 1 }),
  'appeal.assign': () => ({ appealId: 'a-m1', assigneeId: 'u-clerk-m2', baseVersion: 1, reason: 'Отпуск' }),
  'appeal.reassignMunicipality': () => ({ appealId: 'a-m2', municipalityId: 'giaginsky', reason: 'Не наш район', baseVersion: 2 }),
  'reply.approve': () => ({ replyId: 'r-none', appealId: 'a-m1', editedBody: 'Правка' }),
  'reply.return': () => ({ replyId: 'r-none', appealId: 'a-m1', comment: 'Доработать' }),
  'note.add': () => ({ noteId: uid('n'), appealId: 'a-m1', body: 'Заметка' }),
  'appeal.setCategory': () => ({ appealId: 'a-m1', category: 'roads', baseVersion: 1 }),
  'appeal.forward': () => ({ appealId: 'a-m1', to: 'Минздрав', reason: 'Вопрос здравоохранения', baseVersion: 1 }),
  'appeal.requestClarification': () => ({ appealId: 'a-m1', question: 'Уточните адрес', baseVersion: 1 }),
  'template.save': () => ({ templateId: uid('t'), title: 'Шаблон', body: 'Текст', shared: false }),
  'template.delete': () => ({ templateId: 't-none' }),
};
const GENERIC_ARGS: unknown[] = [null, 'x\u0000', 42, [], {}, { appealId: '\u0000', body: '\uD800', id: 'x'.repeat(100_000) }];

const intakeBody = () => ({
  source: 'vk',
  externalRef: uid('https://vk.com/wall-1_'),
  author: { name: 'Анна', profileUrl: 'https://vk.com/id1', contact: '+7 900 000-00-00' },
  text: 'Яма на дороге',
  receivedAt: '2025-03-03T07:00:00.000Z',
  settlement: 'Майкоп',
  address: 'ул. Ленина, 1',
  category: 'roads',
  municipalityId: 'maykop',
  priority: 'normal',
  attachments: [{ id: uid('f'), name: 'фото.jpg', mime: 'image/jpeg', size: 100, url: 'https://vk.com/photo1' }],
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Percent-encoding, with a lone surrogate sent as the bytes a careless encoder would produce. */
function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.split('').map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push(k), strings(v, out)));
  return out;
}

describe.each(BACKENDS)('bad input on every endpoint (%s)', (backend) => {
  let s: TestServer;
  let clerk: string;
  let admin: string;
  let digest: () => Promise<string>;
  /** The digest after the last refused request (nothing changed since), to spare a query. */
  let known: string | null = null;
  beforeAll(async () => {
    s = await startTestServer(backend);
    clerk = (await s.login('operator')).accessToken;
    admin = (await s.login('admin')).accessToken;
    digest = await storedDigester(s.db);
  });
  afterAll(async () => s?.close());
  beforeEach(() => {
    known = null;
  });

  async function send(method: string, path: string, opts: { auth?: string; contentType?: string | null; body?: string | Uint8Array } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const controller = new AbortController();
    const res = await fetch(s.url + path, { method, headers, body: opts.body as BodyInit | undefined, signal: controller.signal });
    // The live channel never ends: its status is the answer.
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      controller.abort();
      return { status: res.status, json: null };
    }
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, json };
  }

  /** The request is answered without a server error; when it is refused, nothing stored changed. */
  async function probe(label: string, run: () => Promise<Answer>, refused: (a: Answer) => boolean = (a) => a.status >= 400): Promise<Answer> {
    const before = (known ??= await digest());
    known = null;
    const answer = await run();
    expect(answer.status, `${label}: ${JSON.stringify(answer.json)?.slice(0, 300)}`).toBeLessThan(500);
    // 431: Node's HTTP parser refused an over-long URL before any route saw it.
    // Our API answers refusals as {error: {code, message}}; a foreign protocol (Open311) keeps its own shape.
    if (answer.status >= 400 && answer.status !== 431 && answer.json && typeof answer.json === 'object' && !Array.isArray(answer.json)) {
      const code: unknown = answer.json.error?.code;
      expect(typeof code === 'string' ? code : `${label}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 400)}`).toMatch(/^[a-z_]+$/);
    }
    if (refused(answer)) {
      known = await digest();
      expect(known, `${label} changed what was stored`).toBe(before);
    }
    return answer;
  }

  const validationFailed = (label: string, a: Answer) => {
    expect(a.status, label).toBe(400);
    expect(a.json.error.code, label).toBe('validation_failed');
  };

  const postJson = (path: string, body: unknown, auth?: string) => () =>
    send('POST', path, { auth, contentType: 'application/json', body: body === undefined ? '' : JSON.stringify(body) });

  /** Each variant of a JSON body: refused with validation_failed exactly when the shared schema refuses it. */
  async function leafCorpus(path: string, variants: Variant[], accepts: (body: unknown) => boolean, auth: string | undefined, ok: number[]) {
    known = null;
    for (const v of variants) {
      const label = `${path} ${v.path} ${v.label}`;
      const a = await probe(label, postJson(path, v.body, auth));
      if (accepts(v.body)) expect(ok, `${label}: ${a.status} ${JSON.stringify(a.json)?.slice(0, 200)}`).toContain(a.status);
      else validationFailed(label, a);
    }
  }

  it('a NUL and a lone surrogate in an appeal from intake are cleaned away, and the appeal is taken', async () => {
    const body = { ...intakeBody(), text: 'Яма\u0000 на дороге \uD800', author: { name: 'Анна\u0000' }, attachments: [] };
    const a = await probe('intake NUL', postJson('/api/v1/intake/appeals', body, s.integrationToken));
    expect(a.status).toBe(201);
    const row = await s.db.query<{ text: string; author: { name: string } }>('SELECT text, author FROM appeals WHERE id = $1', [a.json.id]);
    expect(row.rows[0]).toEqual({ text: 'Яма на дороге \uFFFD', author: { name: 'Анна' } });
  });

  it('an identifier with a NUL is refused with validation_failed and stores nothing', async () => {
    const a = await probe('intake ref NUL', postJson('/api/v1/intake/appeals', { ...intakeBody(), externalRef: 'vk\u0000' }, s.integrationToken));
    validationFailed('externalRef', a);
    expect(a.json.error.details).toEqual([{ path: 'externalRef', message: 'Must not contain a NUL character or an unpaired UTF-16 surrogate' }]);
  });

  it('intake: every field, each bad value', async () => {
    await leafCorpus('/api/v1/intake/appeals', leafVariants(intakeBody), (b) => intakeRequestSchema.safeParse(b).success, s.integrationToken, [200, 201]);
  });

  it('auth login and refresh: every field, each bad value', async () => {
    await leafCorpus('/api/v1/auth/login', leafVariants(() => ({ username: 'head-m', password: 'demo' })), (b) => loginRequestSchema.safeParse(b).success, undefined, [200, 401]);
    const refresh = (await s.login('head-m')).refreshToken;
    await leafCorpus('/api/v1/auth/refresh', leafVariants(() => ({ refreshToken: refresh })), (b) => refreshRequestSchema.safeParse(b).success, undefined, [200, 401]);
  });

  it.each(MUTATION_NAMES)('push %s: every field of the envelope and of the args, each bad value', async (name) => {
    const fresh = () => ({ clientId: 'bad-input-client', mutations: [{ id: uid('m'), name, args: PUSH_ARGS[name]?.() ?? {} }] });
    const variants = leafVariants(fresh);
    for (const args of GENERIC_ARGS) variants.push({ path: 'mutations.0.args', label: 'generic', body: { ...fresh(), mutations: [{ id: uid('m'), name, args }] } });
    for (const v of variants) {
      const label = `push ${name} ${v.path} ${v.label}`;
      const a = await probe(label, postJson('/api/v1/sync/push', v.body, clerk), (x) => x.status >= 400 || x.json?.results?.[0]?.status === 'rejected');
      const envelope = pushRequestSchema.safeParse(v.body);
      if (!envelope.success) {
        validationFailed(label, a);
        continue;
      }
      expect(a.status, label).toBe(200);
      // A transient error would stop the batch with no result: every mutation must be answered.
      expect(a.json.results, label).toHaveLength(1);
      const parsed = parseMutation(mutationEnvelopeSchema.parse(envelope.data.mutations[0]));
      if (!parsed.ok) expect([a.json.results[0].status, a.json.results[0].code], label).toEqual(['rejected', parsed.code]);
    }
  });

  it('pull: bad query parameters are refused, never a 500', async () => {
    for (const param of ['cursor', 'limit']) {
      for (const value of BAD_QUERY_VALUES) {
        const a = await probe(`pull ${param}=${value.slice(0, 20)}`, () => send('GET', `/api/v1/sync/pull?${param}=${value}`, { auth: clerk }));
        expect([200, 400], `${param}=${value.slice(0, 20)}`).toContain(a.status);
      }
    }
    const twice = await probe('pull cursor twice', () => send('GET', '/api/v1/sync/pull?cursor=1&cursor=2', { auth: clerk }));
    validationFailed('cursor twice', twice);
  });

  it('attachments: every field of the upload, wrong content types, bad ids in the path', async () => {
    const upload = (q: Record<string, unknown>, type = 'image/png', bytes: Uint8Array = PNG) => {
      const qs = Object.entries(q).map(([k, v]) => `${k}=${encodeQueryValue(String(v))}`).join('&');
      return () => send('POST', `/api/v1/attachments?${qs}`, { auth: clerk, contentType: type, body: bytes });
    };
    for (const v of leafVariants(() => ({ id: uid('f'), appealId: 'a-m1', name: 'фото.png' }))) {
      const q = v.body as Record<string, unknown>;
      const label = `upload ${v.path} ${v.label}`;
      const a = await probe(label, upload(q));
      const asQuery = Object.fromEntries(Object.entries(q).map(([k, x]) => [k, String(x)]));
      // A lone surrogate cannot travel in a URL as itself: its bytes arrive as U+FFFD (an id then names nothing).
      if (a.status === 431) continue; // the over-long value made the URL longer than Node reads
      if (!Object.values(asQuery).every(isStorableString)) expect([200, 201, 400, 404], label).toContain(a.status);
      else if (uploadQuery.safeParse(asQuery).success) expect([200, 201, 404], label).toContain(a.status);
      else validationFailed(label, a);
    }
    for (const type of ['text/html', 'image/svg+xml', 'application/json', 'application/octet-stream']) {
      const a = await probe(`upload as ${type}`, upload({ id: uid('f'), appealId: 'a-m1', name: 'x.png' }, type));
      expect(a.status, type).toBe(415);
    }
    for (const segment of BAD_PATH_SEGMENTS) {
      const a = await probe(`attachment ${segment.slice(0, 20)}`, () => send('GET', `/api/v1/attachments/${segment}`, { auth: clerk }));
      expect([400, 404, 414], segment.slice(0, 20)).toContain(a.status);
    }
  });

  it('live: bad query parameters never reach a 500', async () => {
    for (const value of BAD_QUERY_VALUES) {
      for (const param of ['token', 'ticket']) {
        const a = await probe(`live ${param}=${value.slice(0, 20)}`, () => send('GET', `/api/v1/sync/live?${param}=${value}`));
        expect([400, 401], `${param}=${value.slice(0, 20)}`).toContain(a.status);
      }
    }
  });

  it('Open311: a NUL or a broken character in a form field is cleaned away, never a 500', async () => {
    const form = `api_key=${encodeURIComponent(s.integrationToken)}&service_code=roads&address_string=%D1%83%D0%BB.%00%201&description=%D0%AF%D0%BC%D0%B0%00%ED%A0%80&first_name=%00`;
    const a = await probe('open311 NUL', () => send('POST', '/open311/v2/requests.json', { contentType: 'application/x-www-form-urlencoded', body: form }));
    expect(a.status).toBe(201);
    const id = a.json[0].service_request_id as string;
    const found = await send('GET', `/open311/v2/requests/${encodeURIComponent(id)}.json`);
    expect(strings(found.json).filter((x) => !isStorableString(x))).toEqual([]);
  });

  it('every route of the app, as registered, answers the generic corpus without a server error or a change', async () => {
    const routes = registeredRoutes(s.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const auth = route.url.includes('/intake/') ? s.integrationToken : admin;
      const paths = route.url.includes(':') || route.url.includes('*')
        ? BAD_PATH_SEGMENTS.map((seg) => route.url.replace(/:[A-Za-z]+|\*/g, seg))
        : [route.url];
      for (const path of paths) {
        for (const value of BAD_QUERY_VALUES.slice(0, 4)) {
          await probe(`${route.method} ${path.slice(0, 60)}?q=${value}`, () => send(route.method, `${path}?id=${value}&cursor=${value}&name=${value}`, { auth }));
        }
        if (route.method === 'GET') continue;
        for (const b of BAD_BODIES) {
          const a = await probe(`${route.method} ${path.slice(0, 60)} ${b.label}`, () => send(route.method, path, { auth, contentType: b.contentType, body: b.body }));
          // Bytes are an attachment's body; elsewhere what is not a JSON object must be refused.
          if (!route.url.endsWith('/attachments') && !b.object) expect(a.status, `${route.url} ${b.label}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });

  it('afterwards nothing the server serves carries a NUL or a lone surrogate', async () => {
    for (const token of [clerk, admin]) {
      const res = await fetch(`${s.url}/api/v1/sync/pull?limit=5000`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const all = strings(await res.json());
      expect(all.length).toBeGreaterThan(100);
      expect(all.filter((x) => !isStorableString(x))).toEqual([]);
    }
  });
});
