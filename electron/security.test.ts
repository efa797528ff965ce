import { describe, expect, it, vi } from 'vitest';
import {
  createNavigationGuard,
  createWindowOpenHandler,
  isAllowedNavigation,
  permissionCheckHandler,
  permissionRequestHandler,
} from './security';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('navigation', () => {
  it('stays inside app://otklik', () => {
    expect(isAllowedNavigation('app://otklik/index.html')).toBe(true);
    expect(isAllowedNavigation('app://otklik/appeals/42')).toBe(true);
  });

  it.each([
    'https://vk.com/wall-1_2',
    'https://evil.example/',
    'http://127.0.0.1:8787/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://otklik.evil.example/',
    'app://evil/',
    '',
  ])('blocks navigating the window to %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    const openExternal = vi.fn();
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(openExternal)(event, url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('lets an in-app navigation through', () => {
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(vi.fn())(event, 'app://otklik/settings');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('opens an allow-listed link clicked in an appeal in the system browser instead', async () => {
    const openExternal = vi.fn();
    createNavigationGuard(openExternal)({ preventDefault: vi.fn() }, 'https://vk.com/wall-1_2');
    await flush();
    expect(openExternal).toHaveBeenCalledWith('https://vk.com/wall-1_2');
  });
});

describe('new windows', () => {
  it('denies every new window and hands allow-listed https links to the system browser', async () => {
    const openExternal = vi.fn();
    const handler = createWindowOpenHandler(openExternal);
    expect(handler({ url: 'https://vk.com/wall-1_2' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://m.ok.ru/group/1' })).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal.mock.calls).toEqual([['https://vk.com/wall-1_2'], ['https://m.ok.ru/group/1']]);
  });

  it.each([
    'http://vk.com/wall-1_2',
    'https://evil.example/',
    'https://vk.com.evil.example/',
    'https://user:pw@vk.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://otklik/index.html',
  ])('opens nothing for %s', async (url) => {
    const openExternal = vi.fn();
    expect(createWindowOpenHandler(openExternal)({ url })).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('survives the system browser failing to open', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = createWindowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://t.me/otklik' })).toEqual({ action: 'deny' });
    await flush();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('permissions', () => {
  const request = (permission: string, requestingUrl: string) => {
    const callback = vi.fn();
    permissionRequestHandler(null, permission, callback, { requestingUrl });
    return callback.mock.calls[0]?.[0] as boolean;
  };

  it('grants notifications to our page', () => {
    expect(request('notifications', 'app://otklik/index.html')).toBe(true);
    expect(permissionCheckHandler(null, 'notifications', 'app://otklik', {})).toBe(true);
  });

  it('grants persistent storage so the offline replica is not evicted', () => {
    expect(request('persistent-storage', 'app://otklik/index.html')).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'usb', 'fullscreen'])('denies %s', (permission) => {
    expect(request(permission, 'app://otklik/index.html')).toBe(false);
    expect(permissionCheckHandler(null, permission, 'app://otklik', {})).toBe(false);
  });

  it('denies even notifications to any other origin', () => {
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect(permissionCheckHandler(null, 'notifications', 'https://evil.example', {})).toBe(false);
  });
});
