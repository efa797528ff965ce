import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, SERVER_URL_KEY } from './browser';
import type { StoredSession } from '../../shared/bridge';

class MemoryStorage {
  private map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const open = vi.fn(() => null);
const win = { location: { origin: 'https://otklik.adygea.ru' }, open } as unknown as Window;

beforeEach(() => {
  vi.stubGlobal('localStorage', new MemoryStorage());
  open.mockClear();
});
afterEach(() => vi.unstubAllGlobals());

describe('browser bridge', () => {
  it('talks to the server the page came from unless another address was chosen', async () => {
    const bridge = createBrowserBridge(win);
    expect(bridge.kind).toBe('browser');
    expect(await bridge.getConfig()).toEqual({ serverUrl: 'https://otklik.adygea.ru', serverUrlSource: 'page' });
    expect(await bridge.setServerUrl('http://10.0.0.5:8787/')).toEqual({ serverUrl: 'http://10.0.0.5:8787', serverUrlSource: 'saved' });
    expect(localStorage.getItem(SERVER_URL_KEY)).toBe('http://10.0.0.5:8787');
    await expect(bridge.setServerUrl('javascript:alert(1)')).rejects.toThrow();
    expect(await bridge.setServerUrl('https://otklik.adygea.ru')).toEqual({ serverUrl: 'https://otklik.adygea.ru', serverUrlSource: 'page' });
    expect(localStorage.getItem(SERVER_URL_KEY)).toBeNull();
  });

  it('keeps the session across restarts and forgets it on logout', async () => {
    const session: StoredSession = {
      user: { id: 'u1', username: 'operator', displayName: 'Ирина', role: 'clerk', municipalityId: 'maykop' },
      accessToken: 'a',
      refreshToken: 'r',
      serverUrl: 'https://otklik.adygea.ru',
    };
    await createBrowserBridge(win).saveSession(session);
    expect(await createBrowserBridge(win).loadSession()).toEqual(session);
    await createBrowserBridge(win).saveSession(null);
    expect(await createBrowserBridge(win).loadSession()).toBeNull();
  });

  it('opens only allow-listed https links, in a new tab without an opener', async () => {
    const bridge = createBrowserBridge(win);
    expect(await bridge.openExternal('https://vk.com/wall-1_2')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://vk.com/wall-1_2', '_blank', 'noopener,noreferrer');
    expect(await bridge.openExternal('https://evil.example/vk.com')).toBe(false);
    expect(await bridge.openExternal('http://vk.com/id1')).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});
