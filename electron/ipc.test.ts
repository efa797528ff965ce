import { describe, expect, it, vi } from 'vitest';
import { IPC, type StoredSession, type WorkstationConfig } from '../shared/bridge';
import type { ServerCheck } from '../shared/health';
import { serverUrlSchema, type ConfigStore } from './config';
import { registerIpcHandlers, type IpcDeps, type InvokeEvent, type InvokeHandler } from './ipc';
import type { TokenStore } from './tokens';

const session: StoredSession = {
  user: { id: 'u1', username: 'operator', displayName: 'Оператор', role: 'clerk', municipalityId: null },
  accessToken: 'a.b.c',
  refreshToken: 'r-1',
  serverUrl: 'http://127.0.0.1:8787',
};

function setup() {
  const mainContents = { id: 1 };
  let config: WorkstationConfig = { serverUrl: 'http://127.0.0.1:8787', serverUrlSource: 'none' };
  const configStore: ConfigStore = {
    get: () => config,
    setServerUrl: (url) => {
      const parsed = serverUrlSchema.safeParse(url);
      if (!parsed.success) throw new Error('Invalid server URL');
      config = { serverUrl: parsed.data, serverUrlSource: 'saved' };
      return config;
    },
  };
  let saved: StoredSession | null = null;
  const tokens: TokenStore = { save: vi.fn((s) => void (saved = s)), load: () => saved };
  const deps = {
    getMainWebContents: () => mainContents,
    config: configStore,
    tokens,
    openExternal: vi.fn(async () => {}),
    notify: vi.fn(),
    onServerUrlChanged: vi.fn(),
    checkServer: vi.fn(async (url: string): Promise<ServerCheck> => (url.includes('otklik') ? { ok: true, url, version: '0.1.0' } : { ok: false, reason: 'not-otklik' })),
  } satisfies IpcDeps;
  const handlers = new Map<string, InvokeHandler>();
  registerIpcHandlers({ handle: (channel, listener) => void handlers.set(channel, listener) }, deps);

  const fromApp: InvokeEvent = { sender: mainContents, senderFrame: { url: 'app://otklik/index.html', parent: null } };
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { deps, handlers, fromApp, mainContents, invoke, saved: () => saved };
}

describe('IPC handlers', () => {
  it('registers one handler per bridge channel', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
  });

  describe('refuse callers other than our window', () => {
    const { mainContents, invoke, deps } = setup();
    const foreign: Array<[string, InvokeEvent]> = [
      ['another webContents', { sender: { id: 2 }, senderFrame: { url: 'app://otklik/index.html', parent: null } }],
      ['a page navigated elsewhere', { sender: mainContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
      ['a file:// page', { sender: mainContents, senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
      ['a subframe', { sender: mainContents, senderFrame: { url: 'app://otklik/index.html', parent: {} } }],
      ['a destroyed frame', { sender: mainContents, senderFrame: null }],
    ];
    for (const [name, event] of foreign) {
      it.each(Object.values(IPC))(`${name}: %s`, async (channel) => {
        await expect(invoke(channel, event, 'https://vk.com/x', 'b')).rejects.toThrow(/not the Otklik window/);
      });
    }
    it('and nothing happened', () => {
      expect(deps.tokens.save).not.toHaveBeenCalled();
      expect(deps.openExternal).not.toHaveBeenCalled();
      expect(deps.notify).not.toHaveBeenCalled();
    });
  });

  it('refuses every call once the window is gone', () => {
    const { deps, fromApp } = setup();
    const handlers = new Map<string, InvokeHandler>();
    registerIpcHandlers({ handle: (c, l) => void handlers.set(c, l) }, { ...deps, getMainWebContents: () => null });
    for (const channel of Object.values(IPC)) {
      expect(() => handlers.get(channel)?.(fromApp)).toThrow(/not the Otklik window/);
    }
  });

  it('gets and sets the config, reporting a real change', async () => {
    const { invoke, fromApp, deps } = setup();
    expect(await invoke(IPC.getConfig, fromApp)).toEqual({ serverUrl: 'http://127.0.0.1:8787', serverUrlSource: 'none' });
    expect(await invoke(IPC.setServerUrl, fromApp, 'https://cur.example.ru/')).toEqual({ serverUrl: 'https://cur.example.ru', serverUrlSource: 'saved' });
    expect(deps.onServerUrlChanged).toHaveBeenCalledTimes(1);
    await invoke(IPC.setServerUrl, fromApp, 'https://cur.example.ru');
    expect(deps.onServerUrlChanged).toHaveBeenCalledTimes(1);
    await expect(invoke(IPC.setServerUrl, fromApp, 'javascript:alert(1)')).rejects.toThrow(/Invalid server URL/);
  });

  it('saves, loads and clears a valid session', async () => {
    const { invoke, fromApp, saved } = setup();
    await invoke(IPC.saveSession, fromApp, session);
    expect(saved()).toEqual(session);
    expect(await invoke(IPC.loadSession, fromApp)).toEqual(session);
    await invoke(IPC.saveSession, fromApp, null);
    expect(await invoke(IPC.loadSession, fromApp)).toBeNull();
  });

  it.each([
    ['no argument', undefined],
    ['a string', 'token'],
    ['an empty access token', { ...session, accessToken: '' }],
    ['an unknown role', { ...session, user: { ...session.user, role: 'root' } }],
    ['a javascript: server', { ...session, serverUrl: 'javascript:alert(1)' }],
    ['a missing user', { ...session, user: undefined }],
  ])('refuses to save a session with %s', async (_name, bad) => {
    const { invoke, fromApp, deps } = setup();
    await expect(invoke(IPC.saveSession, fromApp, bad)).rejects.toThrow(/Invalid arguments for otklik:save-session/);
    expect(deps.tokens.save).not.toHaveBeenCalled();
  });

  it('opens only allow-listed https links', async () => {
    const { invoke, fromApp, deps } = setup();
    expect(await invoke(IPC.openExternal, fromApp, 'https://vk.com/wall-1_2')).toBe(true);
    expect(await invoke(IPC.openExternal, fromApp, 'http://vk.com/wall-1_2')).toBe(false);
    expect(await invoke(IPC.openExternal, fromApp, 'https://evil.example/')).toBe(false);
    expect(await invoke(IPC.openExternal, fromApp, 'javascript:alert(1)')).toBe(false);
    await expect(invoke(IPC.openExternal, fromApp, { href: 'https://vk.com' })).rejects.toThrow(/Invalid arguments/);
    await expect(invoke(IPC.openExternal, fromApp, `https://vk.com/${'a'.repeat(3000)}`)).rejects.toThrow(/Invalid arguments/);
    expect(deps.openExternal.mock.calls).toEqual([['https://vk.com/wall-1_2']]);
  });

  it('shows a notification with a sane title and body', async () => {
    const { invoke, fromApp, deps } = setup();
    await invoke(IPC.notify, fromApp, 'Новое обращение', 'Яма на дороге, ул. Ленина');
    expect(deps.notify).toHaveBeenCalledWith('Новое обращение', 'Яма на дороге, ул. Ленина');
    await expect(invoke(IPC.notify, fromApp, '', 'body')).rejects.toThrow(/Invalid arguments for otklik:notify/);
    await expect(invoke(IPC.notify, fromApp, 'x'.repeat(201), 'body')).rejects.toThrow(/Invalid arguments/);
    await expect(invoke(IPC.notify, fromApp, 'title', 'y'.repeat(1001))).rejects.toThrow(/Invalid arguments/);
    await expect(invoke(IPC.notify, fromApp, 'title', 7)).rejects.toThrow(/Invalid arguments/);
    expect(deps.notify).toHaveBeenCalledTimes(1);
  });
});

describe('update IPC', () => {
  it('reports the updater state and restarts into a ready update only', async () => {
    const { invoke, fromApp, deps } = setup();
    const updates = { status: vi.fn(() => ({ state: 'ready' as const, current: '0.1.0', version: '0.2.0' })), install: vi.fn(() => true) };
    const handlers = new Map<string, InvokeHandler>();
    registerIpcHandlers({ handle: (c, l) => void handlers.set(c, l) }, { ...deps, updates });
    expect(await handlers.get(IPC.getUpdateStatus)?.(fromApp)).toEqual({ state: 'ready', current: '0.1.0', version: '0.2.0' });
    expect(await handlers.get(IPC.installUpdate)?.(fromApp)).toBe(true);
    expect(updates.install).toHaveBeenCalledTimes(1);

    // Unpackaged (npm start): no updater, nothing to install.
    expect(await invoke(IPC.getUpdateStatus, fromApp)).toEqual({ state: 'not-applicable' });
    expect(await invoke(IPC.installUpdate, fromApp)).toBe(false);
  });
});

describe('checking a server address', () => {
  it('asks only a well-formed address, from the main process', async () => {
    const { invoke, fromApp, deps } = setup();
    expect(await invoke(IPC.checkServer, fromApp, 'https://otklik.region.ru/')).toEqual({ ok: true, url: 'https://otklik.region.ru', version: '0.1.0' });
    expect(await invoke(IPC.checkServer, fromApp, 'https://intranet.region.ru')).toEqual({ ok: false, reason: 'not-otklik' });
    expect(await invoke(IPC.checkServer, fromApp, 'http://10.0.0.5:8787')).toEqual({ ok: false, reason: 'invalid' });
    expect(await invoke(IPC.checkServer, fromApp, 'javascript:alert(1)')).toEqual({ ok: false, reason: 'invalid' });
    expect(deps.checkServer.mock.calls).toEqual([['https://otklik.region.ru'], ['https://intranet.region.ru']]);
  });
});
