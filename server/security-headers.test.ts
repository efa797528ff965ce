import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

describe.each(BACKENDS)('security headers over HTTP (%s)', (backend) => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Отклик</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    s = await startTestServer(backend, { staticDir: dir });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pageHeaders = (res: Response) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('the workstation page, a deep link and its scripts carry the CSP and refuse framing', async () => {
    for (const path of ['/', '/appeals/a-1', '/assets/app.js']) {
      const res = await fetch(s.url + path);
      expect(res.status).toBe(200);
      pageHeaders(res);
    }
  });

  it('a missing asset is a 404 with the same headers', async () => {
    const res = await fetch(`${s.url}/assets/missing.js`);
    expect(res.status).toBe(404);
    pageHeaders(res);
  });

  it('API answers, errors included, are not sniffed and leak no referrer', async () => {
    for (const [path, status] of [['/api/v1/health', 200], ['/api/v1/me', 401], ['/api/v1/nope', 404]] as const) {
      const res = await fetch(s.url + path);
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
