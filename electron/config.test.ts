import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConfigStore, DEFAULT_SERVER_URL } from './config';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-config-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('workstation config', () => {
  it('defaults to OTKLIK_SERVER_URL, else the local server', () => {
    expect(createConfigStore(dir, {}).get()).toEqual({ serverUrl: DEFAULT_SERVER_URL });
    expect(createConfigStore(dir, { OTKLIK_SERVER_URL: 'https://cur.example.ru/' }).get()).toEqual({
      serverUrl: 'https://cur.example.ru',
    });
  });

  it('ignores an OTKLIK_SERVER_URL that is not http(s)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(createConfigStore(dir, { OTKLIK_SERVER_URL: 'ftp://x' }).get().serverUrl).toBe(DEFAULT_SERVER_URL);
  });

  it('saves a new server URL in config.json and keeps it across restarts', () => {
    const store = createConfigStore(dir, {});
    expect(store.setServerUrl(' https://cur.example.ru:8443/ ')).toEqual({ serverUrl: 'https://cur.example.ru:8443' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      serverUrl: 'https://cur.example.ru:8443',
    });
    expect(createConfigStore(dir, { OTKLIK_SERVER_URL: 'http://other:1' }).get().serverUrl).toBe('https://cur.example.ru:8443');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://cur.example.ru', 'cur.example.ru', '', 'https://u:p@x.ru', 42, null])(
    'refuses %s and keeps the previous URL',
    (bad) => {
      const store = createConfigStore(dir, {});
      expect(() => store.setServerUrl(bad)).toThrow(/Invalid server URL/);
      expect(store.get().serverUrl).toBe(DEFAULT_SERVER_URL);
      expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
    },
  );

  it('accepts plain http only for a server on this computer', () => {
    const store = createConfigStore(dir, {});
    expect(store.setServerUrl('http://localhost:8787').serverUrl).toBe('http://localhost:8787');
    expect(store.setServerUrl('http://127.0.0.2:8787').serverUrl).toBe('http://127.0.0.2:8787');
    expect(store.setServerUrl('http://[::1]:8787').serverUrl).toBe('http://[::1]:8787');
    expect(() => store.setServerUrl('http://10.0.0.5:8787')).toThrow(/another computer must use https/);
    expect(() => store.setServerUrl('http://cur.example.ru')).toThrow(/another computer must use https/);
    expect(store.get().serverUrl).toBe('http://[::1]:8787');
  });

  it('falls back to the default when config.json is damaged', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.writeFileSync(path.join(dir, 'config.json'), '{"serverUrl": "javascript:1"}');
    expect(createConfigStore(dir, {}).get().serverUrl).toBe(DEFAULT_SERVER_URL);
    fs.writeFileSync(path.join(dir, 'config.json'), '{not json');
    expect(createConfigStore(dir, {}).get().serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
