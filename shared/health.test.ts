import { describe, expect, it } from 'vitest';
import { checkOtklikServer, otklikServerVersion } from './health';

describe('recognising an Otklik server', () => {
  it('accepts the health answer of an Otklik server and nothing else', () => {
    expect(otklikServerVersion({ status: 'ok', app: 'otklik', version: '0.1.0' })).toBe('0.1.0');
    expect(otklikServerVersion({ status: 'ok' })).toBeNull();
    expect(otklikServerVersion({ status: 'ok', app: 'grafana', version: '1' })).toBeNull();
    expect(otklikServerVersion('<html>')).toBeNull();
  });
});

describe('checking an address before it is saved', () => {
  const answer = (status: number, body: string) => async () => new Response(body, { status });

  it('recognises an Otklik server by its health answer', async () => {
    const seen: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ status: 'ok', app: 'otklik', version: '0.3.0' }));
    }) as typeof fetch;
    expect(await checkOtklikServer('https://otklik.region.ru', fetchFn)).toEqual({ ok: true, url: 'https://otklik.region.ru', version: '0.3.0' });
    expect(seen).toEqual(['https://otklik.region.ru/api/v1/health']);
  });

  it('tells another web server, an error page and no answer apart', async () => {
    expect(await checkOtklikServer('https://x.ru', answer(200, '<html>intranet</html>') as typeof fetch)).toEqual({ ok: false, reason: 'not-otklik' });
    expect(await checkOtklikServer('https://x.ru', answer(200, '{"status":"ok"}') as typeof fetch)).toEqual({ ok: false, reason: 'not-otklik' });
    expect(await checkOtklikServer('https://x.ru', answer(502, '{"status":"ok","app":"otklik","version":"1"}') as typeof fetch)).toEqual({
      ok: false,
      reason: 'not-otklik',
    });
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await checkOtklikServer('https://x.ru', refused)).toEqual({ ok: false, reason: 'unreachable' });
  });
});
