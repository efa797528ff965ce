import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConfigStore, DEFAULT_SERVER_URL, PRESET_FILE_NAME, presetServerUrlFiles } from './config';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-config-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('workstation config', () => {
  it('defaults to OTKLIK_SERVER_URL, else says none was given (the first run asks)', () => {
    expect(createConfigStore(dir, {}).get()).toEqual({ serverUrl: DEFAULT_SERVER_URL, serverUrlSource: 'none' });
    expect(createConfigStore(dir, { OTKLIK_SERVER_URL: 'https://cur.example.ru/' }).get()).toEqual({
      serverUrl: 'https://cur.example.ru',
      serverUrlSource: 'environment',
    });
  });

  it('takes a server address preset by the installer or an administrator, first file found wins', () => {
    const beside = path.join(dir, 'app', PRESET_FILE_NAME);
    const machine = path.join(dir, 'etc-otklik-server-url');
    fs.mkdirSync(path.dirname(beside));
    fs.writeFileSync(machine, '# Отклик: адрес регионального сервера\nhttps://otklik.region.ru/\n');
    const userData = path.join(dir, 'userData');
    expect(createConfigStore(userData, {}, [beside, machine]).get()).toEqual({ serverUrl: 'https://otklik.region.ru', serverUrlSource: 'preset' });
    fs.writeFileSync(beside, '\uFEFFhttps://mo.region.ru\r\n');
    expect(createConfigStore(userData, {}, [beside, machine]).get().serverUrl).toBe('https://mo.region.ru');
    // The environment variable is more specific than a machine-wide file; a saved choice beats both.
    expect(createConfigStore(userData, { OTKLIK_SERVER_URL: 'https://env.region.ru' }, [beside]).get().serverUrlSource).toBe('environment');
    createConfigStore(userData, {}, [beside]).setServerUrl('https://chosen.region.ru');
    expect(createConfigStore(userData, {}, [beside]).get()).toEqual({ serverUrl: 'https://chosen.region.ru', serverUrlSource: 'saved' });
  });

  it('ignores a preset file that holds no usable address', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const file = path.join(dir, 'server-url.txt');
    fs.writeFileSync(file, 'otklik.region.ru\n');
    expect(createConfigStore(path.join(dir, 'u'), {}, [file]).get().serverUrlSource).toBe('none');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('looks for the preset beside the executable (the AppImage file) and in the machine-wide place', () => {
    expect(presetServerUrlFiles({ exePath: '/opt/Otklik/otklik', env: {}, platform: 'linux' })).toEqual([
      '/opt/Otklik/server-url.txt',
      '/etc/otklik/server-url',
    ]);
    expect(presetServerUrlFiles({ exePath: '/tmp/.mount_x/otklik', env: { APPIMAGE: '/home/u/Otklik.AppImage' }, platform: 'linux' })[0]).toBe(
      '/home/u/server-url.txt',
    );
    expect(presetServerUrlFiles({ exePath: 'C:/Users/u/AppData/Local/Programs/otklik/Otklik.exe', env: { ProgramData: 'C:\\ProgramData' }, platform: 'win32' })).toEqual([
      path.join('C:/Users/u/AppData/Local/Programs/otklik', 'server-url.txt'),
      'C:\\ProgramData\\Otklik\\server-url.txt',
    ]);
  });

  it('ignores an OTKLIK_SERVER_URL that is not http(s)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(createConfigStore(dir, { OTKLIK_SERVER_URL: 'ftp://x' }).get().serverUrl).toBe(DEFAULT_SERVER_URL);
  });

  it('saves a new server URL in config.json and keeps it across restarts', () => {
    const store = createConfigStore(dir, {});
    expect(store.setServerUrl(' https://cur.example.ru:8443/ ')).toEqual({ serverUrl: 'https://cur.example.ru:8443', serverUrlSource: 'saved' });
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
