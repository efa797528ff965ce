import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from './protocol';

const root = path.resolve('/opt/otklik/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppPath', () => {
  it('serves files of the built renderer', () => {
    expect(resolveAppPath(root, 'app://otklik/index.html')).toBe(inRoot('index.html'));
    expect(resolveAppPath(root, 'app://otklik/assets/index-abc123.js')).toBe(inRoot('assets', 'index-abc123.js'));
    expect(resolveAppPath(root, 'app://otklik/assets/app.css?v=2#x')).toBe(inRoot('assets', 'app.css'));
    expect(resolveAppPath(root, 'app://otklik/img/%D1%84%D0%BE%D1%82%D0%BE.png')).toBe(inRoot('img', 'фото.png'));
  });

  it('answers SPA routes with index.html so a reload on /appeals/42 still opens the app', () => {
    expect(resolveAppPath(root, 'app://otklik/')).toBe(inRoot('index.html'));
    expect(resolveAppPath(root, 'app://otklik')).toBe(inRoot('index.html'));
    expect(resolveAppPath(root, 'app://otklik/queue')).toBe(inRoot('index.html'));
    expect(resolveAppPath(root, 'app://otklik/appeals/42/')).toBe(inRoot('index.html'));
  });

  it.each([
    'app://otklik/../etc/passwd',
    'app://otklik/assets/../../etc/passwd',
    'app://otklik/%2e%2e/etc/passwd',
    'app://otklik/%2E%2E/%2E%2E/etc/passwd',
    'app://otklik/.%2e/secret.txt',
    'app://otklik/assets/..%2f..%2fsecret.txt',
    'app://otklik/..%5c..%5csecret.txt',
    'app://otklik//etc/passwd',
    'app://otklik/%2Fetc%2Fpasswd',
    'app://otklik/C:/Windows/win.ini',
    'app://otklik/a%00.js',
    'app://otklik/./index.html',
    'app://otklik/%E0%A4%A.js',
  ])('refuses traversal and absolute paths: %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://evil/index.html',
    'app://otklik:8080/index.html',
    'app://user:pw@otklik/index.html',
    'https://otklik/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses other origins: %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build produces', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [inRoot('index.html'), '<!doctype html><title>Отклик</title>'],
    [inRoot('assets', 'app.js'), 'console.log(1)'],
  ]);
  const handler = createAppProtocolHandler({
    rootDir: root,
    readFile: async (file) => {
      const text = files.get(file);
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
    getServerUrl: () => 'http://127.0.0.1:8787',
  });

  it('serves a file with its type and the CSP header', async () => {
    const response = await handler(new Request('app://otklik/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain('connect-src \'self\' http://127.0.0.1:8787');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for a deep link', async () => {
    const response = await handler(new Request('app://otklik/appeals/17'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Отклик</title>');
  });

  it('answers 404 for a missing asset and for a refused path, never a file outside the root', async () => {
    expect((await handler(new Request('app://otklik/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler(new Request('app://otklik/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
